import { PRIORITY_RANK, STATUS_RANK, type SortField } from './constants.ts';
import type { TicketSummary } from './schemas.ts';

/** Sort ticket summaries by a column; ties fall back to priority, then age, so lists are stable. */
export function sortTickets(items: TicketSummary[], field: SortField, order: 'asc' | 'desc'): TicketSummary[] {
  const key = (t: TicketSummary): string | number => {
    switch (field) {
      case 'number':
        return t.number;
      case 'subject':
        return t.subject.toLowerCase();
      case 'status':
        return STATUS_RANK[t.status];
      case 'priority':
        return PRIORITY_RANK[t.priority];
      case 'requester':
        return t.requesterName.toLowerCase();
      case 'slaDueAt':
        // No running clock: after every ticket with one, whatever the order.
        return t.slaDueAt ?? (order === 'asc' ? '\uffff' : '');
      default:
        return t[field];
    }
  };
  const dir = order === 'asc' ? 1 : -1;
  const tie = (a: TicketSummary, b: TicketSummary) =>
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.createdAt.localeCompare(b.createdAt) || a.number - b.number;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return c * dir || tie(a, b);
  });
}
