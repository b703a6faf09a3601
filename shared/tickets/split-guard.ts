/**
 * What every split/review operation checks before it writes: the ticket exists, the caller saw
 * its current version (when they say which), and the lifecycle table allows the move.
 */
import type { Actor } from '../auth/actor.ts';
import { DomainError, notFound } from '../errors.ts';
import { getTicket as getTicketItem } from '../db/store.ts';
import type { TicketItem } from '../db/items.ts';
import { teamIdsOf } from '../teams/membership.ts';
import type { Action } from './constants.ts';
import { MOVES, moveFor, partiesOf, type LifecycleCaller, type LifecycleTicket, type Move } from './lifecycle.ts';
import { stageOf } from './view.ts';

/** The caller as the lifecycle table needs it (with their teams). */
export async function callerOf(actor: Actor): Promise<LifecycleCaller> {
  return { userId: actor.userId, role: actor.role, teamIds: await teamIdsOf(actor.tenantId, actor.userId) };
}

/** The ticket as the lifecycle table needs it. */
export const lifecycleOf = (t: TicketItem): LifecycleTicket => ({
  stage: stageOf(t),
  requesterId: t.requesterId,
  assigneeId: t.assigneeId,
  teamId: t.teamId,
  parentNumber: t.parentNumber,
});

/**
 * The move that allows `action` now, else: 403 `forbidden` when the caller may never take it on
 * this ticket (wrong party), 409 `conflict` when they could, but not in its current stage.
 */
export function requireMove(t: TicketItem, caller: LifecycleCaller, action: Action): Move {
  const lt = lifecycleOf(t);
  const move = moveFor(lt, caller, action);
  if (move) return move;
  const parties = partiesOf(lt, caller);
  if (MOVES.some((m) => m.action === action && m.by.some((p) => parties.has(p))))
    throw new DomainError('conflict', `Not possible while the ticket is in stage "${lt.stage}"`);
  throw new DomainError('forbidden', 'Your role may not do this on this ticket');
}

/** A ticket for staff (customers never reach these operations); 409 if the caller saw an older version. */
export async function loadForChange(actor: Actor, number: number, version?: number): Promise<TicketItem> {
  const t = await getTicketItem(actor.tenantId, number);
  if (!t) throw notFound(`Ticket #${number}`);
  if (version !== undefined && version !== (t.version ?? 0)) throw new DomainError('conflict', 'The ticket was changed meanwhile; reload and try again');
  return t;
}
