/**
 * Templates (K13) through the HTTP API: any staff member keeps templates, their author or a
 * coordinator or admin changes and removes them (at the version seen), a body with a placeholder
 * we cannot fill is refused with the name, team templates reach only that team's members in the
 * picker, and customers and other tenants get nothing. Always beside a second tenant and a
 * second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TeamEntity } from '../../shared/db/entities/teams.ts';
import { on } from '../../shared/db/entities/tenant.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let agent: { client: UserClient; id: string };
let colleague: { client: UserClient; id: string };
let coordinator: { client: UserClient; id: string };
let customer: UserClient;
let otherCustomer: UserClient;

const answer = {
  name: 'Printer: first steps',
  kind: 'answer',
  language: 'en',
  body: 'Hello {{requester.name}},\n\nabout #{{ticket.number}}: …\n\n{{agent.name}}',
};

/** A support team written straight into the table (the teams API is another part of issue 6). */
async function team(t: TestTenant, memberIds: string[]): Promise<string> {
  const teamId = newId();
  await TeamEntity.create({ tenantId: t.id, teamId, name: { de: 'Hardware', en: 'Hardware' }, memberIds, createdAt: nowIso(), version: 1 }).go(on(t.id));
  return teamId;
}

beforeAll(async () => {
  a = await newTenant('tmpl-a');
  b = await newTenant('tmpl-b');
  [agent, colleague, coordinator] = await Promise.all([
    newStaff(a, 'agent', 'Arne Agent'),
    newStaff(a, 'agent', 'Cleo Colleague'),
    newStaff(a, 'coordinator', 'Klara Koordinator'),
  ]);
  customer = (await newCustomer(a, 'Cora Customer')).client;
  otherCustomer = (await newCustomer(a, 'Nils Neighbour')).client;
});

describe('keeping templates', () => {
  it('an agent creates one; every staff member lists it with its author and version', async () => {
    const r = await agent.client.post('/api/v1/templates', answer);
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ ...answer, authorId: agent.id, authorName: 'Arne Agent', version: 1 });
    expect(r.json.teamId).toBeUndefined();
    for (const c of [colleague.client, coordinator.client, a.admin]) {
      const list = await c.get('/api/v1/templates');
      expect(list.status).toBe(200);
      expect(list.json.items).toContainEqual(expect.objectContaining({ id: r.json.id, name: answer.name, body: answer.body }));
    }
  });

  it('filters by kind and language', async () => {
    const de = await agent.client.post('/api/v1/templates', { name: 'Annahme', kind: 'acceptance', language: 'de', body: 'Guten Tag {{requester.name}}' });
    expect(de.status, de.text).toBe(201);
    const acceptance = await agent.client.get('/api/v1/templates', { query: { kind: 'acceptance' } });
    expect(acceptance.json.items.map((t: { id: string }) => t.id)).toContain(de.json.id);
    expect(acceptance.json.items.every((t: { kind: string }) => t.kind === 'acceptance')).toBe(true);
    const english = await agent.client.get('/api/v1/templates', { query: { language: 'en' } });
    expect(english.json.items.map((t: { id: string }) => t.id)).not.toContain(de.json.id);
  });

  it('refuses a placeholder it cannot fill, naming it, and stores nothing', async () => {
    const before = (await agent.client.get('/api/v1/templates')).json.items.length;
    const r = await agent.client.post('/api/v1/templates', { ...answer, body: 'Dear {{requester.name}}, your {{ticket.colour}} and {{ agent.phone }}' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.json.code).toBe('validation_failed');
    expect(r.json.errors).toEqual([
      expect.objectContaining({ path: 'body', code: 'unknown_placeholder', params: { name: 'ticket.colour' } }),
      expect.objectContaining({ path: 'body', code: 'unknown_placeholder', params: { name: 'agent.phone' } }),
    ]);
    expect((await agent.client.get('/api/v1/templates')).json.items.length).toBe(before);
  });

  it('refuses bad fields with stable codes', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...answer, name: '' }, 'name', 'too_small'],
      [{ ...answer, name: 'x'.repeat(81) }, 'name', 'too_big'],
      [{ ...answer, body: '' }, 'body', 'too_small'],
      [{ ...answer, body: 'x'.repeat(10_001) }, 'body', 'too_big'],
      [{ ...answer, kind: 'greeting' }, 'kind', 'invalid_value'],
      [{ ...answer, language: 'fr' }, 'language', 'invalid_value'],
      [{ ...answer, teamId: 'no-such-team' }, 'teamId', 'unknown_team'],
    ];
    for (const [body, path, code] of cases) {
      const r = await agent.client.post('/api/v1/templates', body);
      expect(r.status, `${path} ${code}`).toBe(400);
      expect(r.json.errors, `${path} ${code}`).toContainEqual(expect.objectContaining({ path, code }));
    }
  });

  it('keeps a multi-line body of 10 000 characters as typed', async () => {
    const body = `Line one\n\n${'y'.repeat(10_000 - 11)}`;
    const r = await agent.client.post('/api/v1/templates', { ...answer, body });
    expect(r.status, r.text).toBe(201);
    expect(r.json.body).toBe(body);
  });
});

describe('changing and removing', () => {
  it('the author changes their template at the version seen; a stale version gets 409 and changes nothing', async () => {
    const t = (await agent.client.post('/api/v1/templates', answer)).json;
    const r = await agent.client.patch(`/api/v1/templates/${t.id}`, { name: 'Printer: second steps', body: 'Hi {{requester.name}}', version: 1 });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ id: t.id, name: 'Printer: second steps', body: 'Hi {{requester.name}}', kind: 'answer', version: 2 });
    const stale = await coordinator.client.patch(`/api/v1/templates/${t.id}`, { name: 'Overwritten', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    const staleDelete = await agent.client.delete(`/api/v1/templates/${t.id}`, { query: { version: 1 } });
    expect(staleDelete.status).toBe(409);
    const list = (await agent.client.get('/api/v1/templates')).json.items;
    expect(list).toContainEqual(expect.objectContaining({ id: t.id, name: 'Printer: second steps', version: 2 }));
  });

  it('a change is checked like a new template: an unknown placeholder is refused', async () => {
    const t = (await agent.client.post('/api/v1/templates', answer)).json;
    const r = await agent.client.patch(`/api/v1/templates/${t.id}`, { body: 'Hi {{customer.name}}', version: 1 });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'body', code: 'unknown_placeholder', params: { name: 'customer.name' } })]);
  });

  it('another agent may use but not change or remove it; a coordinator and an admin may', async () => {
    const t = (await agent.client.post('/api/v1/templates', answer)).json;
    expect((await colleague.client.patch(`/api/v1/templates/${t.id}`, { name: 'Mine now', version: 1 })).status).toBe(403);
    expect((await colleague.client.delete(`/api/v1/templates/${t.id}`)).status).toBe(403);
    const byCoordinator = await coordinator.client.patch(`/api/v1/templates/${t.id}`, { name: 'Reworded by the coordinator', version: 1 });
    expect(byCoordinator.status, byCoordinator.text).toBe(200);
    expect(byCoordinator.json).toMatchObject({ authorId: agent.id, version: 2 });
    const removed = await a.admin.delete(`/api/v1/templates/${t.id}`, { query: { version: 2 } });
    expect(removed.status).toBe(204);
    expect((await agent.client.get('/api/v1/templates')).json.items.map((x: { id: string }) => x.id)).not.toContain(t.id);
    expect((await agent.client.patch(`/api/v1/templates/${t.id}`, { name: 'gone', version: 2 })).status).toBe(404);
    expect((await agent.client.delete(`/api/v1/templates/${t.id}`)).status).toBe(404);
  });

  it('the author removes their own template without naming a version', async () => {
    const t = (await colleague.client.post('/api/v1/templates', answer)).json;
    expect((await colleague.client.delete(`/api/v1/templates/${t.id}`)).status).toBe(204);
  });
});

describe('team templates', () => {
  it('are listed for everyone on the management page, but in the picker (`mine`) only for the team’s members', async () => {
    const teamId = await team(a, [agent.id]);
    const t = await coordinator.client.post('/api/v1/templates', { ...answer, name: 'Hardware only', teamId });
    expect(t.status, t.text).toBe(201);
    expect(t.json.teamId).toBe(teamId);
    const ids = async (c: UserClient, query: Record<string, string>) =>
      (await c.get('/api/v1/templates', { query })).json.items.map((x: { id: string }) => x.id);
    expect(await ids(colleague.client, {})).toContain(t.json.id);
    expect(await ids(agent.client, { mine: 'true' })).toContain(t.json.id);
    expect(await ids(colleague.client, { mine: 'true' })).not.toContain(t.json.id);
    expect(await ids(colleague.client, { teamId })).toEqual([t.json.id]);
    // back to every staff member
    const wide = await coordinator.client.patch(`/api/v1/templates/${t.json.id}`, { teamId: null, version: 1 });
    expect(wide.status, wide.text).toBe(200);
    expect(wide.json.teamId).toBeUndefined();
    expect(await ids(colleague.client, { mine: 'true' })).toContain(t.json.id);
  });

  it('a team of another tenant is no team here', async () => {
    const foreign = await team(b, []);
    const r = await agent.client.post('/api/v1/templates', { ...answer, teamId: foreign });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'teamId', code: 'unknown_team' })]);
  });
});

describe('who may not', () => {
  it('customers get 403 on every template route, and learn nothing', async () => {
    const t = (await agent.client.post('/api/v1/templates', answer)).json;
    for (const c of [customer, otherCustomer]) {
      const calls = [
        c.get('/api/v1/templates'),
        c.post('/api/v1/templates', answer),
        c.patch(`/api/v1/templates/${t.id}`, { name: 'x', version: 1 }),
        c.delete(`/api/v1/templates/${t.id}`),
      ];
      for (const r of await Promise.all(calls)) {
        expect(r.status).toBe(403);
        expect(r.json.code).toBe('forbidden');
        expect(r.text).not.toContain(answer.name);
      }
    }
    expect((await agent.client.get('/api/v1/templates')).json.items).toContainEqual(expect.objectContaining({ id: t.id, version: 1 }));
  });

  it('a second tenant never sees, changes or removes the first tenant’s templates', async () => {
    const t = (await agent.client.post('/api/v1/templates', { ...answer, name: 'Tenant A secret wording' })).json;
    const own = await b.admin.post('/api/v1/templates', { ...answer, name: 'Tenant B wording' });
    expect(own.status).toBe(201);
    const list = await b.admin.get('/api/v1/templates');
    expect(list.json.items.map((x: { name: string }) => x.name)).toEqual(['Tenant B wording']);
    expect(list.text).not.toContain('Tenant A');
    expect((await b.admin.patch(`/api/v1/templates/${t.id}`, { name: 'hijacked', version: 1 })).status).toBe(404);
    expect((await b.admin.delete(`/api/v1/templates/${t.id}`)).status).toBe(404);
    const after = (await agent.client.get('/api/v1/templates')).json.items;
    expect(after).toContainEqual(expect.objectContaining({ id: t.id, name: 'Tenant A secret wording', version: 1 }));
    expect(after.map((x: { name: string }) => x.name)).not.toContain('Tenant B wording');
  });

  it('signed out: 401', async () => {
    const { apiClient } = await import('../support/api.ts');
    expect((await apiClient().anonymous().get('/api/v1/templates')).status).toBe(401);
  });
});
