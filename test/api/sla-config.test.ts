/**
 * Service-level configuration (issue 7; S1): the admin keeps business calendars and SLA policies,
 * staff read them, customers see none of it. The built-in 24/7 calendar is always there and
 * cannot be changed; policies keep a dense matching order; every change lands only at the
 * version its author saw; references must exist in the caller's own tenant. Always beside a
 * second tenant and two customers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSlaConfig } from '../../shared/db/sla.ts';
import { SLA_LIMITS } from '../../shared/sla/constants.ts';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let customer: Awaited<ReturnType<typeof newCustomer>>;
let otherCustomer: Awaited<ReturnType<typeof newCustomer>>;

const unique = () => Math.random().toString(36).slice(2, 8);

const officeHours = (over: Record<string, unknown> = {}) => ({
  name: `Office ${unique()}`,
  timeZone: 'Europe/Berlin',
  week: {
    mon: [{ from: '08:00', to: '17:00' }],
    tue: [{ from: '08:00', to: '17:00' }],
    fri: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '15:00' },
    ],
  },
  holidays: [{ date: '2026-12-25', name: '1. Weihnachtstag', recurring: true }],
  ...over,
});

const policy = (over: Record<string, unknown> = {}) => ({
  name: `Urgent ${unique()}`,
  match: { priorities: ['urgent'] },
  calendarId: '24x7',
  targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 },
  warnAtPercent: 80,
  escalation: [{ afterMinutes: 0, actions: ['notify_coordinator', 'notify_team'] }],
  ...over,
});

async function createTeam(t: TestTenant): Promise<string> {
  const r = await t.admin.post('/api/v1/teams', { name: { de: `Team ${unique()}`, en: `Team ${unique()}` } });
  expect(r.status, r.text).toBe(201);
  return r.json.id;
}

const namesOf = async (who: UserClient, path: string) => ((await who.get(path)).json.items as { name: string }[]).map((x) => x.name);

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('sla-a'), newTenant('sla-b')]);
  [agent, coordinator, customer, otherCustomer] = await Promise.all([
    newStaff(a, 'agent', 'Ben Agent'),
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newCustomer(a, 'Carl Customer'),
    newCustomer(a, 'Cora Customer'),
  ]);
});

describe('calendars', () => {
  it('every tenant has the built-in 24/7 calendar first, even before anything was configured', async () => {
    const r = await b.admin.get('/api/v1/calendars');
    expect(r.status, r.text).toBe(200);
    expect(r.json.items[0]).toEqual({ id: '24x7', name: '24/7', timeZone: 'UTC', alwaysOpen: true, holidays: [], builtIn: true, version: 0 });
  });

  it('the admin creates one with business hours (several intervals a day) and holidays; all staff see it, after 24/7', async () => {
    const body = officeHours();
    const r = await a.admin.post('/api/v1/calendars', body);
    expect(r.status, r.text).toBe(201);
    expect(r.json).toEqual({ id: expect.any(String), ...body, alwaysOpen: false, builtIn: false, version: 1 });
    for (const who of [a.admin, agent.client, coordinator.client]) {
      const list = await who.get('/api/v1/calendars');
      expect(list.status, list.text).toBe(200);
      expect(list.json.items[0].id).toBe('24x7');
      expect(list.json.items).toContainEqual(r.json);
    }
  });

  it('shows the weekdays Monday first, however they were sent', async () => {
    const r = await a.admin.post(
      '/api/v1/calendars',
      officeHours({ week: { sun: [{ from: '10:00', to: '14:00' }], fri: [{ from: '08:00', to: '12:00' }], mon: [{ from: '08:00', to: '12:00' }] } }),
    );
    const listed = (await a.admin.get('/api/v1/calendars')).json.items.find((c: { id: string }) => c.id === r.json.id);
    expect(Object.keys(listed.week)).toEqual(['mon', 'fri', 'sun']);
  });

  it('are for staff to read and for admins to change; customers see none of them', async () => {
    const body = officeHours();
    for (const who of [agent.client, coordinator.client, customer.client, otherCustomer.client]) {
      expect((await who.post('/api/v1/calendars', body)).status).toBe(403);
    }
    for (const who of [customer.client, otherCustomer.client]) {
      const r = await who.get('/api/v1/calendars');
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('forbidden');
    }
    expect(await namesOf(a.admin, '/api/v1/calendars')).not.toContain(body.name);
  });

  it('another tenant neither sees nor changes them', async () => {
    const mine = await a.admin.post('/api/v1/calendars', officeHours());
    expect(await namesOf(b.admin, '/api/v1/calendars')).not.toContain(mine.json.name);
    const r = await b.admin.patch(`/api/v1/calendars/${mine.json.id}`, { name: 'hijacked', version: 1 });
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('not_found');
    expect(await namesOf(a.admin, '/api/v1/calendars')).toContain(mine.json.name);
  });

  it('an always-open calendar needs no business hours and keeps its time zone', async () => {
    const r = await a.admin.post('/api/v1/calendars', { name: 'Hotline', timeZone: 'America/New_York', alwaysOpen: true });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ alwaysOpen: true, timeZone: 'America/New_York', holidays: [] });
    expect(r.json.week).toBeUndefined();
  });

  it('refuses what cannot be a calendar, field by field', async () => {
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [officeHours({ week: {} }), 'week', 'no_business_hours'],
      [officeHours({ timeZone: 'Europe/Atlantis' }), 'timeZone', 'unknown_time_zone'],
      [officeHours({ week: { mon: [{ from: '17:00', to: '08:00' }] } }), 'week.mon.0', 'empty_interval'],
      [
        officeHours({
          week: {
            mon: [
              { from: '08:00', to: '12:00' },
              { from: '11:00', to: '17:00' },
            ],
          },
        }),
        'week.mon',
        'overlapping_intervals',
      ],
      [officeHours({ week: { mon: [{ from: '8:00', to: '17:00' }] } }), 'week.mon.0.from', 'invalid_format'],
      [officeHours({ holidays: [{ date: '2026-02-30', name: 'Nope' }] }), 'holidays.0.date', 'invalid_format'],
    ];
    for (const [body, path, code] of cases) {
      const r = await a.admin.post('/api/v1/calendars', body);
      expect(r.status, `${path}: ${r.text}`).toBe(400);
      expect(r.json.code).toBe('validation_failed');
      expect(r.json.errors).toContainEqual(expect.objectContaining(code ? { path, code } : { path }));
    }
  });

  it('a change lands only at the version the admin saw; the loser gets conflict and nothing is lost', async () => {
    const cal = (await a.admin.post('/api/v1/calendars', officeHours())).json;
    const first = await a.admin.patch(`/api/v1/calendars/${cal.id}`, { name: 'Renamed by Ada', version: 1 });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ name: 'Renamed by Ada', version: 2, week: cal.week, holidays: cal.holidays });
    const stale = await a.admin.patch(`/api/v1/calendars/${cal.id}`, { name: 'Renamed from an old tab', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    expect((await a.admin.get('/api/v1/calendars')).json.items).toContainEqual(first.json);
  });

  it('switching to always open drops the business hours; switching back needs new ones', async () => {
    const cal = (await a.admin.post('/api/v1/calendars', officeHours())).json;
    const open = await a.admin.patch(`/api/v1/calendars/${cal.id}`, { alwaysOpen: true, version: 1 });
    expect(open.json).toMatchObject({ alwaysOpen: true, version: 2 });
    expect(open.json.week).toBeUndefined();
    const back = await a.admin.patch(`/api/v1/calendars/${cal.id}`, { alwaysOpen: false, version: 2 });
    expect(back.status).toBe(400);
    expect(back.json.errors).toEqual([expect.objectContaining({ path: 'week', code: 'no_business_hours' })]);
    const hours = { wed: [{ from: '09:00', to: '18:00' }] };
    const fixed = await a.admin.patch(`/api/v1/calendars/${cal.id}`, { alwaysOpen: false, week: hours, version: 2 });
    expect(fixed.json).toMatchObject({ alwaysOpen: false, week: hours, version: 3 });
  });

  it('the built-in 24/7 calendar cannot be changed; an unknown one is not found', async () => {
    const builtIn = await a.admin.patch('/api/v1/calendars/24x7', { name: 'Mine now', version: 0 });
    expect(builtIn.status).toBe(409);
    expect(builtIn.json.code).toBe('builtin_calendar');
    const unknown = await a.admin.patch('/api/v1/calendars/no-such-calendar', { name: 'x', version: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('not_found');
  });

  it(`a tenant keeps at most ${SLA_LIMITS.maxCalendars} calendars besides 24/7`, async () => {
    const t = await newTenant('sla-cal-limit');
    for (let i = 0; i < SLA_LIMITS.maxCalendars; i++) expect((await t.admin.post('/api/v1/calendars', officeHours())).status).toBe(201);
    const r = await t.admin.post('/api/v1/calendars', officeHours({ name: 'One too many' }));
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ code: 'limit_reached', params: { what: 'calendars', maximum: SLA_LIMITS.maxCalendars } });
    expect((await t.admin.get('/api/v1/calendars')).json.items).toHaveLength(SLA_LIMITS.maxCalendars + 1);
  });
});

describe('German public holidays to import', () => {
  it('lists a federal state’s holidays for a year: Berlin has Frauentag, Bavaria Epiphany and not Frauentag', async () => {
    const be = await a.admin.get('/api/v1/calendars/holidays?state=BE&from=2026');
    expect(be.status, be.text).toBe(200);
    expect(be.json.items).toContainEqual({ date: '2026-03-08', name: expect.any(String), recurring: true });
    expect(be.json.items).toContainEqual({ date: '2026-04-03', name: 'Karfreitag' });
    const by = (await a.admin.get('/api/v1/calendars/holidays?state=BY&from=2026')).json.items.map((h: { date: string }) => h.date);
    expect(by).toContain('2026-01-06');
    expect(by).not.toContain('2026-03-08');
  });

  it('over several years lists the movable feasts of each year and each recurring one once', async () => {
    const r = await a.admin.get('/api/v1/calendars/holidays?state=BY&from=2026&to=2027');
    const dates = r.json.items.map((h: { date: string }) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-04-06', '2027-03-29'])); // Easter Monday in both years
    expect(dates.filter((d: string) => d.endsWith('-12-25'))).toHaveLength(1);
  });

  it('is for admins; a bad state or span is refused', async () => {
    expect((await agent.client.get('/api/v1/calendars/holidays?state=BE&from=2026')).status).toBe(403);
    expect((await customer.client.get('/api/v1/calendars/holidays?state=BE&from=2026')).status).toBe(403);
    const state = await a.admin.get('/api/v1/calendars/holidays?state=XX&from=2026');
    expect(state.status).toBe(400);
    expect(state.json.errors).toContainEqual(expect.objectContaining({ path: 'state', code: 'invalid_value' }));
    const backwards = await a.admin.get('/api/v1/calendars/holidays?state=BE&from=2027&to=2026');
    expect(backwards.status).toBe(400);
    expect(backwards.json.errors).toEqual([expect.objectContaining({ path: 'to', code: 'too_small' })]);
    const long = await a.admin.get('/api/v1/calendars/holidays?state=BE&from=2026&to=2040');
    expect(long.status).toBe(400);
    expect(long.json.errors).toEqual([expect.objectContaining({ path: 'to', code: 'too_big' })]);
  });
});

describe('SLA policies', () => {
  it('the admin creates them on a calendar; staff see them in matching order; customers see nothing', async () => {
    const t = await newTenant('sla-order');
    const cal = (await t.admin.post('/api/v1/calendars', officeHours())).json;
    const urgent = await t.admin.post('/api/v1/sla-policies', policy({ name: 'Urgent', calendarId: cal.id }));
    expect(urgent.status, urgent.text).toBe(201);
    expect(urgent.json).toEqual({ id: expect.any(String), position: 0, ...policy({ name: 'Urgent', calendarId: cal.id }), version: 1 });
    const low = await t.admin.post('/api/v1/sla-policies', policy({ name: 'Low', match: { priorities: ['low'] } }));
    expect(low.json.position).toBe(1);
    // a policy put in front moves the others down
    const vip = await t.admin.post(
      '/api/v1/sla-policies',
      policy({ name: 'VIP', match: { priorities: ['urgent', 'high'], companies: ['ACME'] }, position: 0 }),
    );
    expect(vip.json.position).toBe(0);
    const list = await t.admin.get('/api/v1/sla-policies');
    expect(list.json.items.map((p: { name: string; position: number }) => [p.name, p.position])).toEqual([
      ['VIP', 0],
      ['Urgent', 1],
      ['Low', 2],
    ]);
    expect(await namesOf(b.admin, '/api/v1/sla-policies')).toEqual([]);
  });

  it('staff read them, only admins change them, customers get 403', async () => {
    for (const who of [agent.client, coordinator.client]) expect((await who.get('/api/v1/sla-policies')).status).toBe(200);
    for (const who of [agent.client, coordinator.client, customer.client, otherCustomer.client]) {
      expect((await who.post('/api/v1/sla-policies', policy())).status).toBe(403);
    }
    for (const who of [customer.client, otherCustomer.client]) expect((await who.get('/api/v1/sla-policies')).status).toBe(403);
    const p = (await a.admin.post('/api/v1/sla-policies', policy())).json;
    expect((await coordinator.client.patch(`/api/v1/sla-policies/${p.id}`, { name: 'x', version: 1 })).status).toBe(403);
    expect((await coordinator.client.delete(`/api/v1/sla-policies/${p.id}?version=1`)).status).toBe(403);
    expect((await a.admin.get('/api/v1/sla-policies')).json.items).toContainEqual(p);
  });

  it('moving one changes its position and closes the gap; the order stays dense', async () => {
    const t = await newTenant('sla-move');
    const made: { id: string }[] = [];
    for (const name of ['First', 'Second', 'Third']) made.push((await t.admin.post('/api/v1/sla-policies', policy({ name }))).json);
    const moved = await t.admin.patch(`/api/v1/sla-policies/${made[2]!.id}`, { position: 0, version: 1 });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({ name: 'Third', position: 0, version: 2 });
    expect(await namesOf(t.admin, '/api/v1/sla-policies')).toEqual(['Third', 'First', 'Second']);
    // a position past the end means last
    await t.admin.patch(`/api/v1/sla-policies/${made[0]!.id}`, { position: 99, version: 1 });
    expect(await namesOf(t.admin, '/api/v1/sla-policies')).toEqual(['Third', 'Second', 'First']);
    const del = await t.admin.delete(`/api/v1/sla-policies/${made[1]!.id}?version=1`);
    expect(del.status, del.text).toBe(204);
    const after = (await t.admin.get('/api/v1/sla-policies')).json.items;
    expect(after.map((p: { name: string; position: number }) => [p.name, p.position])).toEqual([
      ['Third', 0],
      ['First', 1],
    ]);
  });

  it('two admins creating at the same instant both land, one after the other', async () => {
    const t = await newTenant('sla-race');
    const second = await newStaff(t, 'admin', 'Second Admin');
    const [x, y] = await Promise.all([
      t.admin.post('/api/v1/sla-policies', policy({ name: 'X' })),
      second.client.post('/api/v1/sla-policies', policy({ name: 'Y' })),
    ]);
    expect([x.status, y.status]).toEqual([201, 201]);
    const list = (await t.admin.get('/api/v1/sla-policies')).json.items;
    expect(list.map((p: { position: number }) => p.position)).toEqual([0, 1]);
    expect(list.map((p: { name: string }) => p.name).sort()).toEqual(['X', 'Y']);
  });

  it('a change or removal lands only at the version seen; the loser gets conflict and nothing is lost', async () => {
    const p = (await a.admin.post('/api/v1/sla-policies', policy())).json;
    const [one, two] = await Promise.all([
      a.admin.patch(`/api/v1/sla-policies/${p.id}`, { warnAtPercent: 50, version: 1 }),
      a.admin.patch(`/api/v1/sla-policies/${p.id}`, { warnAtPercent: 90, version: 1 }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const winner = one.status === 200 ? one.json : two.json;
    expect((two.status === 409 ? two : one).json.code).toBe('conflict');
    expect((await a.admin.delete(`/api/v1/sla-policies/${p.id}?version=1`)).status).toBe(409);
    expect((await a.admin.get('/api/v1/sla-policies')).json.items).toContainEqual(winner);
    expect((await a.admin.delete(`/api/v1/sla-policies/${p.id}?version=2`)).status).toBe(204);
    expect((await a.admin.get('/api/v1/sla-policies')).json.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await a.admin.patch(`/api/v1/sla-policies/${p.id}`, { name: 'gone', version: 2 })).status).toBe(404);
    expect((await a.admin.delete(`/api/v1/sla-policies/${p.id}?version=2`)).status).toBe(404);
  });

  it('refuses a calendar or team the tenant does not have, naming the field — another tenant’s ones included', async () => {
    const foreignCal = (await b.admin.post('/api/v1/calendars', officeHours())).json.id;
    const foreignTeam = await createTeam(b);
    const ownTeam = await createTeam(a);
    const r = await a.admin.post(
      '/api/v1/sla-policies',
      policy({
        calendarId: foreignCal,
        match: { priorities: ['high'], teamIds: [ownTeam, foreignTeam] },
        escalation: [{ afterMinutes: 60, actions: ['reassign'], teamId: 'no-such-team' }],
      }),
    );
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('validation_failed');
    expect(r.json.errors).toEqual([
      expect.objectContaining({ path: 'calendarId', code: 'unknown_calendar' }),
      expect.objectContaining({ path: 'match.teamIds.1', code: 'unknown_team' }),
      expect.objectContaining({ path: 'escalation.0.teamId', code: 'unknown_team' }),
    ]);
    const p = (await a.admin.post('/api/v1/sla-policies', policy())).json;
    const patch = await a.admin.patch(`/api/v1/sla-policies/${p.id}`, { calendarId: foreignCal, version: 1 });
    expect(patch.status).toBe(400);
    expect(patch.json.errors).toEqual([expect.objectContaining({ path: 'calendarId', code: 'unknown_calendar' })]);
    expect((await a.admin.get('/api/v1/sla-policies')).json.items).toContainEqual(p);
  });

  it('refuses what cannot be a policy, field by field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [policy({ match: { priorities: [] } }), 'match.priorities', 'too_small'],
      [policy({ targets: { firstResponseMinutes: 0, resolutionMinutes: 60 } }), 'targets.firstResponseMinutes', 'too_small'],
      [policy({ targets: { firstResponseMinutes: 1, resolutionMinutes: SLA_LIMITS.maxTargetMinutes + 1 } }), 'targets.resolutionMinutes', 'too_big'],
      [policy({ warnAtPercent: 100 }), 'warnAtPercent', 'too_big'],
      [policy({ escalation: [{ afterMinutes: 0, actions: ['reassign'] }] }), 'escalation.0.teamId', 'reassign_needs_team'],
      [policy({ escalation: [{ afterMinutes: 0, actions: ['explode'] }] }), 'escalation.0.actions.0', 'invalid_value'],
      [policy({ escalation: Array.from({ length: 6 }, () => ({ afterMinutes: 0, actions: ['notify_team'] })) }), 'escalation', 'too_big'],
    ];
    for (const [body, path, code] of cases) {
      const r = await a.admin.post('/api/v1/sla-policies', body);
      expect(r.status, `${path}: ${r.text}`).toBe(400);
      expect(r.json.errors).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect((await a.admin.delete('/api/v1/sla-policies/whatever')).status).toBe(400);
  });

  it(`a tenant keeps at most ${SLA_LIMITS.maxPolicies} policies`, async () => {
    const t = await newTenant('sla-pol-limit');
    for (let i = 0; i < SLA_LIMITS.maxPolicies; i++) expect((await t.admin.post('/api/v1/sla-policies', policy())).status).toBe(201);
    const r = await t.admin.post('/api/v1/sla-policies', policy({ name: 'One too many' }));
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ code: 'limit_reached', params: { what: 'policies', maximum: SLA_LIMITS.maxPolicies } });
    expect(await namesOf(t.admin, '/api/v1/sla-policies')).not.toContain('One too many');
  });
});

describe('a team’s own calendar', () => {
  it('the admin sets it on a team, staff see it, null clears it', async () => {
    const cal = (await a.admin.post('/api/v1/calendars', officeHours())).json;
    const teamId = await createTeam(a);
    const set = await a.admin.patch(`/api/v1/teams/${teamId}`, { calendarId: cal.id, version: 1 });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ calendarId: cal.id, version: 2 });
    expect((await agent.client.get('/api/v1/teams')).json.items).toContainEqual(set.json);
    const cleared = await a.admin.patch(`/api/v1/teams/${teamId}`, { calendarId: null, version: 2 });
    expect(cleared.json.version).toBe(3);
    expect(cleared.json.calendarId).toBeUndefined();
    const made = await a.admin.post('/api/v1/teams', { name: { de: `Nacht ${unique()}`, en: `Night ${unique()}` }, calendarId: '24x7' });
    expect(made.json.calendarId).toBe('24x7');
  });

  it('must be a calendar of the tenant', async () => {
    const foreignCal = (await b.admin.post('/api/v1/calendars', officeHours())).json.id;
    const teamId = await createTeam(a);
    const r = await a.admin.patch(`/api/v1/teams/${teamId}`, { calendarId: foreignCal, version: 1 });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'calendarId', code: 'unknown_calendar' })]);
    const made = await a.admin.post('/api/v1/teams', { name: { de: `X ${unique()}`, en: `X ${unique()}` }, calendarId: 'nope' });
    expect(made.status).toBe(400);
    expect((await a.admin.get('/api/v1/teams')).json.items.find((t: { id: string }) => t.id === teamId).calendarId).toBeUndefined();
  });
});

describe('what the SLA maths reads (loadSlaConfig)', () => {
  it('has the time zone, 24/7 and every calendar, the policies in order and the teams’ own calendars — of its tenant only', async () => {
    const t = await newTenant('sla-load');
    const cal = (await t.admin.post('/api/v1/calendars', officeHours({ name: 'Berlin' }))).json;
    const second = (await t.admin.post('/api/v1/sla-policies', policy({ name: 'Second', calendarId: cal.id }))).json;
    const first = (await t.admin.post('/api/v1/sla-policies', policy({ name: 'First', position: 0 }))).json;
    const teamId = await createTeam(t);
    await t.admin.patch(`/api/v1/teams/${teamId}`, { calendarId: cal.id, version: 1 });

    const config = await loadSlaConfig(t.id);
    expect(config.timeZone).toBe('Europe/Berlin');
    expect(config.calendars).toEqual([
      { id: '24x7', name: '24/7', timeZone: 'UTC' },
      { id: cal.id, name: 'Berlin', timeZone: 'Europe/Berlin', week: cal.week, holidays: cal.holidays },
    ]);
    expect(config.policies).toEqual([
      { ...first, position: 0 },
      { ...second, position: 1 },
    ]);
    expect(config.teamCalendars).toEqual({ [teamId]: cal.id });
    expect((await loadSlaConfig(b.id)).policies.map((p) => p.id)).not.toContain(first.id);
  });
});
