/**
 * The SLA engine's contract (issue 7): pure functions of ticket, policy, calendar and instant
 * (workflow.md §2). The request path advances a ticket's facts with every write
 * (`advanceSla`), the read path shows its clocks (`ticketSlaOf`, `badgeOf`), the timer asks what
 * is due now (`dueNow`). Instants are epoch milliseconds here, ISO strings on the item and in the API.
 *
 * The bodies live in `facts.ts` (what a write changes), `clocks.ts` (the clocks at an instant) and
 * `due.ts` (what the timer owes); this module is the one import for the other parts.
 */
import { SYSTEM } from '../auth/actor.ts';
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import { newId } from '../ids.ts';
import { clocksOf, mostUrgent, policyFor } from './clocks.ts';
import type { BusinessCalendar, ClockKind, ClockState, EscalationAction } from './constants.ts';
import { firstOwed } from './due.ts';
import { advanceFacts } from './facts.ts';
import type { SlaPolicy } from './schemas.ts';

export { badgeOf, calendarById, calendarFor, clocksOf, mostUrgent, policyFor, ticketSlaOf } from './clocks.ts';
export { dueNow, plannedSteps } from './due.ts';
export { advanceFacts, initialFacts, isPaused, isResponse } from './facts.ts';

/** Everything the maths needs of a tenant's configuration (one read: `loadSlaConfig`). */
export interface SlaConfig {
  /** The tenant's time zone: where a due date without a calendar ends. */
  timeZone: string;
  /** Every calendar, the built-in `24x7` included. */
  calendars: (BusinessCalendar & { name: string })[];
  /** Policies in matching order (by `position`); the first that matches applies. */
  policies: SlaPolicy[];
  /** Teams with a calendar of their own: teamId → calendarId. */
  teamCalendars: Record<string, string>;
}

/** One clock as computed at an instant. */
export interface ComputedClock {
  kind: ClockKind;
  state: ClockState;
  /** Whether it counts now: neither stopped (met, or closed) nor paused. A running clock past its target is `breached` and still running. */
  running: boolean;
  /** When it stopped (ms): answered, or the ticket closed; absent while it counts or is paused. */
  stoppedAt?: number;
  calendarId: string;
  /** When it started (ms). */
  startedAt: number;
  /** When it is (or was) due (ms); for a paused clock, where it would be if it resumed now. */
  targetAt: number;
  /** When it counts as at risk (ms). */
  warnAt: number;
  /** Business milliseconds used so far, pauses excluded. */
  usedMs: number;
  /** Business milliseconds left; negative when overdue. */
  remainingMs: number;
  /** The policy's target in business ms (absent on the due-date clocks). */
  targetMs?: number;
}

/** Something the timer must do now, exactly once: its key goes into `sla.fired`. */
export type DueStep =
  | { type: 'warning'; key: string; clock: ComputedClock }
  | { type: 'breach'; key: string; clock: ComputedClock }
  | { type: 'escalation'; key: string; clock: ComputedClock; policyId: string; step: number; actions: EscalationAction[]; teamId?: string };

/** Who made a write, as its own records say (the first event's actor, else a message's author); the system when nothing says. */
function actorOf(added: readonly (MessageItem | EventItem)[]): { actorId: string; actorName: string } {
  for (const a of added) {
    if (a.kind === 'event') return { actorId: a.actorId, actorName: a.actorName };
  }
  const m = added.find((a): a is MessageItem => a.kind === 'message');
  return m ? { actorId: m.authorId, actorName: m.authorName } : { actorId: SYSTEM.userId, actorName: SYSTEM.name };
}

/**
 * A write's effect on the SLA: the ticket as it will be stored (facts advanced by what this
 * write did, `slaPolicyId`/`slaClock`/`slaDueAt`/`slaWarnAt`/`slaCalendarId` recomputed,
 * `timerGeneration` raised when the first instant anything is owed moved earlier or appeared,
 * so a new timer execution waits for it — workflow.md §1; a later one is found by the running
 * execution when it wakes) and the history events to add (`sla_retargeted` when the policy
 * changed, by the write's actor). A new ticket keeps generation 1: its insert starts the timer.
 */
export function advanceSla(
  before: TicketItem | undefined,
  after: TicketItem,
  added: readonly (MessageItem | EventItem)[],
  at: string,
  config: SlaConfig,
): { ticket: TicketItem; events: EventItem[] } {
  const now = Date.parse(at);
  const facts = advanceFacts(before, after, added, at);
  const policy = policyFor(config, after);
  const urgent = mostUrgent(clocksOf({ ...after, sla: facts }, config, now));
  const ticket: TicketItem = {
    ...after,
    sla: facts,
    slaPolicyId: policy?.id,
    slaClock: urgent?.kind,
    slaDueAt: urgent && new Date(urgent.targetAt).toISOString(),
    slaWarnAt: urgent && new Date(urgent.warnAt).toISOString(),
    slaCalendarId: urgent?.calendarId,
  };
  if (before) {
    const owedBefore = firstOwed(before, config, now);
    const owedAfter = firstOwed(ticket, config, now);
    if (owedAfter !== undefined && (owedBefore === undefined || owedAfter < owedBefore)) {
      ticket.timerGeneration = Math.max(before.timerGeneration ?? 1, after.timerGeneration ?? 1) + 1;
    }
  }
  const events: EventItem[] = [];
  // Tickets from before service levels had no policy to change from: their first write sets one silently.
  if (before?.sla && before.slaPolicyId !== ticket.slaPolicyId) {
    const seq = added.filter((a) => a.kind === 'event').length + 1;
    events.push({
      kind: 'event',
      id: `${seq}${newId()}`,
      type: 'sla_retargeted',
      ...actorOf(added),
      at,
      from: before.slaPolicyId ?? '',
      to: ticket.slaPolicyId ?? '',
    });
  }
  return { ticket, events };
}
