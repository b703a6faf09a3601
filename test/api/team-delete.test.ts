/**
 * Deleting a support team (issue 6, T4). Tickets waiting untaken in its queue stop the deletion
 * (409 `team_has_tickets` with their count) until the coordinator assigns them elsewhere; after
 * that the team is gone from every list and choice, its routing rules are removed and recorded,
 * its templates are everybody's, its name is free again, and tickets that named it keep its name
 * marked as deleted. Always beside a second tenant and a customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let ben: Awaited<ReturnType<typeof newStaff>>;
let klara: Awaited<ReturnType<typeof newStaff>>;
let anna: Awaited<ReturnType<typeof newCustomer>>;
let bert: Awaited<ReturnType<typeof newCustomer>>;
let team: { id: string; version: number };
let ruleId: string;
let templateId: string;
let routed: number;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('teamdel-a'), newTenant('teamdel-b')]);
  [ben, klara, anna, bert] = await Promise.all([
    newStaff(a, 'agent', 'Ben Agent'),
    newStaff(a, 'coordinator', 'Klara Coordinator'),
    newCustomer(a, 'Anna Customer'),
    newCustomer(a, 'Bert Customer'),
  ]);
  const created = await a.admin.post('/api/v1/teams', { name: { de: '1st Level', en: '1st level' }, memberIds: [ben.id] });
  expect(created.status, created.text).toBe(201);
  team = created.json;
  const other = await a.admin.post('/api/v1/teams', { name: { de: 'Hardware', en: 'Hardware' }, memberIds: [ben.id] });
  const routing = await a.admin.put('/api/v1/routing', {
    rules: [
      { when: { category: 'Drucker' }, then: { teamId: team.id } },
      { when: { category: 'Monitor' }, then: { teamId: other.json.id } },
    ],
    version: 0,
  });
  expect(routing.status, routing.text).toBe(200);
  ruleId = routing.json.rules[0].id;
  const template = await ben.client.post('/api/v1/templates', {
    name: 'Printer reset',
    kind: 'answer',
    language: 'en',
    teamId: team.id,
    body: 'Hello {{requester.name}}',
  });
  expect(template.status, template.text).toBe(201);
  templateId = template.json.id;
  const t = await anna.client.post('/api/v1/tickets', { subject: 'Printer jams', description: 'Paper everywhere.', category: 'Drucker' });
  routed = t.json.ticket.number;
  await bert.client.post('/api/v1/tickets', { subject: 'Bert’s own question', description: 'x' });
});

describe('deleting a team', () => {
  it('is for admins of the tenant only', async () => {
    expect((await ben.client.request('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(403);
    expect((await klara.client.request('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(403);
    expect((await anna.client.request('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(403);
    // another tenant's admin finds no such team
    expect((await b.admin.request('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(404);
    expect((await a.admin.get('/api/v1/teams')).json.items.map((x: { id: string }) => x.id)).toContain(team.id);
  });

  it('is refused while a ticket waits untaken in its queue, saying how many', async () => {
    expect((await a.admin.get(`/api/v1/tickets/${routed}`)).json.ticket).toMatchObject({ team: { id: team.id }, stage: 'assigned' });
    const r = await a.admin.request('DELETE', `/api/v1/teams/${team.id}`);
    expect(r.status, r.text).toBe(409);
    expect(r.json).toMatchObject({ code: 'team_has_tickets', params: { count: 1 } });
    expect((await a.admin.get('/api/v1/teams')).json.items.map((x: { id: string }) => x.id)).toContain(team.id);
  });

  it('is refused when the team changed since the admin looked', async () => {
    const r = await a.admin.request('DELETE', `/api/v1/teams/${team.id}`, undefined, { query: { version: String(team.version + 5) } });
    expect(r.status, r.text).toBe(409);
    expect(r.json.code).toBe('conflict');
  });

  it('goes through once a member took the ticket: rules removed and recorded, templates shared, name free', async () => {
    expect((await ben.client.post(`/api/v1/tickets/${routed}/take`, {})).status).toBe(200);
    const r = await a.admin.request('DELETE', `/api/v1/teams/${team.id}`, undefined, { query: { version: String(team.version) } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ removedRules: [ruleId], sharedTemplates: 1 });

    // gone from the list, and no longer anybody's team
    expect((await a.admin.get('/api/v1/teams')).json.items.map((x: { id: string }) => x.id)).not.toContain(team.id);
    expect((await ben.client.get('/api/v1/tickets', { query: { view: 'my_teams', teamId: team.id } })).json.items).toEqual([]);
    // its rule is gone, the other stays, and the routing page records what was removed, by whom
    const routing = (await a.admin.get('/api/v1/routing')).json;
    expect(routing.rules.map((x: { then: { teamId?: string } }) => x.then.teamId)).not.toContain(team.id);
    expect(routing.rules).toHaveLength(1);
    expect(routing.removed).toEqual([
      expect.objectContaining({ rule: expect.objectContaining({ id: ruleId }), teamName: { de: '1st Level', en: '1st level' }, byName: 'Ada Admin' }),
    ]);
    // a new ticket that rule would have routed goes to the coordinator
    const next = await anna.client.post('/api/v1/tickets', { subject: 'Printer again', description: 'x', category: 'Drucker' });
    expect((await klara.client.get(`/api/v1/tickets/${next.json.ticket.number}`)).json.ticket).toMatchObject({ stage: 'new' });
    expect((await klara.client.get(`/api/v1/tickets/${next.json.ticket.number}`)).json.ticket.team).toBeUndefined();
    // the team's template is everybody's now, text kept
    const template = (await klara.client.get('/api/v1/templates', { query: { mine: 'true' } })).json.items.find((x: { id: string }) => x.id === templateId);
    expect(template).toMatchObject({ name: 'Printer reset', body: 'Hello {{requester.name}}' });
    expect(template.teamId).toBeUndefined();
    // the name is free for a new team
    const again = await a.admin.post('/api/v1/teams', { name: { de: '1st Level', en: '1st level' }, memberIds: [] });
    expect(again.status, again.text).toBe(201);
    expect(again.json.id).not.toBe(team.id);
  });

  it('leaves the tickets that named it readable: its name, marked deleted, in both languages', async () => {
    const en = await ben.client.get(`/api/v1/tickets/${routed}`, { headers: { 'accept-language': 'en' } });
    expect(en.json.ticket).toMatchObject({ team: { id: team.id, name: '1st level', deleted: true }, assignee: { id: ben.id } });
    const de = await ben.client.get('/api/v1/tickets', { query: { number: String(routed) }, headers: { 'accept-language': 'de' } });
    expect(de.json.items[0].team).toEqual({ id: team.id, name: '1st Level', deleted: true });
    // asked for, the team list names it too, marked deleted and without members (for old history entries)
    const all = (await ben.client.get('/api/v1/teams', { query: { deleted: 'include' } })).json.items;
    expect(all.find((x: { id: string }) => x.id === team.id)).toMatchObject({ name: { de: '1st Level', en: '1st level' }, members: [], deleted: true });
    // the requester sees no team at all, as before
    expect((await anna.client.get(`/api/v1/tickets/${routed}`)).json.ticket.team).toBeUndefined();
  });

  it('cannot be chosen any more: assigning to it, a rule or a template naming it is refused', async () => {
    const t = await anna.client.post('/api/v1/tickets', { subject: 'Scanner', description: 'x' });
    const n = t.json.ticket.number;
    await klara.client.post(`/api/v1/tickets/${n}/accept`, {});
    const assign = await klara.client.post(`/api/v1/tickets/${n}/assign`, { teamId: team.id });
    expect(assign.status).toBeGreaterThanOrEqual(400);
    expect(assign.status).toBeLessThan(500);
    const current = (await a.admin.get('/api/v1/routing')).json;
    const rule = await a.admin.put('/api/v1/routing', {
      rules: [...current.rules, { when: { category: 'x' }, then: { teamId: team.id } }],
      version: current.version,
    });
    expect(rule.status).toBe(400);
    const tpl = await ben.client.post('/api/v1/templates', { name: 'x', kind: 'answer', language: 'en', teamId: team.id, body: 'x' });
    expect(tpl.status).toBe(400);
    // and deleting it again finds nothing
    expect((await a.admin.request('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(404);
  });

  it('counts tickets parked until a date that go back to its queue', async () => {
    const parking = await a.admin.post('/api/v1/teams', { name: { de: 'Parkplatz', en: 'Parking' }, memberIds: [ben.id] });
    const t = await anna.client.post('/api/v1/tickets', { subject: 'Later', description: 'x' });
    const n = t.json.ticket.number;
    await klara.client.post(`/api/v1/tickets/${n}/accept`, {});
    expect((await klara.client.post(`/api/v1/tickets/${n}/assign`, { teamId: parking.json.id })).status).toBe(200);
    const pend = await klara.client.post(`/api/v1/tickets/${n}/pend`, { until: '2099-01-01T08:00:00Z' });
    expect(pend.status, pend.text).toBe(200);
    const r = await a.admin.request('DELETE', `/api/v1/teams/${parking.json.id}`);
    expect(r.status, r.text).toBe(409);
    expect(r.json).toMatchObject({ code: 'team_has_tickets', params: { count: 1 } });
  });
});

it('another tenant’s teams and tickets are untouched', async () => {
  const mine = await b.admin.post('/api/v1/teams', { name: { de: '1st Level', en: '1st level' }, memberIds: [] });
  expect(mine.status).toBe(201);
  expect((await b.admin.get('/api/v1/teams')).json.items).toHaveLength(1);
  expect((await bert.client.get('/api/v1/tickets')).json.items.map((x: { subject: string }) => x.subject)).toEqual(['Bert’s own question']);
});
