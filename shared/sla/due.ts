/**
 * What the timer must do for a ticket, and when (issue 7, workflow.md §1): warnings, breaches
 * and escalation steps of its clocks, each keyed by clock, target and step so it fires exactly
 * once (`sla.fired`), and the next instant worth waking up for. Pure.
 */
import type { TicketItem } from '../db/items.ts';
import { addBusinessMs } from './calendar.ts';
import { POLICY_CLOCKS, type ClockKind } from './constants.ts';
import { calendarById, clocksOf, policyFor } from './clocks.ts';
import type { DueStep, SlaConfig } from './engine.ts';

const MINUTE = 60_000;
const isPolicyClock = (k: ClockKind) => (POLICY_CLOCKS as readonly string[]).includes(k);

/** A step of a clock and the instant it is due. */
export interface PlannedStep {
  at: number;
  step: DueStep;
}

const ORDER = { warning: 0, breach: 1, escalation: 2 } as const;

/** The start of the latest pause (closed or still going), if any: a warning due before it belonged to an earlier target. */
function lastPauseStart(t: TicketItem): number | undefined {
  const f = t.sla;
  const start = f?.pausedSince ?? f?.paused?.[f.paused.length - 1]?.[0];
  return start ? Date.parse(start) : undefined;
}

/**
 * Every step not yet fired, due or not, oldest first. A running clock warns, breaches and
 * escalates; a clock that stopped or paused after its target only records its breach (no
 * warning or escalation once it no longer counts); a met clock does nothing. A warning whose
 * instant lies before a later pause is left out: the target moved with the pause, so its key
 * is new, but the warning was owed (and fired) under the earlier one.
 */
export function plannedSteps(ticket: TicketItem, config: SlaConfig, now: number): PlannedStep[] {
  const fired = new Set(ticket.sla?.fired ?? []);
  const policy = policyFor(config, ticket);
  const pauseStart = lastPauseStart(ticket);
  const out: PlannedStep[] = [];
  for (const clock of clocksOf(ticket, config, now)) {
    if (clock.state === 'met') continue;
    const base = `${clock.kind}@${new Date(clock.targetAt).toISOString()}`;
    if (clock.running && (pauseStart === undefined || clock.warnAt > pauseStart || pauseStart < clock.startedAt)) {
      out.push({ at: clock.warnAt, step: { type: 'warning', key: `${base}#warn`, clock } });
    }
    out.push({ at: clock.targetAt, step: { type: 'breach', key: `${base}#breach`, clock } });
    if (clock.running && policy && isPolicyClock(clock.kind)) {
      const cal = calendarById(config, clock.calendarId);
      policy.escalation.forEach((s, i) =>
        out.push({
          at: addBusinessMs(cal, clock.targetAt, s.afterMinutes * MINUTE),
          step: { type: 'escalation', key: `${base}#step${i}`, clock, policyId: policy.id, step: i, actions: s.actions, teamId: s.teamId },
        }),
      );
    }
  }
  return out
    .filter((p) => !fired.has(p.step.key) && (p.step.clock.running || p.at <= now))
    .sort((a, b) => a.at - b.at || ORDER[a.step.type] - ORDER[b.step.type] || a.step.key.localeCompare(b.step.key));
}

/** A pending ticket's date: it resumes then (the timer's other job). */
const pendingAt = (t: TicketItem) => (t.stage === 'pending' && t.pendingUntil ? Date.parse(t.pendingUntil) : undefined);

/**
 * What is due at `now` and not yet fired, oldest first, and when to wake next: the earliest
 * later step of a running clock, or the pending date if sooner (a paused clock wakes nobody).
 */
export function dueNow(ticket: TicketItem, config: SlaConfig, now: number): { steps: DueStep[]; nextWakeAt?: number } {
  const planned = plannedSteps(ticket, config, now);
  const later = [...planned.filter((p) => p.at > now && p.step.clock.running).map((p) => p.at), pendingAt(ticket)].filter((x): x is number => x !== undefined);
  return { steps: planned.filter((p) => p.at <= now).map((p) => p.step), nextWakeAt: later.length ? Math.min(...later) : undefined };
}

/** The first instant anything is owed for this ticket (overdue steps included): what a timer execution must wake for. */
export function firstOwed(ticket: TicketItem, config: SlaConfig, now: number): number | undefined {
  const all = [...plannedSteps(ticket, config, now).map((p) => p.at), pendingAt(ticket)].filter((x): x is number => x !== undefined);
  return all.length ? Math.min(...all) : undefined;
}
