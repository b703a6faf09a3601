/**
 * Service levels on the ticket lists (issue 7, S3): each staff summary's badge, the
 * at-risk/breached filter, and "due first" across a status view. Customers never see any of it.
 */
import type { TicketItem } from '../db/items.ts';
import { ticketPositions, ticketsInStatus } from '../db/store.ts';
import { badgeOf, type SlaConfig } from '../sla/engine.ts';
import { PRIORITY_RANK, type Status } from './constants.ts';
import type { Positions } from './pages.ts';
import { dueKeyOf } from './queues.ts';
import { CLOSED_STATUSES, type TicketSummary } from './schemas.ts';

/** A staff summary with its SLA badge: the most urgent running clock's state, target and business minutes left. */
export function withBadge(s: TicketSummary, t: TicketItem, config: SlaConfig, now: number): TicketSummary {
  const badge = badgeOf(t, config, now);
  return badge ? { ...s, slaDueAt: t.slaDueAt, ...badge } : s;
}

/** Where "due first" over the open statuses stands in the cursor: how many it has returned (`null`: done, the closed ones follow). */
const OFFSET = '@due';
const PAGE = 200;

/** Every ticket in one status: all pages of its gsi1 queue. */
async function everyTicketIn(tenantId: string, status: Status): Promise<TicketItem[]> {
  const all: TicketItem[] = [];
  for (let after: string | undefined; ;) {
    const page = await ticketsInStatus(tenantId, status, { after, limit: PAGE });
    all.push(...page);
    if (page.length < PAGE) return all;
    after = ticketPositions(tenantId, page[page.length - 1]!).queue;
  }
}

/**
 * A page of a status view (new, customer waiting, support waiting, closed, all) ordered due
 * first across the whole view, not only within the page. The status indexes are ordered by
 * priority and age, so the open statuses are read whole (every page of their gsi1 queues, one
 * read unit per ~20 summaries: the open work of a desk, not its history), ordered by the stored
 * target of each ticket's most urgent running clock (the work lists' own index key; none
 * running: last), and handed out by offset; the closed statuses, which never have a running
 * clock, follow in their index order with the usual positions. `descending`: latest target
 * first (still those without a running clock last). A ticket changed between two
 * pages may move past the offset (shown twice, or skipped): the price of a list without an
 * index for this order (no new GSI: write cost).
 */
export async function dueFirstPage(
  tenantId: string,
  statuses: readonly Status[],
  limit: number,
  prev: Positions,
  descending: boolean,
  closedPage: (statuses: readonly Status[], limit: number, prev: Positions) => Promise<{ items: TicketItem[]; next: Positions | undefined }>,
): Promise<{ items: TicketItem[]; next: Positions | undefined }> {
  const open = statuses.filter((s) => !CLOSED_STATUSES.includes(s));
  const closed = statuses.filter((s) => CLOSED_STATUSES.includes(s));
  const items: TicketItem[] = [];
  if (prev[OFFSET] !== null) {
    const offset = Number(prev[OFFSET] ?? 0) || 0;
    const all = (await Promise.all(open.map((s) => everyTicketIn(tenantId, s)))).flat();
    // Without a running clock: last either way.
    const key = (t: TicketItem) => t.slaDueAt ?? (descending ? '' : '\uffff');
    const dir = descending ? -1 : 1;
    all.sort(
      (a, b) =>
        key(a).localeCompare(key(b)) * dir ||
        dueKeyOf(a).localeCompare(dueKeyOf(b)) ||
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.number - b.number,
    );
    items.push(...all.slice(offset, offset + limit));
    if (offset + limit < all.length) return { items, next: { [OFFSET]: String(offset + limit) } };
  }
  if (closed.length === 0 || items.length >= limit) return { items, next: closed.length ? { [OFFSET]: null } : undefined };
  const { [OFFSET]: _done, ...positions } = prev;
  const rest = await closedPage(closed, limit - items.length, positions);
  return { items: [...items, ...rest.items], next: rest.next && { [OFFSET]: null, ...rest.next } };
}
