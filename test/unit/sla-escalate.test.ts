/**
 * What firing a due SLA step does to a ticket (shared/sla/escalate.ts), and which clocks a change
 * stopped (shared/sla/records.ts `stopsOf`): pure, at fixed instants.
 */
import { describe, expect, it } from 'vitest';
import type { TicketItem } from '../../shared/db/items.ts';
import type { ComputedClock, DueStep } from '../../shared/sla/engine.ts';
import { actionsOf, fireStep, raisedPriority, stepEventId } from '../../shared/sla/escalate.ts';
import { stopsOf } from '../../shared/sla/records.ts';

const T0 = '2026-03-02T09:00:00.000Z';
const AT = '2026-03-02T09:02:05.000Z';

const ticket = (over: Partial<TicketItem> = {}): TicketItem => ({
  kind: 'ticket',
  number: 7,
  subject: 'Printer on fire',
  description: 'It burns.',
  status: 'open',
  priority: 'normal',
  requesterId: 'req',
  requesterName: 'Rita',
  contact: { email: 'rita@example.com' } as TicketItem['contact'],
  channel: 'portal',
  createdBy: 'req',
  createdByName: 'Rita',
  createdAt: T0,
  updatedAt: T0,
  version: 3,
  stage: 'in_progress',
  assigneeId: 'agent-1',
  assigneeName: 'Alma Agent',
  teamId: 'team-a',
  sla: { startedAt: T0, fired: ['resolution@2026-03-02T09:01:00.000Z#warn'] },
  ...over,
});

const clock: ComputedClock = {
  kind: 'first_response',
  state: 'breached',
  running: true,
  calendarId: '24x7',
  startedAt: Date.parse(T0),
  targetAt: Date.parse('2026-03-02T09:01:00.000Z'),
  warnAt: Date.parse('2026-03-02T09:00:30.000Z'),
  usedMs: 125_000,
  remainingMs: -65_000,
  targetMs: 60_000,
};
const key = (suffix: string) => `first_response@2026-03-02T09:01:00.000Z#${suffix}`;
const escalation = (actions: Extract<DueStep, { type: 'escalation' }>['actions'], teamId?: string): DueStep => ({
  type: 'escalation',
  key: key('step1'),
  clock,
  policyId: 'pol-urgent',
  step: 1,
  actions,
  ...(teamId && { teamId }),
});

describe('firing a due step', () => {
  it('a warning records itself (system, clock kind, target) and its key, nothing else changes', () => {
    const t = ticket();
    const { next, events } = fireStep(t, { type: 'warning', key: key('warn'), clock }, AT, []);
    expect(next).toEqual({ ...t, sla: { ...t.sla, fired: [...t.sla!.fired!, key('warn')] } });
    expect(events).toEqual([
      {
        kind: 'event',
        id: `sla:${key('warn')}`,
        type: 'sla_warning',
        actorId: 'system',
        actorName: 'System',
        at: AT,
        from: 'first_response',
        to: '2026-03-02T09:01:00.000Z',
      },
    ]);
  });

  it('a breach is recorded as sla_breached with a deterministic id', () => {
    const { events } = fireStep(ticket(), { type: 'breach', key: key('breach'), clock }, AT, []);
    expect(events.map((e) => [e.id, e.type])).toEqual([[stepEventId(key('breach')), 'sla_breached']]);
  });

  it('raise_priority goes one level up, recorded as a priority change by the system', () => {
    const { next, events } = fireStep(ticket(), escalation(['notify_coordinator', 'raise_priority']), AT, []);
    expect(next.priority).toBe('high');
    expect(events.map((e) => [e.id, e.type, e.from, e.to, e.actorId])).toEqual([
      [`sla:${key('step1')}`, 'sla_escalated', 'first_response', 'pol-urgent#1: notify_coordinator,raise_priority', 'system'],
      [`sla:${key('step1')}:1`, 'priority', 'normal', 'high', 'system'],
    ]);
    expect(actionsOf(events[0]!.to)).toEqual(['notify_coordinator', 'raise_priority']);
  });

  it('an urgent ticket cannot be raised: the escalation records only what it did', () => {
    const { next, events } = fireStep(ticket({ priority: 'urgent' }), escalation(['raise_priority', 'notify_team']), AT, []);
    expect(next.priority).toBe('urgent');
    expect(events).toHaveLength(1);
    expect(events[0]!.to).toBe('pol-urgent#1: notify_team');
    expect(raisedPriority('low')).toBe('normal');
  });

  it('reassign puts the ticket into the named team’s queue, untaken, as assigning it to a team does', () => {
    const { next, events } = fireStep(ticket(), escalation(['reassign'], 'team-b'), AT, ['team-a', 'team-b']);
    expect(next).toMatchObject({ stage: 'assigned', teamId: 'team-b', priority: 'normal' });
    expect(next.assigneeId).toBeUndefined();
    expect(next.assigneeName).toBeUndefined();
    expect(events.map((e) => [e.type, e.to])).toEqual([
      ['sla_escalated', 'pol-urgent#1: reassign'],
      ['assigned', 'team:team-b'],
    ]);
  });

  it('reassign to a team that is gone, or of a closed ticket, is left out', () => {
    expect(fireStep(ticket(), escalation(['reassign'], 'gone'), AT, ['team-a']).events.map((e) => e.to)).toEqual(['pol-urgent#1: ']);
    const closed = ticket({ stage: 'closed', status: 'solved' });
    expect(fireStep(closed, escalation(['reassign'], 'team-b'), AT, ['team-b']).next.teamId).toBe('team-a');
  });

  it('a ticket without facts yet gets them with the key', () => {
    const { next } = fireStep(ticket({ sla: undefined }), { type: 'warning', key: key('warn'), clock }, AT, []);
    expect(next.sla).toEqual({ startedAt: T0, fired: [key('warn')] });
  });
});

describe('the clocks a change stopped', () => {
  const before = ticket({ requestedDueDate: '2026-03-10', sla: { startedAt: T0, awaitingSince: '2026-03-02T10:00:00.000Z' } });
  it('the first answer stops the first response; an answer to a reply ends that next-response cycle', () => {
    const after = ticket({ updatedAt: AT, sla: { startedAt: T0, firstResponseAt: AT, lastCycle: ['2026-03-02T10:00:00.000Z', AT] } });
    expect(stopsOf(before, after)).toEqual([
      { clock: 'first_response', at: AT },
      { clock: 'next_response', at: AT },
    ]);
  });
  it('the close stops the resolution and the due dates the ticket has', () => {
    const after = { ...before, updatedAt: AT, sla: { ...before.sla!, closedAt: AT } };
    expect(stopsOf(before, after)).toEqual([
      { clock: 'resolution', at: AT },
      { clock: 'requester_due', at: AT },
    ]);
  });
  it('nothing stopped: nothing recorded (a new ticket, a change without facts, an unrelated change)', () => {
    expect(stopsOf(undefined, before)).toEqual([]);
    expect(stopsOf(ticket({ sla: undefined }), before)).toEqual([]);
    expect(stopsOf(before, { ...before, priority: 'high' })).toEqual([]);
  });
});
