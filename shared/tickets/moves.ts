/**
 * Asking the lifecycle table (`lifecycle.ts`) about a stored ticket, and the moves shared by the
 * workflow operations, a customer's reply and the timers. Pure but for the error it throws.
 */
import type { Actor } from '../auth/actor.ts';
import { DomainError } from '../errors.ts';
import type { TicketItem } from '../db/items.ts';
import type { Action } from './constants.ts';
import { backStage, MOVES, moveFor, partiesOf, type LifecycleTicket } from './lifecycle.ts';
import { stageOf } from './view.ts';

/** What the lifecycle table needs of a stored ticket. */
export const lifecycleOf = (t: TicketItem): LifecycleTicket => ({
  stage: stageOf(t),
  requesterId: t.requesterId,
  assigneeId: t.assigneeId,
  teamId: t.teamId,
  parentNumber: t.parentNumber,
});

/**
 * Refuse an action the table does not allow this caller now: `forbidden` when no stage would
 * allow it to them (wrong role or not their ticket), else `action_not_allowed` (409: the ticket
 * is not at a stage for it, e.g. someone else moved it on).
 */
export function assertAllowed(t: TicketItem, actor: Actor, teamIds: readonly string[], action: Action): void {
  const caller = { userId: actor.userId, role: actor.role, teamIds };
  const lt = lifecycleOf(t);
  if (moveFor(lt, caller, action)) return;
  const parties = partiesOf(lt, caller);
  const anyStage = MOVES.some((m) => m.action === action && m.by.some((p) => parties.has(p)));
  if (!anyStage) throw new DomainError('forbidden', `You may not ${action.replace(/_/g, ' ')} this ticket`);
  throw new DomainError('action_not_allowed', `Ticket #${t.number} is ${lt.stage}: ${action.replace(/_/g, ' ')} is not possible now`, undefined, {
    action,
    stage: lt.stage,
  });
}

/** A pending ticket back at work (by hand or when its date came). */
export function resumed(t: TicketItem): TicketItem {
  return { ...t, stage: backStage({ ...lifecycleOf(t), resumeStage: t.resumeStage }), resumeStage: undefined, pendingUntil: undefined };
}

/** A closed ticket back at work: with its assignee if it has one, else at the coordinator. */
export function reopened(t: TicketItem): TicketItem {
  return { ...t, stage: backStage({ ...lifecycleOf(t), stage: 'closed' }), resolution: undefined, solution: undefined, unsolvableReason: undefined };
}

