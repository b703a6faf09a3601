/**
 * What `getTicket` adds about duplicates (issue 8, K16): where a merged ticket went, and for
 * staff the requester's other open tickets of the same day with a very similar subject.
 * Computed on read from the requester's index (gsi2), bounded to a day either side.
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import { getTicket } from '../db/store.ts';
import { ticketsOfRequesterBetween } from '../db/merge.ts';
import type { TicketItem } from '../db/items.ts';
import type { Ticket } from '../tickets/schemas.ts';
import { stageOf } from '../tickets/view.ts';
import { SIMILAR_SUBJECT, subjectSimilarity } from './similar.ts';

const DAY_MS = 24 * 3600 * 1000;
/** Tickets of one requester read for suggestions: a day rarely holds more; beyond it, none are suggested. */
const CANDIDATES_READ = 50;

/** Whether a ticket can take part in a merge at all: not closed (a merged one is closed), neither split nor a part. */
export const mergeable = (t: Pick<TicketItem, 'parentNumber' | 'subTickets' | 'stage' | 'status'>) =>
  t.parentNumber === undefined && (t.subTickets ?? []).length === 0 && !['closed', 'split', 'parts_answered'].includes(stageOf(t as TicketItem));

/** The requester's other open tickets opened within a day of this one whose subject is very similar, oldest first. */
export async function duplicateCandidates(tenantId: string, t: TicketItem): Promise<NonNullable<Ticket['duplicateCandidates']>> {
  if (!mergeable(t)) return [];
  const at = Date.parse(t.createdAt);
  const near = await ticketsOfRequesterBetween(
    tenantId,
    t.requesterId,
    new Date(at - DAY_MS).toISOString(),
    new Date(at + DAY_MS).toISOString(),
    CANDIDATES_READ,
  );
  return near
    .filter((o) => o.number !== t.number && mergeable(o) && subjectSimilarity(o.subject, t.subject) >= SIMILAR_SUBJECT)
    .map((o) => ({ number: o.number, subject: o.subject, createdAt: o.createdAt }));
}

/**
 * The merge fields of a ticket for this caller: staff see where it went and its possible
 * duplicates; its requester sees the target only when it is theirs too (a duplicate of someone
 * else's request is just "closed as duplicate", nothing of the other ticket).
 */
export async function mergeViewOf(actor: Actor, t: TicketItem): Promise<Pick<Ticket, 'mergedInto' | 'duplicateCandidates'>> {
  if (isStaff(actor)) {
    if (t.mergedInto !== undefined) return { mergedInto: t.mergedInto };
    return { duplicateCandidates: await duplicateCandidates(actor.tenantId, t) };
  }
  if (t.mergedInto === undefined) return {};
  const target = await getTicket(actor.tenantId, t.mergedInto);
  return target?.requesterId === actor.userId ? { mergedInto: t.mergedInto } : {};
}
