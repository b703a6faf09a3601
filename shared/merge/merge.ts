/**
 * Merging a duplicate into another ticket (issue 8, K16). Two steps:
 *
 * 1. One commit of both tickets (`commitTicketChanges`, so the SLA engine stops the source's
 *    clocks): the source is closed as `duplicate` and points to the target (`mergedInto`,
 *    history `merged_into`); the target records `merged_from` and receives the source's
 *    request text as a message. Conditioned on the source's version the caller saw.
 * 2. The source's messages and history move into the target's partition in batches
 *    (`moveThread`), each batch all or nothing. A crash between batches loses nothing: a retry
 *    of the merge (same target) or the stream's `finishMerge` effect moves the rest.
 *
 * The requester is told once, by the `notifyRequesterOfMerge` effect (`effects.ts`).
 */
import type * as z from 'zod';
import { DomainError, notFound } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { getTicket, getTicketPartition } from '../db/store.ts';
import { lostRace, MOVE_BATCH_MAX, moveThreadItems } from '../db/merge.ts';
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import { MergeTicketInput } from '../mail/schemas.ts';
import { commitTicketChanges } from '../tickets/commit.ts';
import { partiesOf } from '../tickets/lifecycle.ts';
import { lifecycleOf } from '../tickets/moves.ts';
import { detail, statusEvent, viewerOf } from '../tickets/tickets.ts';
import type { TicketDetail } from '../tickets/schemas.ts';
import { stageOf } from '../tickets/view.ts';

/** The message on the target that carries the source's request text (one per source: a repeated step 1 cannot add it twice). */
export const requestMessageId = (source: number) => `merged-request-${source}`;

/** Refuse a ticket that cannot take part in a merge (either side): split ones and parts. */
function assertNotSplit(t: TicketItem): void {
  if (t.parentNumber !== undefined || (t.subTickets ?? []).length > 0 || stageOf(t) === 'split' || stageOf(t) === 'parts_answered')
    throw new DomainError('merge_split_ticket', `Ticket #${t.number} is split into parts or is a part: it cannot be merged`, undefined, { number: t.number });
}

/** The source's request text as a message of the target (it lives on the ticket item, not in its thread). */
function requestMessage(source: TicketItem, into: number): MessageItem {
  return {
    kind: 'message',
    id: requestMessageId(source.number),
    number: into,
    body: source.description,
    internal: false,
    authorId: source.createdBy,
    authorName: source.createdByName,
    authorRole: source.createdBy === source.requesterId ? 'customer' : 'agent',
    createdAt: source.createdAt,
    channel: source.channel,
    mergedFrom: source.number,
  };
}

/**
 * Merge ticket `number` into `input.into`: staff who may close the source (coordinators and
 * admins, or its assignee). Repeating a merge that is already done (same target) finishes
 * moving whatever is left and answers the same. Returns the target as the caller now sees it.
 */
export async function mergeTicket(actor: Actor, number: number, raw: z.input<typeof MergeTicketInput>, opts: MoveOptions = {}): Promise<TicketDetail> {
  const input = MergeTicketInput.parse(raw);
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff merge tickets');
  if (input.into === number) throw new DomainError('merge_into_self', 'A ticket cannot be merged into itself');
  const [source, viewer] = await Promise.all([getTicket(actor.tenantId, number), viewerOf(actor)]);
  if (!source) throw notFound(`Ticket #${number}`);
  const parties = partiesOf(lifecycleOf(source), { userId: actor.userId, role: actor.role, teamIds: viewer.teamIds });
  if (!parties.has('coordinator') && !parties.has('assignee')) throw new DomainError('forbidden', 'Only the coordinator or the assignee may merge this ticket');
  if (source.mergedInto !== undefined) {
    if (source.mergedInto !== input.into)
      throw new DomainError('ticket_merged', `Ticket #${number} was merged into #${source.mergedInto}`, undefined, { into: source.mergedInto });
    await moveThread(actor.tenantId, number, input.into, opts); // a retry: finish what a crash left
    return await targetDetail(actor, input.into);
  }
  if ((source.version ?? 0) !== input.version) throw new DomainError('conflict', 'The ticket was changed meanwhile; reload and try again');
  const target = await getTicket(actor.tenantId, input.into);
  if (!target) throw notFound(`Ticket #${input.into}`);
  if (target.mergedInto !== undefined)
    throw new DomainError('merge_target_merged', `Ticket #${target.number} was itself merged into #${target.mergedInto}`, undefined, {
      number: target.number,
      into: target.mergedInto,
    });
  if (stageOf(target) === 'closed') throw new DomainError('merge_target_closed', `Ticket #${target.number} is closed`, undefined, { number: target.number });
  assertNotSplit(source);
  assertNotSplit(target);
  if (target.requesterId !== source.requesterId && !input.confirmDifferentRequester)
    throw new DomainError('merge_different_requester', `Ticket #${target.number} is from another requester; confirm to merge anyway`, undefined, {
      number: target.number,
      requester: target.requesterName,
    });

  const at = nowIso();
  const closing: TicketItem = {
    ...source,
    status: 'solved',
    stage: 'closed',
    resolution: 'duplicate',
    solution: undefined,
    unsolvableReason: undefined,
    resumeStage: undefined,
    pendingUntil: undefined,
    mergedInto: target.number,
    updatedAt: at,
  };
  const sourceEvents: EventItem[] = [
    ...(source.status !== 'solved' ? [statusEvent(actor, at, 'status', source.status, 'solved', 0)] : []),
    statusEvent(actor, at, 'closed', '', 'duplicate', 1),
    statusEvent(actor, at, 'merged_into', '', String(target.number), 2),
  ];
  await commitTicketChanges(actor.tenantId, [
    { before: source, after: closing, added: sourceEvents },
    {
      before: target,
      after: { ...target, updatedAt: at },
      added: [requestMessage(source, target.number), statusEvent(actor, at, 'merged_from', String(source.number), '', 0)],
    },
  ]);
  await moveThread(actor.tenantId, number, target.number, opts);
  return await targetDetail(actor, target.number);
}

async function targetDetail(actor: Actor, into: number): Promise<TicketDetail> {
  const p = await getTicketPartition(actor.tenantId, into);
  if (!p) throw notFound(`Ticket #${into}`);
  return await detail(actor, p);
}

/** How `moveThread` moves: the batch size (tests use small ones), and a hook after each batch (tests provoke a crash there). */
export interface MoveOptions {
  batchSize?: number;
  afterBatch?: (moved: number) => void | Promise<void>;
}

/** Races with another mover (the request and the stream's effect) before giving up for the next retry. */
const MAX_ROUNDS = 10;

/**
 * Move what is left of a merged ticket's thread into its target, oldest first, in batches. What
 * stays on the source: the events of the merge itself (at or after `merged_into`). Safe to run
 * any number of times, also concurrently: a batch that lost a race is read again (409 `conflict`
 * when it keeps losing: what is left stays for the next run).
 */
export async function moveThread(tenantId: string, source: number, into: number, opts: MoveOptions = {}): Promise<void> {
  const size = Math.min(opts.batchSize ?? MOVE_BATCH_MAX, MOVE_BATCH_MAX);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const p = await getTicketPartition(tenantId, source);
    if (!p || p.ticket.mergedInto !== into) return;
    const mergedAt = p.events.findLast((e) => e.type === 'merged_into')?.at;
    if (!mergedAt) return;
    const left = [...p.messages, ...p.events.filter((e) => e.at < mergedAt)].sort((a, b) => instant(a).localeCompare(instant(b)));
    if (left.length === 0) return;
    try {
      for (let i = 0; i < left.length; i += size) {
        await moveThreadItems(tenantId, source, into, left.slice(i, i + size));
        await opts.afterBatch?.(Math.min(i + size, left.length));
      }
      return;
    } catch (err) {
      if (!lostRace(err)) throw err;
    }
  }
  // Still racing after all rounds: say so (the effect is retried; the caller may repeat the merge).
  throw new DomainError('conflict', `Ticket #${source} is still being moved into #${into}; repeat the merge to finish it`);
}

const instant = (i: MessageItem | EventItem) => (i.kind === 'message' ? i.createdAt : i.at);
