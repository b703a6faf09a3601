/**
 * The coordinator/assignee workflow (issue 6: K4, K6, K8, K11): accept, assign, take, accept an
 * assignment, hand back, close, pend, resume, reopen. Each operation loads the ticket, asks the
 * lifecycle table (`lifecycle.ts`) whether this caller may take this action now, and writes the
 * change with its history events on the condition that the ticket is still at the version it
 * read (`saveTicketChange`): of two callers acting at once, exactly one wins.
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import { DomainError, notFound } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { getTicket as getTicketItem, getTicketPartition, getUser, listTeamItems } from '../db/store.ts';
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import { tenantOf } from '../tenancy/tenants.ts';
import type { Action } from './constants.ts';
import {
  accepted,
  assertAllowed,
  assigned,
  assignmentAccepted,
  closed,
  handedBack,
  pended,
  reopenedByStaff,
  resumed,
  taken,
  type AssignTarget,
  type Transition,
} from './moves.ts';
import type { TicketDetail } from './schemas.ts';
import { detail, statusEvent, todayIn, viewerOf } from './tickets.ts';
import { commitTicketChange } from './commit.ts';
import { AssignInput, CloseInput, HandBackInput, PendInput, VersionInput } from './workflow-schemas.ts';

type Partition = { ticket: TicketItem; messages: MessageItem[]; events: EventItem[] };

/** A ticket the caller may act on: staff any, a customer only their own, never a hidden part (others are "not found"). */
async function loadFor(actor: Actor, number: number): Promise<Partition> {
  const p = await getTicketPartition(actor.tenantId, number);
  const customersOwn = p && p.ticket.requesterId === actor.userId && p.ticket.visibility !== 'hidden';
  if (!p || (!isStaff(actor) && !customersOwn)) throw notFound(`Ticket #${number}`);
  return p;
}

/** The version the caller saw must still be the ticket's. */
function checkVersion(t: TicketItem, version: number | undefined): void {
  if (version !== undefined && version !== (t.version ?? 0)) throw new DomainError('conflict', 'The ticket was changed meanwhile; reload and try again');
}

/** The change one action makes (`moves.ts`): the ticket after it and the events to record. */
type Change = (t: TicketItem) => Transition;

/**
 * Load, check the table and the caller's version, apply `change`, write it conditioned on the
 * version read, and return the ticket as the caller now sees it.
 */
async function act(actor: Actor, number: number, action: Action, version: number | undefined, change: Change): Promise<TicketDetail> {
  const [p, viewer] = await Promise.all([loadFor(actor, number), viewerOf(actor)]);
  assertAllowed(p.ticket, actor, viewer.teamIds, action);
  checkVersion(p.ticket, version);
  const at = nowIso();
  const { next, events } = change(p.ticket);
  const recorded = events.map((e, i) => statusEvent(actor, at, e.type, e.from ?? '', e.to ?? '', i));
  const done = await commitTicketChange(actor.tenantId, p.ticket, { ...next, updatedAt: at }, recorded);
  return await detail(actor, { ticket: done.ticket, messages: p.messages, events: [...p.events, ...(done.added as EventItem[])] }, done.config);
}

/** The coordinator takes a new ticket into pre-clarification (*Vorklärung*). */
export async function acceptTicket(actor: Actor, number: number, raw: VersionInput): Promise<TicketDetail> {
  const input = VersionInput.parse(raw ?? {});
  return act(actor, number, 'accept', input.version, accepted);
}

/**
 * The coordinator gives the ticket to a person (a staff member of this tenant) or to a team
 * (whose members see it in "my teams" until one takes it), with the coordinator's own due date
 * (K11; the requester's date stays as it is) and an instruction for the assignee.
 */
export async function assignTicket(actor: Actor, number: number, raw: AssignInput): Promise<TicketDetail> {
  const input = AssignInput.parse(raw);
  const { timeZone } = await tenantOf(actor);
  if (input.dueDate && input.dueDate < todayIn(timeZone)) {
    throw new DomainError('validation_failed', 'The due date is in the past', [{ path: 'dueDate', message: 'must be today or later', code: 'date_in_past' }]);
  }
  let target: AssignTarget;
  if (input.assigneeId) {
    const user = await getUser(actor.tenantId, input.assigneeId);
    if (!user || user.role === 'customer' || !user.emailVerified) {
      throw new DomainError('validation_failed', 'No such staff member', [{ path: 'assigneeId', message: 'unknown staff member', code: 'unknown_assignee' }]);
    }
    target = { assigneeId: user.userId, assigneeName: user.name };
  } else {
    const team = (await listTeamItems(actor.tenantId)).find((x) => x.teamId === input.teamId);
    if (!team) throw new DomainError('validation_failed', 'No such team', [{ path: 'teamId', message: 'unknown team', code: 'unknown_team' }]);
    target = { teamId: team.teamId };
  }
  return act(actor, number, 'assign', input.version, (t) => assigned(t, target, input.dueDate, input.note));
}

/**
 * A team member takes a team's ticket (K8). The write is conditioned on the version read, so of
 * two members taking at once exactly one wins; the other is told who (409 `already_taken`).
 */
export async function takeTicket(actor: Actor, number: number): Promise<TicketDetail> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await act(actor, number, 'take', undefined, (t) => taken(t, actor));
    } catch (err) {
      if (!(err instanceof DomainError) || !['conflict', 'action_not_allowed', 'forbidden'].includes(err.code)) throw err;
      // Lost the race (or came late, when the table no longer counts the member as one of the
      // team's while someone has it): name the winner to a member of its team. A conflict with
      // nobody visible yet (the other write still in flight, or some other change) is tried again.
      const [now, viewer] = await Promise.all([getTicketItem(actor.tenantId, number), viewerOf(actor)]);
      const member = !!now?.teamId && viewer.teamIds.includes(now.teamId);
      if (now?.assigneeId && now.assigneeId !== actor.userId && (member || err.code !== 'forbidden')) {
        throw new DomainError('already_taken', `${now.assigneeName ?? 'Someone'} took this ticket first`, undefined, { by: now.assigneeName ?? '' });
      }
      if (err.code !== 'conflict' || attempt >= 3) throw err;
    }
  }
}

/** The person assigned confirms and starts working it. */
export async function acceptAssignment(actor: Actor, number: number, raw: VersionInput): Promise<TicketDetail> {
  const input = VersionInput.parse(raw ?? {});
  return act(actor, number, 'accept_assignment', input.version, (t) => assignmentAccepted(t, actor));
}

/** The assignee (or a member of the team it waits in) returns it to the coordinator, with a reason. */
export async function handBackTicket(actor: Actor, number: number, raw: HandBackInput): Promise<TicketDetail> {
  const input = HandBackInput.parse(raw);
  return act(actor, number, 'hand_back', input.version, (t) => handedBack(t, input.reason));
}

/**
 * Close as solved (the solution is recorded, K2) or unsolvable (with the reason). Refused while
 * hidden sub-tickets are still open, unless the caller says to leave them open.
 */
export async function closeTicket(actor: Actor, number: number, raw: CloseInput): Promise<TicketDetail> {
  const input = CloseInput.parse(raw);
  // Staff record the solution (K2); a requester closing their own request need not explain it.
  if (input.resolution === 'solved' && !input.solution && isStaff(actor)) {
    throw new DomainError('validation_failed', 'A solved ticket records its solution', [{ path: 'solution', message: 'required', code: 'required' }]);
  }
  if (input.resolution === 'unsolvable' && !input.reason) {
    throw new DomainError('validation_failed', 'Say why it cannot be solved', [{ path: 'reason', message: 'required', code: 'required' }]);
  }
  return act(actor, number, 'close', input.version, (t) => closed(t, input));
}

/**
 * Park the ticket until an instant (*warten bis zum Zeitpunkt*): it leaves the work lists and
 * comes back by itself then. Raising the timer generation starts a timer execution for it
 * (`workflow/start.ts`), which resumes it (`workflow/timers.ts`).
 */
export async function pendTicket(actor: Actor, number: number, raw: PendInput): Promise<TicketDetail> {
  const input = PendInput.parse(raw);
  const until = new Date(input.until).toISOString();
  if (until <= nowIso()) {
    throw new DomainError('validation_failed', 'The date is in the past', [{ path: 'until', message: 'must be in the future', code: 'date_in_past' }]);
  }
  return act(actor, number, 'pend', input.version, (t) => pended(t, until));
}

/** Take a pending ticket back before its date: it returns to the stage it was parked from. */
export async function resumeTicket(actor: Actor, number: number, raw: VersionInput): Promise<TicketDetail> {
  const input = VersionInput.parse(raw ?? {});
  return act(actor, number, 'resume', input.version, (t) => ({ next: resumed(t), events: [{ type: 'resumed' }] }));
}

/** Staff reopen a closed ticket; the customer waits for support again. */
export async function reopenTicket(actor: Actor, number: number, raw: VersionInput): Promise<TicketDetail> {
  const input = VersionInput.parse(raw ?? {});
  return act(actor, number, 'reopen', input.version, reopenedByStaff);
}
