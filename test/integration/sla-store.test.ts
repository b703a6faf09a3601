/** The SLA configuration's storage against DynamoDB Local: one read for everything, order, versions, two tenants. */
import { describe, expect, it } from 'vitest';
import { newTenantId } from '../../shared/ids.ts';
import {
  createCalendarItem,
  createPolicyItem,
  deletePolicyItem,
  getSlaItems,
  HeadMoved,
  loadSlaConfig,
  saveCalendarItem,
  savePolicyItem,
  type CalendarItem,
  type PolicyItem,
} from '../../shared/db/sla.ts';

const AT = '2026-11-28T10:00:00.000Z';

const calendar = (calendarId: string, over: Partial<CalendarItem> = {}): CalendarItem => ({
  kind: 'slaCalendar',
  calendarId,
  name: `Calendar ${calendarId}`,
  timeZone: 'Europe/Berlin',
  alwaysOpen: false,
  week: { mon: [{ from: '08:00', to: '17:00' }] },
  holidays: [{ date: '2026-12-25', name: 'Christmas', recurring: true }],
  createdAt: AT,
  updatedAt: AT,
  version: 1,
  ...over,
});

const policy = (policyId: string, over: Partial<PolicyItem> = {}): PolicyItem => ({
  kind: 'slaPolicy',
  policyId,
  name: `Policy ${policyId}`,
  match: { priorities: ['urgent'] },
  calendarId: '24x7',
  targets: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  warnAtPercent: 80,
  escalation: [{ afterMinutes: 0, actions: ['notify_coordinator'] }],
  createdAt: AT,
  updatedAt: AT,
  version: 1,
  ...over,
});

describe('SLA configuration storage', () => {
  it('a tenant without configuration has the built-in 24/7 calendar and no policies', async () => {
    const config = await loadSlaConfig(newTenantId());
    expect(config.calendars).toEqual([{ id: '24x7', name: '24/7', timeZone: 'UTC' }]);
    expect(config.policies).toEqual([]);
    expect(config.teamCalendars).toEqual({});
  });

  it('loads calendars and policies in the head’s order, and another tenant sees none of them', async () => {
    const a = newTenantId();
    const b = newTenantId();
    let head = (await getSlaItems(a)).head;
    await createCalendarItem(a, calendar('berlin'), head);
    head = (await getSlaItems(a)).head;
    await createPolicyItem(a, policy('p1'), { ...head, policyIds: ['p1'] });
    head = (await getSlaItems(a)).head;
    await createPolicyItem(a, policy('p0', { match: { priorities: ['low'] }, calendarId: 'berlin' }), { ...head, policyIds: ['p0', 'p1'] });

    const config = await loadSlaConfig(a);
    expect(config.calendars.map((c) => c.id)).toEqual(['24x7', 'berlin']);
    expect(config.calendars[1]).toMatchObject({ timeZone: 'Europe/Berlin', week: { mon: [{ from: '08:00', to: '17:00' }] } });
    expect(config.policies.map((p) => [p.id, p.position])).toEqual([
      ['p0', 0],
      ['p1', 1],
    ]);
    expect((await loadSlaConfig(b)).policies).toEqual([]);
    expect((await loadSlaConfig(b)).calendars.map((c) => c.id)).toEqual(['24x7']);
  });

  it('an always-open calendar reaches the maths without business hours or holidays', async () => {
    const a = newTenantId();
    await createCalendarItem(a, calendar('open', { alwaysOpen: true, week: undefined, timeZone: 'America/New_York' }), (await getSlaItems(a)).head);
    expect((await loadSlaConfig(a)).calendars[1]).toEqual({ id: 'open', name: 'Calendar open', timeZone: 'America/New_York' });
  });

  it('of two creations based on the same head exactly one lands; the other is told to read again', async () => {
    const a = newTenantId();
    const head = (await getSlaItems(a)).head;
    const results = await Promise.allSettled([
      createPolicyItem(a, policy('x'), { ...head, policyIds: ['x'] }),
      createPolicyItem(a, policy('y'), { ...head, policyIds: ['y'] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(HeadMoved);
    expect((await getSlaItems(a)).policies).toHaveLength(1);
  });

  it('a change at a stale version is refused with conflict and nothing is lost', async () => {
    const a = newTenantId();
    await createCalendarItem(a, calendar('c'), (await getSlaItems(a)).head);
    await saveCalendarItem(a, calendar('c', { name: 'First' }), 1);
    await expect(saveCalendarItem(a, calendar('c', { name: 'Second' }), 1)).rejects.toMatchObject({ code: 'conflict' });
    expect((await getSlaItems(a)).calendars[0]).toMatchObject({ name: 'First', version: 2 });

    await createPolicyItem(a, policy('p'), { ...(await getSlaItems(a)).head, policyIds: ['p'] });
    await savePolicyItem(a, policy('p', { name: 'Renamed' }), 1);
    await expect(savePolicyItem(a, policy('p', { name: 'Lost' }), 1)).rejects.toMatchObject({ code: 'conflict' });
    await expect(deletePolicyItem(a, 'p', 1, (await getSlaItems(a)).head)).rejects.toMatchObject({ code: 'conflict' });
    expect((await loadSlaConfig(a)).policies).toMatchObject([{ id: 'p', name: 'Renamed', version: 2 }]);
    await deletePolicyItem(a, 'p', 2, (await getSlaItems(a)).head);
    expect(await getSlaItems(a)).toMatchObject({ policies: [], head: { policyIds: [] } });
  });
});
