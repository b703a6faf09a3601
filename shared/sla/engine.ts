/**
 * The SLA engine's contract (issue 7): pure functions of ticket, policy, calendar and instant
 * (workflow.md §2). The request path advances a ticket's facts with every write
 * (`advanceSla`), the read path shows its clocks (`ticketSlaOf`, `badgeOf`), the timer asks what
 * is due now (`dueNow`). Instants are epoch milliseconds here, ISO strings on the item and in the API.
 *
 * GROUNDWORK: the signatures are the contract between the parts of issue 7; the bodies are
 * written by the engine part (they throw until then).
 */
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import type { BusinessCalendar, ClockKind, ClockState, EscalationAction, SlaState } from './constants.ts';
import type { SlaPolicy, TicketSla } from './schemas.ts';

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

/** The policy that applies to a ticket: the first whose every given list contains the ticket's value. */
export function policyFor(_config: SlaConfig, _ticket: TicketItem): SlaPolicy | undefined {
  throw new Error('not implemented yet (issue 7, engine)');
}

/** Every clock of a ticket at `now`. */
export function clocksOf(_ticket: TicketItem, _config: SlaConfig, _now: number): ComputedClock[] {
  throw new Error('not implemented yet (issue 7, engine)');
}

/** The API view of a ticket's clocks (`getTicket`'s `sla`). */
export function ticketSlaOf(_ticket: TicketItem, _config: SlaConfig, _now: number): TicketSla {
  throw new Error('not implemented yet (issue 7, engine)');
}

/**
 * The list badge from the stored most-urgent clock (`slaDueAt`, `slaWarnAt`). A list item does
 * not carry `slaCalendarId` (the indexes' projection is at its limit): the calendar follows from
 * the item's team and policy, by the same rule as the clocks.
 */
export function badgeOf(
  _t: Pick<TicketItem, 'slaDueAt' | 'slaWarnAt' | 'priority' | 'category' | 'company' | 'teamId' | 'parentNumber' | 'type'>,
  _config: SlaConfig,
  _now: number,
): { slaState: SlaState; slaRemainingMinutes: number } | undefined {
  throw new Error('not implemented yet (issue 7, engine)');
}

/**
 * A write's effect on the SLA: the ticket as it will be stored (facts advanced by what this
 * write did, `slaPolicyId`/`slaClock`/`slaDueAt`/`slaWarnAt`/`slaCalendarId` recomputed,
 * `timerGeneration` raised when the next wake-up moved earlier) and the history events to add
 * (`sla_retargeted` when the policy changed).
 */
export function advanceSla(
  _before: TicketItem | undefined,
  _after: TicketItem,
  _added: readonly (MessageItem | EventItem)[],
  _at: string,
  _config: SlaConfig,
): { ticket: TicketItem; events: EventItem[] } {
  throw new Error('not implemented yet (issue 7, engine)');
}

/** What is due at `now` and not yet fired, oldest first, and when to wake next (ms; absent: nothing left). */
export function dueNow(_ticket: TicketItem, _config: SlaConfig, _now: number): { steps: DueStep[]; nextWakeAt?: number } {
  throw new Error('not implemented yet (issue 7, engine)');
}
