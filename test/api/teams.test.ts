/**
 * Support teams (T4): the admin creates and changes them, staff read them, members are confirmed
 * staff of the same tenant, names are unique per language, two admins cannot silently undo each
 * other, and a removed user leaves their teams. Always beside a second tenant and a customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { TeamEntity } from '../../shared/db/entities/teams.ts';
import { on } from '../../shared/db/entities/tenant.ts';

let a: TestTenant;
let b: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let customer: Awaited<ReturnType<typeof newCustomer>>;
let foreignAgent: Awaited<ReturnType<typeof newStaff>>;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('teams-a'), newTenant('teams-b')]);
  [agent, coordinator, customer, foreignAgent] = await Promise.all([
    newStaff(a, 'agent', 'Ben Agent'),
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newCustomer(a, 'Carl Customer'),
    newStaff(b, 'agent', 'Fritz Foreign'),
  ]);
});

const unique = () => Math.random().toString(36).slice(2, 8);

describe('creating a team', () => {
  it('gives it names in de and en and staff members, listed for every staff member', async () => {
    const name = { de: `Hardware ${unique()}`, en: `Hardware ${unique()}` };
    const r = await a.admin.post('/api/v1/teams', { name, memberIds: [agent.id, coordinator.id] });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ name, version: 1 });
    expect(r.json.members).toEqual([
      { id: agent.id, name: 'Ben Agent' },
      { id: coordinator.id, name: 'Cleo Coordinator' },
    ]);
    for (const who of [a.admin, agent.client, coordinator.client]) {
      const list = await who.get('/api/v1/teams');
      expect(list.status, list.text).toBe(200);
      expect(list.json.items).toContainEqual(r.json);
    }
  });

  it('is for admins only; a customer cannot even list teams', async () => {
    const body = { name: { de: `Nope ${unique()}`, en: `Nope ${unique()}` }, memberIds: [] };
    expect((await agent.client.post('/api/v1/teams', body)).status).toBe(403);
    expect((await coordinator.client.post('/api/v1/teams', body)).status).toBe(403);
    expect((await customer.client.post('/api/v1/teams', body)).status).toBe(403);
    expect((await customer.client.get('/api/v1/teams')).status).toBe(403);
    const names = (await a.admin.get('/api/v1/teams')).json.items.map((t: { name: { de: string } }) => t.name.de);
    expect(names).not.toContain(body.name.de);
  });

  it('needs both names, 1–80 characters each', async () => {
    const missing = await a.admin.post('/api/v1/teams', { name: { de: 'Nur Deutsch' }, memberIds: [] });
    expect(missing.status).toBe(400);
    expect(missing.json.code).toBe('validation_failed');
    expect(missing.json.errors).toContainEqual(expect.objectContaining({ path: 'name.en', code: 'invalid_type' }));
    const blank = await a.admin.post('/api/v1/teams', { name: { de: '   ', en: 'x'.repeat(81) }, memberIds: [] });
    expect(blank.status).toBe(400);
    expect(blank.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name.de', code: 'too_small', params: { minimum: 1 } }),
        expect.objectContaining({ path: 'name.en', code: 'too_big', params: { maximum: 80 } }),
      ]),
    );
  });

  it('refuses a name another team of the tenant has in that language (ignoring case and spaces), not one of another tenant', async () => {
    const de = `Buchhaltung ${unique()}`;
    expect((await a.admin.post('/api/v1/teams', { name: { de, en: `Accounting ${unique()}` } })).status).toBe(201);
    const twin = await a.admin.post('/api/v1/teams', { name: { de: `  ${de.toUpperCase()} `, en: `Other ${unique()}` } });
    expect(twin.status).toBe(400);
    expect(twin.json.errors).toEqual([expect.objectContaining({ path: 'name.de', code: 'team_name_taken' })]);
    // the same name in the other language, or in another tenant, is fine
    expect((await a.admin.post('/api/v1/teams', { name: { de: `Anders ${unique()}`, en: de } })).status).toBe(201);
    expect((await b.admin.post('/api/v1/teams', { name: { de, en: `Accounting ${unique()}` } })).status).toBe(201);
  });

  it('of two admins creating the same name at once, exactly one wins', async () => {
    const second = await newStaff(a, 'admin', 'Adam Second');
    const name = { de: `Zugleich ${unique()}`, en: `Same time ${unique()}` };
    const results = await Promise.all([a.admin.post('/api/v1/teams', { name }), second.client.post('/api/v1/teams', { name })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const listed = (await a.admin.get('/api/v1/teams')).json.items.filter((t: { name: { de: string } }) => t.name.de === name.de);
    expect(listed).toHaveLength(1);
  });

  it('takes only confirmed staff of the same tenant as members', async () => {
    const name = () => ({ de: `Mitglieder ${unique()}`, en: `Members ${unique()}` });
    const r = await a.admin.post('/api/v1/teams', { name: name(), memberIds: [agent.id, customer.id, foreignAgent.id, 'nobody'] });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([
      expect.objectContaining({ path: 'memberIds.1', code: 'not_staff' }),
      expect.objectContaining({ path: 'memberIds.2', code: 'not_staff' }),
      expect.objectContaining({ path: 'memberIds.3', code: 'not_staff' }),
    ]);
    const twice = await a.admin.post('/api/v1/teams', { name: name(), memberIds: [agent.id, agent.id] });
    expect(twice.status).toBe(400);
    expect(twice.json.errors).toEqual([expect.objectContaining({ path: 'memberIds', code: 'duplicate_member' })]);
  });
});

describe('changing a team', () => {
  it('renames it and changes its members at the version the admin saw; a stale version is refused', async () => {
    const created = (await a.admin.post('/api/v1/teams', { name: { de: `Erste ${unique()}`, en: `First ${unique()}` }, memberIds: [agent.id] })).json;
    const name = { de: `1st Level ${unique()}`, en: `1st level ${unique()}` };
    const r = await a.admin.patch(`/api/v1/teams/${created.id}`, { name, memberIds: [coordinator.id], version: 1 });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ id: created.id, name, members: [{ id: coordinator.id, name: 'Cleo Coordinator' }], version: 2 });
    const stale = await a.admin.patch(`/api/v1/teams/${created.id}`, { memberIds: [agent.id], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    const listed = (await agent.client.get('/api/v1/teams')).json.items.find((t: { id: string }) => t.id === created.id);
    expect(listed).toEqual(r.json);
  });

  it('frees the old name for another team and refuses a name that is taken', async () => {
    const old = `Alt ${unique()}`;
    const t1 = (await a.admin.post('/api/v1/teams', { name: { de: old, en: `Old ${unique()}` } })).json;
    const t2 = (await a.admin.post('/api/v1/teams', { name: { de: `Zwei ${unique()}`, en: `Two ${unique()}` } })).json;
    const taken = await a.admin.patch(`/api/v1/teams/${t2.id}`, { name: { de: old, en: t2.name.en }, version: 1 });
    expect(taken.status).toBe(400);
    expect(taken.json.errors).toEqual([expect.objectContaining({ path: 'name.de', code: 'team_name_taken' })]);
    expect((await a.admin.patch(`/api/v1/teams/${t1.id}`, { name: { de: `Neu ${unique()}`, en: t1.name.en }, version: 1 })).status).toBe(200);
    expect((await a.admin.patch(`/api/v1/teams/${t2.id}`, { name: { de: old, en: t2.name.en }, version: 1 })).status).toBe(200);
  });

  it('is for admins of the same tenant only: another tenant never sees or changes it', async () => {
    const team = (await a.admin.post('/api/v1/teams', { name: { de: `Geheim ${unique()}`, en: `Secret ${unique()}` }, memberIds: [agent.id] })).json;
    expect((await agent.client.patch(`/api/v1/teams/${team.id}`, { memberIds: [], version: 1 })).status).toBe(403);
    expect((await b.admin.patch(`/api/v1/teams/${team.id}`, { memberIds: [], version: 1 })).status).toBe(404);
    expect((await b.admin.patch(`/api/v1/teams/${team.id}`, { memberIds: [foreignAgent.id], version: 1 })).status).toBe(404);
    const foreignList = (await foreignAgent.client.get('/api/v1/teams')).json.items.map((t: { id: string }) => t.id);
    expect(foreignList).not.toContain(team.id);
    const ours = (await a.admin.get('/api/v1/teams')).json.items.find((t: { id: string }) => t.id === team.id);
    expect(ours).toEqual(team);
  });
  it('renames a team that was stored without name claims (written directly, e.g. by a fixture)', async () => {
    const teamId = `raw-${unique()}`;
    const name = { de: `Roh ${unique()}`, en: `Raw ${unique()}` };
    await TeamEntity.create({ tenantId: a.id, teamId, name, memberIds: [], createdAt: new Date().toISOString(), version: 1 }).go(on(a.id));
    const r = await a.admin.patch(`/api/v1/teams/${teamId}`, { name: { de: `Gekocht ${unique()}`, en: name.en }, version: 1 });
    expect(r.status, r.text).toBe(200);
    expect(r.json.version).toBe(2);
  });
});

describe('a removed user', () => {
  it('leaves every team they were in', async () => {
    const leaving = await newStaff(a, 'agent', 'Lea Leaving');
    const t1 = (await a.admin.post('/api/v1/teams', { name: { de: `L1 ${unique()}`, en: `L1 ${unique()}` }, memberIds: [leaving.id, agent.id] })).json;
    const t2 = (await a.admin.post('/api/v1/teams', { name: { de: `L2 ${unique()}`, en: `L2 ${unique()}` }, memberIds: [leaving.id] })).json;
    expect((await a.admin.delete(`/api/v1/users/${leaving.id}`)).status).toBe(204);
    const items = (await a.admin.get('/api/v1/teams')).json.items;
    expect(items.find((t: { id: string }) => t.id === t1.id)).toMatchObject({ members: [{ id: agent.id }], version: 2 });
    expect(items.find((t: { id: string }) => t.id === t2.id)).toMatchObject({ members: [], version: 2 });
  });
});
