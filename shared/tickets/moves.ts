/**
 * Asking the lifecycle table (`lifecycle.ts`) about a stored ticket, and the moves shared by the
 * workflow operations, a customer's reply and the timers. Pure but for the error it throws.
 */
import type { Actor } from '../auth/actor.ts';
import { DomainError } from '../errors.ts';
import type { EventItem, TicketItem } from '../db/items.ts';
import type { Action } from './constants.ts';
import { backStage, MOVES, moveFor, partiesOf, type LifecycleCaller, type LifecycleTicket, type Move } from './lifecycle.ts';
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
  assertMove(t, { userId: actor.userId, role: actor.role, teamIds }, action);
}

/** The same for a caller already known to the table: the move that allows `action` now. */
export function assertMove(t: TicketItem, caller: LifecycleCaller, action: Action): Move {
  // A ticket merged into another is a closed pointer: its conversation goes on there (issue 8).
  if (t.mergedInto !== undefined) throw new DomainError('ticket_merged', `Ticket #${t.number} was merged into another ticket`);
  const lt = lifecycleOf(t);
  const move = moveFor(lt, caller, action);
  if (move) return move;
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

/** What one workflow action does to a ticket: the ticket after it, and the events to record (in order). */
export interface Transition {
  next: TicketItem;
  events: Pick<EventItem, 'type' | 'from' | 'to'>[];
}

/** Whom a ticket is assigned to: a person (named) or a team. */
export type AssignTarget =
  { assigneeId: string; assigneeName: string; teamId?: undefined } | { teamId: string; assigneeId?: undefined; assigneeName?: undefined };

/** accept: into pre-clarification. */
export const accepted = (t: TicketItem): Transition => ({ next: { ...t, stage: 'clarifying' }, events: [{ type: 'accepted' }] });

/**
 * assign: to a person or a team's queue (one at a time: naming a person takes it out of any
 * team queue, naming a team takes it from any person), with the coordinator's due date (kept
 * when none is given) and instruction; the requester's date stays untouched.
 */
export function assigned(t: TicketItem, target: AssignTarget, dueDate?: string, note?: string): Transition {
  const due = dueDate ?? t.coordinatorDueDate;
  const to = target.assigneeId ? `user:${target.assigneeId}` : `team:${target.teamId}`;
  return {
    next: {
      ...t,
      stage: 'assigned',
      assigneeId: target.assigneeId,
      assigneeName: target.assigneeName,
      teamId: target.teamId,
      coordinatorDueDate: due,
      instruction: note ?? t.instruction,
    },
    events: [{ type: 'assigned', to }, ...(due !== t.coordinatorDueDate ? [{ type: 'due_date' as const, from: t.coordinatorDueDate, to: due }] : [])],
  };
}

/** take: the member becomes the assignee; the team stays (its overview still shows the ticket). */
export const taken = (t: TicketItem, by: { userId: string; name: string }): Transition => ({
  next: { ...t, stage: 'in_progress', assigneeId: by.userId, assigneeName: by.name },
  events: [{ type: 'taken', to: t.teamId ? `team:${t.teamId}` : undefined }],
});

/** accept_assignment: the person assigned starts working it. */
export const assignmentAccepted = (t: TicketItem, by: { userId: string }): Transition => ({
  next: { ...t, stage: 'in_progress' },
  events: [{ type: 'accepted', to: `user:${by.userId}` }],
});

/** hand_back: back to the coordinator, without person or team. */
export const handedBack = (t: TicketItem, reason: string): Transition => ({
  next: { ...t, stage: 'clarifying', assigneeId: undefined, assigneeName: undefined, teamId: undefined },
  events: [{ type: 'handed_back', from: reason }],
});

/**
 * close: solved (with the solution) or unsolvable (with the reason). Refused (`open_sub_tickets`)
 * while hidden sub-tickets are open, unless they are explicitly left open.
 */
export function closed(
  t: TicketItem,
  input: { resolution: 'solved' | 'unsolvable'; solution?: string; reason?: string; leaveSubTicketsOpen?: boolean },
): Transition {
  const open = (t.subTickets ?? []).filter((s) => s.visibility === 'hidden' && s.stage !== 'closed');
  if (open.length > 0 && !input.leaveSubTicketsOpen) {
    throw new DomainError('open_sub_tickets', `${open.length} internal sub-ticket(s) are still open`, undefined, { numbers: open.map((s) => s.number) });
  }
  return {
    next: {
      ...t,
      status: input.resolution,
      stage: 'closed',
      resolution: input.resolution,
      solution: input.resolution === 'solved' ? input.solution : undefined,
      unsolvableReason: input.resolution === 'unsolvable' ? input.reason : undefined,
      resumeStage: undefined,
      pendingUntil: undefined,
    },
    events: [
      ...(t.status !== input.resolution ? [{ type: 'status' as const, from: t.status, to: input.resolution }] : []),
      { type: 'closed', to: input.resolution },
    ],
  };
}

/** pend: parked until `until`; the SLA engine starts a new timer generation when that date is the first thing owed (`advanceSla`). */
export const pended = (t: TicketItem, until: string): Transition => ({
  next: { ...t, stage: 'pending', resumeStage: stageOf(t), pendingUntil: until },
  events: [{ type: 'pended', to: until }],
});

/** reopen by staff: back at work, and the customer waits for support again. */
export const reopenedByStaff = (t: TicketItem): Transition => ({
  next: { ...reopened(t), status: 'open' },
  events: [{ type: 'reopened' }, ...(t.status !== 'open' ? [{ type: 'status' as const, from: t.status, to: 'open' }] : [])],
});
