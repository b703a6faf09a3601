/**
 * The SLA engine (issue 7) at fixed instants: a ticket's facts advance with each write
 * (`advanceSla`, as every write path calls it), its clocks follow from the facts, the policy,
 * the calendar and the instant (`clocksOf`, `ticketSlaOf`, `badgeOf`), and the timer is told
 * what is due exactly once (`dueNow`). Property specs (fast-check): business time used never
 * exceeds wall time, pausing never moves a target earlier, the same messages give the same
 * clocks however they are batched into writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventItem, MessageItem, TicketItem } from '../../shared/db/items.ts';
import type { BusinessCalendar } from '../../shared/sla/constants.ts';
import { advanceSla, badgeOf, clocksOf, dueNow, policyFor, ticketSlaOf, type SlaConfig } from '../../shared/sla/engine.ts';
import type { SlaPolicy } from '../../shared/sla/schemas.ts';
import { CUSTOMER, MIN, STAFF, createdTicket as created, iso, nextId, slaConfig, slaMessage as message, slaPolicy as policy } from '../support/sla-fixtures.ts';

const at = (s: string) => Date.parse(s);

const weekdays = (intervals: { from: string; to: string }[]) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });
/** Mon–Fri 8–17 in Berlin, Christmas Day every year. */
const OFFICE: BusinessCalendar & { name: string } = {
  id: 'office',
  name: 'Office',
  timeZone: 'Europe/Berlin',
  week: weekdays([{ from: '08:00', to: '17:00' }]),
  holidays: [{ date: '2020-12-25', name: 'Weihnachten', recurring: true }],
};
/** Two intervals a day: 8–12 and 13–17, Berlin. */
const LUNCH: BusinessCalendar & { name: string } = {
  id: 'lunch',
  name: 'Lunch break',
  timeZone: 'Europe/Berlin',
  week: weekdays([
    { from: '08:00', to: '12:00' },
    { from: '13:00', to: '17:00' },
  ]),
};

/** The shared configuration with the office and lunch-break calendars besides 24/7. */
const config = (policies: SlaPolicy[], over: Partial<SlaConfig> = {}): SlaConfig => {
  const base = slaConfig(policies);
  return { ...base, calendars: [...base.calendars, OFFICE, LUNCH], ...over };
};

const event = (type: EventItem['type'], when: string, from = '', to = ''): EventItem => ({
  kind: 'event',
  id: nextId('e'),
  type,
  actorId: 'klara',
  actorName: 'Klara',
  at: when,
  from,
  to,
});

/** One write as the write paths make it: the ticket changed by `change` at `when`, with what it adds. */
function write(cfg: SlaConfig, t: TicketItem, when: string, change: Partial<TicketItem>, added: (MessageItem | EventItem)[] = []) {
  const r = advanceSla(t, { ...t, ...change, updatedAt: when }, added, when, cfg);
  return { ...r, ticket: { ...r.ticket, version: (t.version ?? 0) + 1 } };
}

const clock = (t: TicketItem, cfg: SlaConfig, now: string, kind: string) => ticketSlaOf(t, cfg, at(now)).clocks.find((c) => c.kind === kind);

describe('which policy applies', () => {
  const urgent = policy('urgent', { match: { priorities: ['urgent'] } });
  const hardware = policy('hardware', { match: { priorities: ['normal'], categories: ['Hardware'], companies: ['ACME GmbH'] } });
  const anyNormal = policy('normal', { match: { priorities: ['normal'] } });
  const cfg = config([urgent, hardware, anyNormal]);
  const t = created(cfg, '2026-11-30T09:00:00Z');

  it('is the first in order whose every given list holds the ticket’s value', () => {
    expect(policyFor(cfg, { ...t, priority: 'urgent' })?.id).toBe('urgent');
    expect(policyFor(cfg, { ...t, category: 'hardware', company: 'ACME GmbH' })?.id).toBe('hardware');
    expect(policyFor(cfg, { ...t, category: 'Hardware' })?.id).toBe('normal'); // no company: the company list does not hold it
    expect(policyFor(cfg, { ...t, priority: 'low' })).toBeUndefined();
  });

  it('is none for a part of another ticket or a task: only their due dates are clocks', () => {
    expect(policyFor(cfg, { ...t, parentNumber: 7 })).toBeUndefined();
    expect(policyFor(cfg, { ...t, type: 'task' })).toBeUndefined();
    const part = created(cfg, '2026-11-30T09:00:00Z', { parentNumber: 7, requestedDueDate: '2026-12-01' });
    expect(ticketSlaOf(part, cfg, at('2026-11-30T10:00:00Z')).clocks.map((c) => c.kind)).toEqual(['requester_due']);
  });
});

describe('clocks on 24/7', () => {
  const cfg = config([policy('std', { warnAtPercent: 50 })]);
  const t0 = '2026-11-30T09:00:00.000Z';

  it('run from creation: target, business time used and left, at risk from the warning threshold', () => {
    const t = created(cfg, t0);
    expect(t.slaPolicyId).toBe('std');
    // The most urgent running clock goes on the item for the lists: first response, due at 10:00.
    expect({ clock: t.slaClock, due: t.slaDueAt, warn: t.slaWarnAt }).toEqual({
      clock: 'first_response',
      due: '2026-11-30T10:00:00.000Z',
      warn: '2026-11-30T09:30:00.000Z',
    });
    expect(clock(t, cfg, '2026-11-30T09:20:00Z', 'first_response')).toMatchObject({
      state: 'running',
      usedMinutes: 20,
      remainingMinutes: 40,
      targetMinutes: 60,
    });
    expect(ticketSlaOf(t, cfg, at('2026-11-30T09:20:00Z')).state).toBe('on_track');
    expect(ticketSlaOf(t, cfg, at('2026-11-30T09:40:00Z')).state).toBe('at_risk');
    expect(ticketSlaOf(t, cfg, at('2026-11-30T10:05:00Z'))).toMatchObject({ state: 'breached' });
    expect(clock(t, cfg, '2026-11-30T10:05:00Z', 'first_response')).toMatchObject({ state: 'breached', remainingMinutes: -5 });
    expect(badgeOf(t, cfg, at('2026-11-30T09:40:00Z'))).toEqual({ slaState: 'at_risk', slaRemainingMinutes: 20 });
    expect(badgeOf(t, cfg, at('2026-11-30T10:05:00Z'))).toEqual({ slaState: 'breached', slaRemainingMinutes: -5 });
  });

  it('first response is met by the first public answer of support, not by a note, a part’s answer or an answer under review', () => {
    let t = created(cfg, t0);
    for (const extra of [{ internal: true }, { internal: true, partOf: 4 }, { internal: true, toCoordinator: true }]) {
      t = write(cfg, t, '2026-11-30T09:10:00.000Z', {}, [message(STAFF, '2026-11-30T09:10:00.000Z', extra)]).ticket;
    }
    expect(t.sla?.firstResponseAt).toBeUndefined();
    t = write(cfg, t, '2026-11-30T09:40:00.000Z', { status: 'waiting' }, [message(STAFF, '2026-11-30T09:40:00.000Z')]).ticket;
    expect(clock(t, cfg, '2026-11-30T12:00:00Z', 'first_response')).toMatchObject({ state: 'met', usedMinutes: 40 });
    // Now the customer's turn: every policy clock pauses, none runs, the badge goes.
    expect(t.slaDueAt).toBeUndefined();
    expect(clock(t, cfg, '2026-11-30T12:00:00Z', 'resolution')).toMatchObject({ state: 'paused', usedMinutes: 40 });
  });

  it('a customer’s reply after a response opens a next-response cycle; the next public answer meets it', () => {
    let t = created(cfg, t0);
    t = write(cfg, t, '2026-11-30T09:10:00.000Z', { status: 'waiting' }, [message(STAFF, '2026-11-30T09:10:00.000Z')]).ticket;
    t = write(cfg, t, '2026-11-30T11:00:00.000Z', { status: 'open' }, [message(CUSTOMER, '2026-11-30T11:00:00.000Z')]).ticket;
    expect({ clock: t.slaClock, due: t.slaDueAt }).toEqual({ clock: 'next_response', due: '2026-11-30T11:30:00.000Z' });
    t = write(cfg, t, '2026-11-30T11:45:00.000Z', { status: 'waiting' }, [message(STAFF, '2026-11-30T11:45:00.000Z')]).ticket;
    // Answered late: the last cycle stays visible as breached, and no cycle runs.
    expect(clock(t, cfg, '2026-11-30T12:00:00Z', 'next_response')).toMatchObject({ state: 'breached', usedMinutes: 45 });
  });

  it('pending until a date pauses the clocks; closing stops resolution, and a reopen resumes it with the closed time as a pause', () => {
    let t = created(cfg, t0);
    t = write(cfg, t, '2026-11-30T09:30:00.000Z', { stage: 'pending', pendingUntil: '2026-12-01T09:00:00.000Z' }).ticket;
    expect(clock(t, cfg, '2026-11-30T15:00:00Z', 'resolution')).toMatchObject({ state: 'paused', usedMinutes: 30, targetAt: '2026-11-30T18:30:00.000Z' });
    t = write(cfg, t, '2026-11-30T16:00:00.000Z', { stage: 'in_progress', pendingUntil: undefined }).ticket;
    t = write(cfg, t, '2026-11-30T16:30:00.000Z', { stage: 'closed', status: 'solved' }, [event('closed', '2026-11-30T16:30:00.000Z')]).ticket;
    expect(clock(t, cfg, '2026-12-01T09:00:00Z', 'resolution')).toMatchObject({ state: 'met', usedMinutes: 60 });
    t = write(cfg, t, '2026-12-01T09:00:00.000Z', { stage: 'in_progress', status: 'open' }, [event('reopened', '2026-12-01T09:00:00.000Z')]).ticket;
    expect(clock(t, cfg, '2026-12-01T09:00:00Z', 'resolution')).toMatchObject({ state: 'running', usedMinutes: 60, targetAt: '2026-12-01T12:00:00.000Z' });
  });
});

describe('clocks on business hours (Mon–Fri 8–17 Berlin)', () => {
  const std = policy('std', { calendarId: 'office', targets: { firstResponseMinutes: 120, resolutionMinutes: 240 } });
  const cfg = config([std]);

  it('a pause that spans closing time counts only the business hours it took', () => {
    // Monday 15:00 Berlin; four business hours would end Tuesday 10:00.
    let t = created(cfg, '2026-11-30T14:00:00.000Z');
    expect(clock(t, cfg, '2026-11-30T14:00:00Z', 'resolution')?.targetAt).toBe('2026-12-01T09:00:00.000Z');
    // Waiting for the customer from Monday 16:00 to Tuesday 10:00: three business hours paused.
    t = write(cfg, t, '2026-11-30T15:00:00.000Z', { status: 'waiting' }).ticket;
    // While paused, the target is where it would be if the clock resumed now (Monday 20:00 → Tuesday 8:00 + 3 h).
    expect(clock(t, cfg, '2026-11-30T19:00:00Z', 'resolution')).toMatchObject({ state: 'paused', usedMinutes: 60, targetAt: '2026-12-01T10:00:00.000Z' });
    t = write(cfg, t, '2026-12-01T09:00:00.000Z', { status: 'open' }, [message(CUSTOMER, '2026-12-01T09:00:00.000Z')]).ticket;
    expect(clock(t, cfg, '2026-12-01T09:00:00Z', 'resolution')).toMatchObject({ state: 'running', usedMinutes: 60, targetAt: '2026-12-01T12:00:00.000Z' });
  });

  it('a priority change re-targets from the original start under the new policy, and the history says so', () => {
    const urgent = policy('urgent', {
      position: -1,
      calendarId: 'office',
      match: { priorities: ['urgent'] },
      targets: { firstResponseMinutes: 30, resolutionMinutes: 120 },
    });
    const both = config([urgent, std]);
    let t = created(both, '2026-11-30T08:00:00.000Z'); // Monday 9:00 Berlin
    expect(clock(t, both, '2026-11-30T08:00:00Z', 'resolution')?.targetAt).toBe('2026-11-30T12:00:00.000Z');
    const r = write(both, t, '2026-11-30T09:00:00.000Z', { priority: 'urgent' }, [event('priority', '2026-11-30T09:00:00.000Z', 'normal', 'urgent')]);
    t = r.ticket;
    expect(t.slaPolicyId).toBe('urgent');
    expect(clock(t, both, '2026-11-30T09:00:00Z', 'resolution')?.targetAt).toBe('2026-11-30T10:00:00.000Z');
    // First response (30 min from 9:00) is already overdue.
    expect(clock(t, both, '2026-11-30T09:00:00Z', 'first_response')).toMatchObject({ state: 'breached', remainingMinutes: -30 });
    expect(r.events).toEqual([expect.objectContaining({ type: 'sla_retargeted', from: 'std', to: 'urgent', actorId: 'klara', actorName: 'Klara' })]);
    // A write that keeps the policy records nothing.
    expect(write(both, t, '2026-11-30T09:05:00.000Z', { category: 'Drucker' }).events).toEqual([]);
  });

  it('a calendar with two intervals a day skips the lunch break', () => {
    const lunch = config([policy('lunch', { calendarId: 'lunch', targets: { firstResponseMinutes: 120, resolutionMinutes: 600 } })]);
    const t = created(lunch, '2026-11-30T10:00:00.000Z'); // Monday 11:00 Berlin
    expect(clock(t, lunch, '2026-11-30T10:00:00Z', 'first_response')?.targetAt).toBe('2026-11-30T13:00:00.000Z'); // 14:00 Berlin
    // 11:00 to 13:30 Berlin is an hour and a half of business time.
    expect(clock(t, lunch, '2026-11-30T12:30:00Z', 'first_response')).toMatchObject({ usedMinutes: 90, remainingMinutes: 30 });
    expect(clock(t, lunch, '2026-11-30T10:00:00Z', 'resolution')?.targetAt).toBe('2026-12-01T13:00:00.000Z'); // Tuesday 14:00
  });

  it('a weekend and a holiday do not count', () => {
    const friday = created(cfg, '2026-11-27T15:00:00.000Z'); // Friday 16:00 Berlin
    expect(clock(friday, cfg, '2026-11-27T15:00:00Z', 'first_response')?.targetAt).toBe('2026-11-30T08:00:00.000Z'); // Monday 9:00
    const christmasEve = created(cfg, '2026-12-24T15:00:00.000Z'); // Thursday 16:00; Friday is Christmas Day
    expect(clock(christmasEve, cfg, '2026-12-24T15:00:00Z', 'first_response')?.targetAt).toBe('2026-12-28T08:00:00.000Z');
  });

  it('a team’s own calendar wins over the policy’s', () => {
    const teamCfg = config([std], { teamCalendars: { nightshift: '24x7' } });
    const t = created(teamCfg, '2026-11-27T15:00:00.000Z', { teamId: 'nightshift' });
    expect(clock(t, teamCfg, '2026-11-27T15:00:00Z', 'first_response')).toMatchObject({ targetAt: '2026-11-27T17:00:00.000Z', calendarId: '24x7' });
  });
});

describe('due dates are clocks', () => {
  it('end at midnight in the tenant’s zone without a policy, never pause, and are met when closed before', () => {
    const cfg = config([]);
    let t = created(cfg, '2026-11-30T09:00:00.000Z', { requestedDueDate: '2026-12-01' });
    expect(t.slaPolicyId).toBeUndefined();
    expect({ clock: t.slaClock, due: t.slaDueAt }).toEqual({ clock: 'requester_due', due: '2026-12-01T23:00:00.000Z' });
    t = write(cfg, t, '2026-11-30T10:00:00.000Z', { status: 'waiting', coordinatorDueDate: '2026-11-30' }).ticket;
    expect({ clock: t.slaClock, due: t.slaDueAt }).toEqual({ clock: 'coordinator_due', due: '2026-11-30T23:00:00.000Z' });
    expect(clock(t, cfg, '2026-11-30T12:00:00Z', 'requester_due')).toMatchObject({ state: 'running', usedMinutes: 180 });
    t = write(cfg, t, '2026-12-01T08:00:00.000Z', { stage: 'closed', status: 'solved' }).ticket;
    expect(ticketSlaOf(t, cfg, at('2026-12-02T08:00:00Z')).clocks.map((c) => [c.kind, c.state])).toEqual([
      ['requester_due', 'met'],
      ['coordinator_due', 'breached'],
    ]);
  });

  it('end at local midnight across the change to summer time', () => {
    const t = created(config([]), '2027-03-27T09:00:00.000Z', { requestedDueDate: '2027-03-28' });
    expect(t.slaDueAt).toBe('2027-03-28T22:00:00.000Z'); // midnight CEST
  });
});

describe('what the timer is told', () => {
  const steps = [
    { afterMinutes: 0, actions: ['notify_coordinator' as const] },
    { afterMinutes: 1, actions: ['raise_priority' as const] },
  ];
  const cfg = config([policy('p', { targets: { firstResponseMinutes: 2, resolutionMinutes: 60 }, warnAtPercent: 50, escalation: steps })]);
  const t0 = '2026-11-30T09:00:00.000Z';
  const keysAt = (t: TicketItem, now: string) => dueNow(t, cfg, at(now)).steps.map((s) => s.key);

  it('warning, breach and each escalation step once their instant has come, each under its own key, then the next wake-up', () => {
    const t = created(cfg, t0);
    expect(dueNow(t, cfg, at('2026-11-30T09:00:30Z'))).toEqual({ steps: [], nextWakeAt: at('2026-11-30T09:01:00Z') });
    expect(keysAt(t, '2026-11-30T09:01:00Z')).toEqual(['first_response@2026-11-30T09:02:00.000Z#warn']);
    const late = dueNow(t, cfg, at('2026-11-30T09:03:30Z'));
    expect(late.steps.map((s) => s.key)).toEqual([
      'first_response@2026-11-30T09:02:00.000Z#warn',
      'first_response@2026-11-30T09:02:00.000Z#breach',
      'first_response@2026-11-30T09:02:00.000Z#step0',
      'first_response@2026-11-30T09:02:00.000Z#step1',
    ]);
    expect(late.steps[3]).toMatchObject({ type: 'escalation', policyId: 'p', step: 1, actions: ['raise_priority'] });
    expect(late.nextWakeAt).toBe(at('2026-11-30T09:30:00Z')); // resolution's warning
  });

  it('never tells a fired step again, nor anything of a clock that was met', () => {
    let t = created(cfg, t0);
    t = { ...t, sla: { ...t.sla!, fired: ['first_response@2026-11-30T09:02:00.000Z#warn', 'first_response@2026-11-30T09:02:00.000Z#breach'] } };
    expect(keysAt(t, '2026-11-30T09:02:30Z')).toEqual(['first_response@2026-11-30T09:02:00.000Z#step0']);
    t = write(cfg, t, '2026-11-30T09:02:40.000Z', { status: 'waiting' }, [message(STAFF, '2026-11-30T09:02:40.000Z')]).ticket;
    expect(t.sla?.fired).toHaveLength(2); // the write keeps what fired
    // Answered after the breach: its breach was recorded, escalation stops; the paused resolution clock wakes nobody.
    expect(dueNow(t, cfg, at('2026-11-30T09:10:00Z'))).toEqual({ steps: [], nextWakeAt: undefined });
  });

  it('a pause that crosses the old target prevents the breach', () => {
    let t = created(cfg, t0);
    t = write(cfg, t, '2026-11-30T09:01:30.000Z', { stage: 'pending', pendingUntil: '2026-11-30T10:00:00.000Z' }).ticket;
    expect(dueNow(t, cfg, at('2026-11-30T09:05:00Z'))).toEqual({ steps: [], nextWakeAt: at('2026-11-30T10:00:00Z') });
    t = write(cfg, t, '2026-11-30T10:00:00.000Z', { stage: 'new', pendingUntil: undefined }).ticket;
    // Resumed with 30 s left; the warning (due before the pause, under the earlier target) is not told again.
    expect(dueNow(t, cfg, at('2026-11-30T10:00:00Z'))).toEqual({ steps: [], nextWakeAt: at('2026-11-30T10:00:30Z') });
  });

  it('a write raises the timer generation when the first thing owed moves earlier or appears, not when it moves later', () => {
    const t = created(config([]), t0);
    expect(t.timerGeneration).toBeUndefined(); // the insert starts generation 1
    const pended = write(config([]), t, '2026-11-30T09:10:00.000Z', { stage: 'pending', pendingUntil: '2026-12-01T09:00:00.000Z' }).ticket;
    expect(pended.timerGeneration).toBe(2); // the pending date appeared
    const fast = config([
      policy('fast', { position: -1, match: { priorities: ['urgent'] }, targets: { firstResponseMinutes: 1, resolutionMinutes: 60 } }),
      ...cfg.policies,
    ]);
    const withPolicy = created(fast, t0);
    expect(write(fast, withPolicy, '2026-11-30T09:00:10.000Z', { priority: 'urgent' }).ticket.timerGeneration).toBe(2);
    expect(write(fast, withPolicy, '2026-11-30T09:00:10.000Z', { category: 'x' }).ticket.timerGeneration).toBeUndefined();
    const urgent = created(fast, t0, { priority: 'urgent' });
    expect(write(fast, urgent, '2026-11-30T09:00:10.000Z', { priority: 'normal' }).ticket.timerGeneration).toBeUndefined(); // later: the running execution wakes early and waits again
  });
});

// ---- properties --------------------------------------------------------------------------

const T0 = at('2026-11-30T07:00:00Z');
const HOUR = 60 * MIN;
const calendarArb = fc.constantFrom('24x7', 'office', 'lunch');
const propCfg = (calendarId: string) =>
  config([policy('p', { calendarId, targets: { firstResponseMinutes: 90, nextResponseMinutes: 45, resolutionMinutes: 600 } })]);

describe('properties', () => {
  it('business time used never exceeds wall time, whatever pauses came between', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 200 * HOUR }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 300 * HOUR }),
        (cal, flips, extra) => {
          const cfg = propCfg(cal);
          let t = created(cfg, iso(T0));
          const times = [...flips].sort((a, b) => a - b);
          times.forEach((dt, i) => (t = write(cfg, t, iso(T0 + dt), { status: i % 2 === 0 ? 'waiting' : 'open' }).ticket));
          const now = T0 + (times[times.length - 1] ?? 0) + extra;
          for (const c of clocksOf(t, cfg, now)) expect(c.usedMs).toBeLessThanOrEqual(now - c.startedAt);
        },
      ),
    );
  });

  it('pausing never moves a target earlier', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 0, max: 100 * HOUR }),
        fc.integer({ min: 1, max: 100 * HOUR }),
        fc.integer({ min: 0, max: 100 * HOUR }),
        (cal, from, length, after) => {
          const cfg = propCfg(cal);
          const plain = created(cfg, iso(T0));
          let paused = write(cfg, plain, iso(T0 + from), { status: 'waiting' }).ticket;
          paused = write(cfg, paused, iso(T0 + from + length), { status: 'open' }).ticket;
          const now = T0 + from + length + after;
          const targets = (t: TicketItem) => Object.fromEntries(clocksOf(t, cfg, now).map((c) => [c.kind, c.targetAt]));
          const [a, b] = [targets(plain), targets(paused)];
          for (const kind of Object.keys(a)) expect(b[kind]).toBeGreaterThanOrEqual(a[kind]!);
        },
      ),
    );
  });

  it('the same messages give the same clocks in one write or one write each', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.array(fc.record({ dt: fc.integer({ min: 1, max: 20 * HOUR }), staff: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 50 * HOUR }),
        (cal, steps, after) => {
          const cfg = propCfg(cal);
          let when = T0;
          const messages = steps.map((s) => message(s.staff ? STAFF : CUSTOMER, iso((when += s.dt))));
          const start = created(cfg, iso(T0), { status: 'open' });
          let oneEach = start;
          for (const m of messages) oneEach = write(cfg, oneEach, m.createdAt, {}, [m]).ticket;
          const batched = write(cfg, start, iso(when), {}, messages).ticket;
          const now = when + after;
          expect(clocksOf(batched, cfg, now)).toEqual(clocksOf(oneEach, cfg, now));
          expect(batched.sla).toEqual(oneEach.sla);
        },
      ),
    );
  });
});
