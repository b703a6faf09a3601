/**
 * Ticket Management's text filter over every ticket (issue 9, V1): the search finds the
 * numbers (subject, description, messages, notes, requester, company; ranked), one BatchGet
 * reads those tickets, and they come back as the list's own summaries (SLA badge included), so
 * the workspace table shows them like any list and narrows them with its other filters.
 */
import { requireRole, type Actor } from '../auth/actor.ts';
import { STAFF_ROLES } from '../auth/constants.ts';
import { getTicketsByNumbers } from '../db/split.ts';
import { loadSlaConfig } from '../db/sla.ts';
import { listTeamItems } from '../db/store.ts';
import { searchIndex, viewerOf as searchViewerOf } from '../search/search.ts';
import { withBadge } from '../tickets/sla-lists.ts';
import { viewerOf } from '../tickets/tickets.ts';
import { summaryView } from '../tickets/view.ts';
import type { TicketSummary } from '../tickets/schemas.ts';
import { SearchTicketsQuery } from './schemas.ts';

/** A page of the tickets matching a text, best first, as the workspace's list shows them (staff). */
export async function searchTickets(actor: Actor, raw: SearchTicketsQuery): Promise<{ items: TicketSummary[]; nextCursor?: string }> {
  requireRole(actor, STAFF_ROLES);
  const q = SearchTicketsQuery.parse(raw);
  const teams = listTeamItems(actor.tenantId);
  const [found, viewer, config] = await Promise.all([
    searchIndex(actor.tenantId, searchViewerOf(actor), { q: q.q, kinds: ['ticket'], limit: q.limit ?? 50, cursor: q.cursor }),
    viewerOf(actor, teams),
    loadSlaConfig(actor.tenantId, teams),
  ]);
  const numbers = found.items.flatMap((h) => (h.number ? [h.number] : []));
  const tickets = new Map((await getTicketsByNumbers(actor.tenantId, numbers)).map((t) => [t.number, t]));
  const now = Date.now();
  // In the search's order; a ticket deleted since it was indexed is left out.
  const items = numbers.flatMap((n) => {
    const t = tickets.get(n);
    return t ? [withBadge(summaryView(t, viewer), t, config, now)] : [];
  });
  return { items, ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) };
}
