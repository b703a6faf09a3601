import { PRIORITY_RANK, type TicketSummary } from './schemas.ts';

type SortField = 'number' | 'subject' | 'status' | 'priority' | 'createdAt' | 'updatedAt' | 'requester';

const STATUS_ORDER = { new: 0, open: 1, waiting: 2, solved: 3, unsolvable: 4 } as const;

/** Sort ticket summaries by a column; ties fall back to priority, then age, so lists are stable. */
export function sortTickets(items: TicketSummary[], field: SortField, order: 'asc' | 'desc'): TicketSummary[] {
  const key = (t: TicketSummary): string | number => {
    switch (field) {
      case 'number':
        return t.number;
      case 'subject':
        return t.subject.toLowerCase();
      case 'status':
        return STATUS_ORDER[t.status];
      case 'priority':
        return PRIORITY_RANK[t.priority];
      case 'requester':
        return t.requesterName.toLowerCase();
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
