/**
 * The ticket backfill (operator, `npm run tickets:backfill -- <slug> [--from <n>]`): a release that
 * adds index attributes (a new work list) derives them with every change, so tickets stored
 * before it appear in the new list only after their next change. This walks a tenant's tickets
 * by number and re-derives each one's index attributes the way a change does (`reindexTicket`),
 * without a version, history or any effect. Idempotent (a second run writes nothing) and
 * resumable: it reports the next number to start from after every batch.
 */
import { highestTicketNumber, reindexTicket } from '../db/backfill.ts';

/** How many tickets are read and written side by side. */
const BATCH = 25;

/** What a run did: tickets rewritten, already right, numbers without a ticket. */
export interface BackfillResult {
  changed: number;
  unchanged: number;
  missing: number;
  /** The number after the last one done: where a later run would go on. */
  next: number;
}

/** Re-derive the index attributes of every ticket of a tenant from number `from` on; `progress` hears the cursor after each batch. */
export async function backfillTickets(tenantId: string, opts: { from?: number; progress?: (r: BackfillResult) => void } = {}): Promise<BackfillResult> {
  const last = await highestTicketNumber(tenantId);
  const result: BackfillResult = { changed: 0, unchanged: 0, missing: 0, next: Math.max(1, opts.from ?? 1) };
  while (result.next <= last) {
    const numbers = Array.from({ length: Math.min(BATCH, last - result.next + 1) }, (_, i) => result.next + i);
    for (const outcome of await Promise.all(numbers.map((n) => reindexTicket(tenantId, n)))) result[outcome]++;
    result.next += numbers.length;
    opts.progress?.({ ...result });
  }
  return result;
}
