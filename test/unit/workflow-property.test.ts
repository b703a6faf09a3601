/**
 * Property specs of the workflow (fast-check): any sequence of actions by any callers, each
 * taken only when the lifecycle table allows it and applied with the domain's own transitions
 * (`shared/tickets/moves.ts`), keeps the invariants:
 * - one assignee or one team queue at a time (a ticket is in exactly one work queue, never a
 *   team's queue once someone has it, and never being worked on by nobody);
 * - a closed ticket has no open hidden sub-ticket unless they were explicitly left open;
 * - the requester's view and history never contain an internal item.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor.ts';
import type { EventItem, MessageItem, SubTicketRef, TicketItem } from '../../shared/db/items.ts';
import { DomainError } from '../../shared/errors.ts';
import { CUSTOMER_EVENT_TYPES, buildHistory } from '../../shared/tickets/history.ts';
import { allowedActions, moveFor } from '../../shared/tickets/lifecycle.ts';
import {
  accepted,
  assigned,
  assignmentAccepted,
  closed,
  handedBack,
  lifecycleOf,
  pended,
  reopened,
  reopenedByStaff,
  resumed,
  taken,
  type Transition,
} from '../../shared/tickets/moves.ts';
import { workQueueOf } from '../../shared/tickets/queues.ts';
import { customerMaySee, ticketView } from '../../shared/tickets/view.ts';

const TENANT = '0123456789abcdef';
const person = (userId: string, role: Actor['role'], name: string): Actor => ({ tenantId: TENANT, userId, role, name, email: `${userId}@x.example` });
const PEOPLE = {
  klara: person('klara', 'coordinator', 'Klara'),
  ada: person('ada', 'admin', 'Ada'),
  ben: person('ben', 'agent', 'Ben'),
  kim: person('kim', 'agent', 'Kim'),
  otto: person('otto', 'agent', 'Otto'),
  anna: person('anna', 'customer', 'Anna'),
  bob: person('bob', 'customer', 'Bob'),
};
type Who = keyof typeof PEOPLE;
/** Team `hw` has Ben and Kim. */
const teamsOf = (who: Who): string[] => (who === 'ben' || who === 'kim' ? ['hw'] : []);

/** One step: a caller picks one of the actions allowed to them now (`pick`), `arg` a variant of it. */
type Step = { who: Who; pick: number; arg: number };
const STEP_ACTIONS = [
  'accept',
  'assign',
  'take',
  'accept_assignment',
  'hand_back',
  'close',
  'pend',
  'resume',
  'reopen',
  'answer',
  'note',
  'split', // stands in for the split part: adds a sub-ticket reference
  'sub_closed', // one of its sub-tickets is closed meanwhile
] as const;

const step: fc.Arbitrary<Step> = fc.record({
  who: fc.constantFrom(...(Object.keys(PEOPLE) as Who[])),
  pick: fc.nat(60),
  arg: fc.nat(5),
});

function newTicket(): TicketItem {
  return {
    kind: 'ticket',
    number: 1,
    subject: 'Printer',
    description: 'jammed',
    status: 'new',
    priority: 'normal',
    requesterId: 'anna',
    requesterName: 'Anna',
    contact: { name: 'Anna' },
    channel: 'portal',
    createdBy: 'anna',
    createdByName: 'Anna',
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    stage: 'new',
    type: 'request',
    requestedDueDate: '2026-12-24',
  };
}

/** The model's world: the ticket, its thread, and whether hidden parts were explicitly left open. */
interface World {
  t: TicketItem;
  messages: MessageItem[];
  events: EventItem[];
  leftOpen: boolean;
}

/** Apply one step if the table allows it (as the API would), else leave the world as it is. */
function apply(w: World, s: Step, n: number): void {
  const actor = PEOPLE[s.who];
  const at = new Date(Date.parse('2026-11-28T10:00:00.000Z') + n * 1000).toISOString();
  const record = (tr: Transition) => {
    w.t = tr.next;
    for (const e of tr.events) w.events.push({ kind: 'event', id: `${n}-${w.events.length}`, actorId: actor.userId, actorName: actor.name, at, ...e });
  };
  const caller = { userId: actor.userId, role: actor.role, teamIds: teamsOf(s.who) };
  const allowed = [...allowedActions(lifecycleOf(w.t), caller).filter((a) => (STEP_ACTIONS as readonly string[]).includes(a)), 'sub_closed'];
  const action = allowed[s.pick % allowed.length] as (typeof STEP_ACTIONS)[number];
  if (action === 'sub_closed') {
    const subs = w.t.subTickets ?? [];
    if (subs.length > 0) w.t = { ...w.t, subTickets: subs.map((x, i) => (i === s.arg % subs.length ? { ...x, stage: 'closed' } : x)) };
    return;
  }
  expect(moveFor(lifecycleOf(w.t), caller, action)).toBeDefined();
  switch (action) {
    case 'accept':
      return record(accepted(w.t));
    case 'assign': {
      const target = s.arg % 3 === 0 ? { teamId: 'hw' } : { assigneeId: ['ben', 'kim', 'otto'][s.arg % 3]!, assigneeName: 'someone' };
      return record(assigned(w.t, target, s.arg % 2 ? '2026-12-20' : undefined, s.arg % 2 ? 'Use the spare toner' : undefined));
    }
    case 'take':
      return record(taken(w.t, actor));
    case 'accept_assignment':
      return record(assignmentAccepted(w.t, actor));
    case 'hand_back':
      return record(handedBack(w.t, 'not my field'));
    case 'close': {
      const leave = s.arg % 2 === 1;
      try {
        record(
          closed(w.t, { resolution: s.arg % 3 === 0 ? 'unsolvable' : 'solved', solution: 'reset it', reason: 'hardware gone', leaveSubTicketsOpen: leave }),
        );
        if (leave) w.leftOpen = true;
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'open_sub_tickets')) throw err;
      }
      return;
    }
    case 'pend':
      return record(pended(w.t, '2026-12-01T08:00:00.000Z'));
    case 'resume':
      return record({ next: resumed(w.t), events: [{ type: 'resumed' }] });
    case 'reopen':
      return record(reopenedByStaff(w.t));
    case 'answer':
    case 'note': {
      const internal = action === 'note';
      w.messages.push({
        kind: 'message',
        id: `m${n}`,
        number: 1,
        body: internal ? 'INTERNAL note' : 'hello',
        internal,
        authorId: actor.userId,
        authorName: actor.name,
        authorRole: actor.role,
        createdAt: at,
      });
      // the requester's reply reopens a closed ticket (tickets.ts addMessage)
      if (actor.role === 'customer' && lifecycleOf(w.t).stage === 'closed') record({ next: reopened(w.t), events: [{ type: 'reopened' }] });
      return;
    }
    case 'split': {
      const sub: SubTicketRef = {
        number: 100 + n,
        subject: 'INTERNAL part',
        stage: 'assigned',
        visibility: s.arg % 2 ? 'hidden' : 'transparent',
        assigneeId: 'kim',
        assigneeName: 'Kim',
      };
      w.t = { ...w.t, stage: 'split', subTickets: [...(w.t.subTickets ?? []), sub], instruction: 'INTERNAL instruction' };
      w.messages.push({
        kind: 'message',
        id: `p${n}`,
        number: 1,
        body: 'INTERNAL partial answer',
        internal: false,
        partOf: sub.number,
        authorId: 'kim',
        authorName: 'Kim',
        authorRole: 'agent',
        createdAt: at,
      });
      return;
    }
  }
}

function checkInvariants(w: World): void {
  const t = w.t;
  const stage = lifecycleOf(t).stage;
  // One assignee or one team queue at a time.
  const queue = workQueueOf(t);
  if (queue.startsWith('team#')) expect(t.assigneeId).toBeUndefined();
  if (stage === 'in_progress') expect(t.assigneeId).toBeDefined();
  if (stage === 'assigned') expect(Boolean(t.assigneeId) !== Boolean(t.teamId && !t.assigneeId)).toBe(true);
  // A closed ticket has no open hidden sub-ticket unless explicitly left open.
  if (stage === 'closed' && !w.leftOpen) expect((t.subTickets ?? []).filter((s) => s.visibility === 'hidden' && s.stage !== 'closed')).toEqual([]);
  // The requester sees nothing internal.
  const view = ticketView(t, { actor: PEOPLE.anna, teamIds: [], teams: [] });
  expect(view.instruction).toBeUndefined();
  expect(view.coordinatorDueDate).toBeUndefined();
  expect(view.lock).toBeUndefined();
  expect(view.subTickets.every((s) => s.visibility === 'transparent')).toBe(true);
  const history = buildHistory(t, w.messages.filter(customerMaySee), w.events, true);
  expect(history.every((h) => CUSTOMER_EVENT_TYPES.includes(h.type))).toBe(true);
  expect(JSON.stringify({ view: { ...view, subTickets: [] }, history, messages: w.messages.filter(customerMaySee) })).not.toContain('INTERNAL');
  expect(view.actions.every((a) => a === 'answer' || a === 'close')).toBe(true);
}

describe('any sequence of allowed actions by any callers', () => {
  it('keeps one owner at a time, no silently open hidden parts after closing, and nothing internal for the requester', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const w: World = { t: newTicket(), messages: [], events: [], leftOpen: false };
        steps.forEach((s, n) => {
          apply(w, s, n);
          checkInvariants(w);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('another customer is never a party: the table allows them nothing, whatever happened before', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const w: World = { t: newTicket(), messages: [], events: [], leftOpen: false };
        steps.forEach((s, n) => apply(w, s, n));
        expect(ticketView(w.t, { actor: PEOPLE.bob, teamIds: [], teams: [] }).actions).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
