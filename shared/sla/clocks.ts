/**
 * A ticket's clocks at an instant (issue 7, workflow.md §2): which policy applies, on which
 * calendar, and for each clock its target, business time used and left, and state. Pure: the
 * ticket's SLA facts (`facts.ts`), the tenant's configuration and `now` decide everything.
 */
import type { TicketItem } from '../db/items.ts';
import { ALWAYS_OPEN, addBusinessMs, businessMsBetween, endOfDate } from './calendar.ts';
import { BUILTIN_CALENDAR_ID, DEFAULT_WARN_PERCENT, type BusinessCalendar, type ClockKind, type SlaFacts, type SlaState } from './constants.ts';
import type { ComputedClock, SlaConfig } from './engine.ts';
import { initialFacts } from './facts.ts';
import type { SlaPolicy, TicketSla } from './schemas.ts';

const MINUTE = 60_000;
const ms = (iso: string) => Date.parse(iso);

/** Whether a policy's list admits a value: an absent (or empty) list admits any; free text compares without case. */
const admits = (list: readonly string[] | undefined, value: string | undefined) =>
  !list?.length || (value !== undefined && list.some((x) => x.toLowerCase() === value.toLowerCase()));

/**
 * The policy that applies: the first in order whose every given list contains the ticket's
 * priority, category, company and team. Parts of another ticket and tasks get none (they are
 * internal work; only their due dates are clocks).
 */
export function policyFor(
  config: SlaConfig,
  ticket: Pick<TicketItem, 'priority' | 'category' | 'company' | 'teamId' | 'parentNumber' | 'type'>,
): SlaPolicy | undefined {
  if (ticket.parentNumber !== undefined || ticket.type === 'task') return undefined;
  return [...config.policies]
    .sort((a, b) => a.position - b.position)
    .find(
      (p) =>
        p.match.priorities.includes(ticket.priority) &&
        admits(p.match.categories, ticket.category) &&
        admits(p.match.companies, ticket.company) &&
        (!p.match.teamIds?.length || (ticket.teamId !== undefined && p.match.teamIds.includes(ticket.teamId))),
    );
}

/** A calendar of the tenant by id; an unknown id (deleted meanwhile) counts as always open. The built-in one speaks the tenant's time zone. */
export function calendarById(config: SlaConfig, id: string | undefined): BusinessCalendar {
  const cal = config.calendars.find((c) => c.id === id) ?? ALWAYS_OPEN;
  // Always open is the same in every zone; its dates (the due dates) end at the tenant's midnight.
  return cal.id === BUILTIN_CALENDAR_ID ? { ...cal, timeZone: config.timeZone } : cal;
}

/** The calendar a ticket's clocks run on: its team's own, else its policy's, else 24/7. */
export function calendarFor(config: SlaConfig, ticket: Pick<TicketItem, 'teamId'>, policy: SlaPolicy | undefined): BusinessCalendar {
  const teamCal = ticket.teamId !== undefined ? config.teamCalendars[ticket.teamId] : undefined;
  return calendarById(config, teamCal ?? policy?.calendarId ?? BUILTIN_CALENDAR_ID);
}

type Span = [number, number];

/** The pauses up to `end`, oldest first; the one still going ends at `end`. */
function pausesUntil(f: SlaFacts, end: number): Span[] {
  const spans: Span[] = (f.paused ?? []).map(([a, b]) => [ms(a), ms(b)]);
  if (f.pausedSince) spans.push([ms(f.pausedSince), end]);
  return spans.map(([a, b]): Span => [a, Math.min(b, end)]).filter(([a, b]) => b > a);
}

/** Business time between two instants, pauses excluded. */
function usedBetween(cal: BusinessCalendar, from: number, to: number, pauses: Span[]): number {
  if (to <= from) return 0;
  let used = businessMsBetween(cal, from, to);
  for (const [a, b] of pauses) {
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    if (e > s) used -= businessMsBetween(cal, s, e);
  }
  return Math.max(0, used);
}

/** The instant at which `amount` business time outside the pauses has passed since `from`. */
function reach(cal: BusinessCalendar, from: number, amount: number, pauses: Span[]): number {
  let cursor = from;
  let left = amount;
  for (const [a, b] of pauses) {
    if (b <= cursor) continue;
    if (a > cursor) {
      const available = businessMsBetween(cal, cursor, a);
      if (available >= left) return addBusinessMs(cal, cursor, left);
      left -= available;
    }
    cursor = Math.max(cursor, b);
  }
  return addBusinessMs(cal, cursor, left);
}

interface ClockInput {
  kind: ClockKind;
  cal: BusinessCalendar;
  facts: SlaFacts;
  start: number;
  /** When it stopped (answered, closed); absent while it counts. */
  stop: number | undefined;
  warnPercent: number;
  now: number;
}

/** A policy clock: `targetMs` business time from its start, pauses excluded. */
function policyClock(c: ClockInput, targetMs: number): ComputedClock {
  const end = c.stop ?? c.now;
  const pauses = pausesUntil(c.facts, end);
  const targetAt = reach(c.cal, c.start, targetMs, pauses);
  const warnAt = reach(c.cal, c.start, Math.round((targetMs * c.warnPercent) / 100), pauses);
  const usedMs = usedBetween(c.cal, c.start, end, pauses);
  const paused = c.stop === undefined && c.facts.pausedSince !== undefined && ms(c.facts.pausedSince) <= c.now;
  const state = c.stop !== undefined ? (c.stop <= targetAt ? 'met' : 'breached') : c.now >= targetAt ? 'breached' : paused ? 'paused' : 'running';
  return {
    kind: c.kind,
    state,
    running: c.stop === undefined && !paused,
    stoppedAt: c.stop,
    calendarId: c.cal.id,
    startedAt: c.start,
    targetAt,
    warnAt,
    usedMs,
    remainingMs: targetMs - usedMs,
    targetMs,
  };
}

/** A due-date clock: ends with its date (on the calendar's time zone), never paused, met when closed before. */
function dueClock(c: ClockInput, date: string): ComputedClock {
  const targetAt = endOfDate(c.cal, date);
  const end = c.stop ?? c.now;
  const total = businessMsBetween(c.cal, c.start, targetAt);
  const usedMs = businessMsBetween(c.cal, c.start, end);
  const state = c.stop !== undefined ? (c.stop <= targetAt ? 'met' : 'breached') : c.now >= targetAt ? 'breached' : 'running';
  return {
    kind: c.kind,
    state,
    running: c.stop === undefined,
    stoppedAt: c.stop,
    calendarId: c.cal.id,
    startedAt: c.start,
    targetAt,
    warnAt: addBusinessMs(c.cal, c.start, Math.round((total * c.warnPercent) / 100)),
    usedMs,
    remainingMs: total - usedMs,
  };
}

/** Every clock of a ticket at `now`, in the order of `CLOCK_KINDS`. */
export function clocksOf(ticket: TicketItem, config: SlaConfig, now: number): ComputedClock[] {
  const facts = ticket.sla ?? initialFacts(ticket);
  const policy = policyFor(config, ticket);
  const cal = calendarFor(config, ticket, policy);
  const closedAt = facts.closedAt ? ms(facts.closedAt) : undefined;
  const base = { cal, facts, now, warnPercent: policy?.warnAtPercent ?? DEFAULT_WARN_PERCENT };
  const started = ms(facts.startedAt);
  const clocks: ComputedClock[] = [];
  if (policy) {
    const { firstResponseMinutes, nextResponseMinutes, resolutionMinutes } = policy.targets;
    const firstAt = facts.firstResponseAt ? ms(facts.firstResponseAt) : closedAt;
    clocks.push(policyClock({ ...base, kind: 'first_response', start: started, stop: firstAt }, firstResponseMinutes * MINUTE));
    if (nextResponseMinutes !== undefined) {
      // The running cycle (a customer reply not yet answered), else the last one answered.
      const cycle: [number, number | undefined] | undefined = facts.awaitingSince
        ? [ms(facts.awaitingSince), closedAt]
        : facts.lastCycle && [ms(facts.lastCycle[0]), ms(facts.lastCycle[1])];
      if (cycle) clocks.push(policyClock({ ...base, kind: 'next_response', start: cycle[0], stop: cycle[1] }, nextResponseMinutes * MINUTE));
    }
    clocks.push(policyClock({ ...base, kind: 'resolution', start: started, stop: closedAt }, resolutionMinutes * MINUTE));
  }
  if (ticket.requestedDueDate) clocks.push(dueClock({ ...base, kind: 'requester_due', start: started, stop: closedAt }, ticket.requestedDueDate));
  if (ticket.coordinatorDueDate) clocks.push(dueClock({ ...base, kind: 'coordinator_due', start: started, stop: closedAt }, ticket.coordinatorDueDate));
  // A calendar that never opens again has no target to show or to wait for.
  return clocks.filter((c) => Number.isFinite(c.targetAt) && Number.isFinite(c.warnAt));
}

/** The most urgent running clock (the soonest target among those counting now), if any runs. */
export function mostUrgent(clocks: readonly ComputedClock[]): ComputedClock | undefined {
  return clocks.filter((c) => c.running).sort((a, b) => a.targetAt - b.targetAt)[0];
}

/** The list state of a clock due at `dueAt` that counts as at risk from `warnAt`. */
const stateAt = (dueAt: number, warnAt: number, now: number): SlaState => (now >= dueAt ? 'breached' : now >= warnAt ? 'at_risk' : 'on_track');

/** Business minutes from `now` to `dueAt` (negative: overdue by that much), rounded down. */
function minutesLeft(cal: BusinessCalendar, dueAt: number, now: number): number {
  const left = now <= dueAt ? businessMsBetween(cal, now, dueAt) : -businessMsBetween(cal, dueAt, now);
  return Math.floor(left / MINUTE);
}

/** The API view of a ticket's clocks (`getTicket`'s `sla`). */
export function ticketSlaOf(ticket: TicketItem, config: SlaConfig, now: number): TicketSla {
  const policy = policyFor(config, ticket);
  const clocks = clocksOf(ticket, config, now);
  const urgent = mostUrgent(clocks);
  return {
    policyId: policy?.id,
    policyName: policy?.name,
    clocks: clocks.map((c) => ({
      kind: c.kind,
      targetAt: new Date(c.targetAt).toISOString(),
      state: c.state,
      remainingMinutes: Math.floor(c.remainingMs / MINUTE),
      usedMinutes: Math.floor(c.usedMs / MINUTE),
      targetMinutes: c.targetMs === undefined ? undefined : Math.round(c.targetMs / MINUTE),
      warnAt: new Date(c.warnAt).toISOString(),
      calendarId: c.calendarId,
    })),
    state: urgent && stateAt(urgent.targetAt, urgent.warnAt, now),
  };
}

/** What of a ticket decides its policy and calendar (all of it on every list item). */
type ListedTicket = Pick<TicketItem, 'priority' | 'category' | 'company' | 'teamId' | 'parentNumber' | 'type'>;

/**
 * The list badge from the stored most-urgent clock (`slaDueAt`, `slaWarnAt`). A list item does
 * not carry `slaCalendarId` (the indexes' projection is at its limit): the calendar follows from
 * the item's team and policy, by the same rule as the clocks.
 */
export function badgeOf(
  t: Pick<TicketItem, 'slaDueAt' | 'slaWarnAt'> & ListedTicket,
  config: SlaConfig,
  now: number,
): { slaState: SlaState; slaRemainingMinutes: number } | undefined {
  if (!t.slaDueAt) return undefined;
  const dueAt = ms(t.slaDueAt);
  const cal = calendarFor(config, t, policyFor(config, t));
  return {
    slaState: stateAt(dueAt, t.slaWarnAt ? ms(t.slaWarnAt) : dueAt, now),
    slaRemainingMinutes: minutesLeft(cal, dueAt, now),
  };
}
