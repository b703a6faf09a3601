/**
 * Knowledge topics (issue 9, Q4) through the HTTP API: staff (agents, coordinators, admins) keep
 * topics with a German and an English name; every signed-in user of the tenant lists the live
 * ones; renaming lands only at the version seen; deleting is soft (staff still list it, marked);
 * customers and other tenants change nothing; two saves racing for one name never both win.
 * Always beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { putNewTopic, topicNameKey, type TopicItem } from '../../shared/db/topics.ts';
import { DomainError } from '../../shared/errors.ts';

let a: TestTenant;
let b: TestTenant;
let agent: UserClient;
let coordinator: UserClient;
let customer: UserClient;
let otherCustomer: UserClient;

interface Topic {
  id: string;
  name: { de: string; en: string };
  deleted?: boolean;
  version: number;
}
const ids = (items: Topic[]) => items.map((t) => t.id);

beforeAll(async () => {
  a = await newTenant('topic-a');
  b = await newTenant('topic-b');
  agent = (await newStaff(a, 'agent', 'Arne Agent')).client;
  coordinator = (await newStaff(a, 'coordinator', 'Klara Koordinator')).client;
  customer = (await newCustomer(a, 'Cora Customer')).client;
  otherCustomer = (await newCustomer(a, 'Nils Neighbour')).client;
});

describe('keeping topics', () => {
  it('agents, coordinators and admins add topics; every signed-in user of the tenant lists them, sorted by name in their language', async () => {
    const printer = await agent.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printer' } });
    expect(printer.status, printer.text).toBe(201);
    expect(printer.json).toMatchObject({ name: { de: 'Drucker', en: 'Printer' }, version: 1 });
    expect(printer.json.deleted).toBeUndefined();
    expect((await coordinator.post('/api/v1/topics', { name: { de: 'Netzwerk', en: 'Network' } })).status).toBe(201);
    expect((await a.admin.post('/api/v1/topics', { name: { de: 'Konto', en: 'Account' } })).status).toBe(201);
    for (const c of [customer, otherCustomer, agent]) {
      const list = await c.get('/api/v1/topics', { headers: { 'accept-language': 'en' } });
      expect(list.status).toBe(200);
      expect(list.json.items.map((t: Topic) => t.name.en)).toEqual(['Account', 'Network', 'Printer']);
    }
    const german = await customer.get('/api/v1/topics', { headers: { 'accept-language': 'de' } });
    expect(german.json.items.map((t: Topic) => t.name.de)).toEqual(['Drucker', 'Konto', 'Netzwerk']);
  });

  it('a customer may not add, rename or delete a topic', async () => {
    const topic = (await agent.post('/api/v1/topics', { name: { de: 'Telefon', en: 'Phone' } })).json as Topic;
    expect((await customer.post('/api/v1/topics', { name: { de: 'Meins', en: 'Mine' } })).status).toBe(403);
    expect((await customer.patch(`/api/v1/topics/${topic.id}`, { name: { de: 'Handy', en: 'Mobile' }, version: 1 })).status).toBe(403);
    expect((await customer.delete(`/api/v1/topics/${topic.id}`)).status).toBe(403);
    const list = await agent.get('/api/v1/topics');
    expect(list.json.items).toContainEqual(expect.objectContaining({ id: topic.id, name: { de: 'Telefon', en: 'Phone' }, version: 1 }));
  });

  it('refuses an empty name, and a name another topic already has in that language, saying which', async () => {
    const empty = await agent.post('/api/v1/topics', { name: { de: '', en: 'Something' } });
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toContainEqual(expect.objectContaining({ path: 'name.de' }));
    const taken = await agent.post('/api/v1/topics', { name: { de: 'drucker', en: 'Printers' } });
    expect(taken.status).toBe(400);
    expect(taken.json.errors).toEqual([expect.objectContaining({ path: 'name.de', code: 'topic_name_taken' })]);
  });

  it('renames at the version seen; the slower of two renames gets 409 and changes nothing', async () => {
    const topic = (await agent.post('/api/v1/topics', { name: { de: 'Monitor', en: 'Monitor' } })).json as Topic;
    const first = await agent.patch(`/api/v1/topics/${topic.id}`, { name: { de: 'Bildschirm', en: 'Screen' }, version: topic.version });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ name: { de: 'Bildschirm', en: 'Screen' }, version: topic.version + 1 });
    const late = await coordinator.patch(`/api/v1/topics/${topic.id}`, { name: { de: 'Anzeige', en: 'Display' }, version: topic.version });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('conflict');
    const list = (await customer.get('/api/v1/topics')).json.items as Topic[];
    expect(list.find((t) => t.id === topic.id)?.name).toEqual({ de: 'Bildschirm', en: 'Screen' });
  });

  it('a deleted topic is no longer offered; staff still see it, marked, on asking', async () => {
    const topic = (await agent.post('/api/v1/topics', { name: { de: 'Fax', en: 'Fax' } })).json as Topic;
    const stale = await agent.delete(`/api/v1/topics/${topic.id}`, { query: { version: topic.version + 1 } });
    expect(stale.status).toBe(409);
    expect((await agent.delete(`/api/v1/topics/${topic.id}`, { query: { version: topic.version } })).status).toBe(204);
    expect(ids((await customer.get('/api/v1/topics')).json.items)).not.toContain(topic.id);
    expect(ids((await agent.get('/api/v1/topics')).json.items)).not.toContain(topic.id);
    // a customer asking for deleted topics gets the live ones only
    expect(ids((await customer.get('/api/v1/topics', { query: { includeDeleted: true } })).json.items)).not.toContain(topic.id);
    const withDeleted = await agent.get('/api/v1/topics', { query: { includeDeleted: true } });
    expect(withDeleted.json.items).toContainEqual(expect.objectContaining({ id: topic.id, name: { de: 'Fax', en: 'Fax' }, deleted: true }));
    // deleted is deleted: it cannot be renamed or deleted again, and its name is free again
    expect((await agent.patch(`/api/v1/topics/${topic.id}`, { name: { de: 'Fax 2', en: 'Fax 2' }, version: topic.version + 1 })).status).toBe(404);
    expect((await agent.delete(`/api/v1/topics/${topic.id}`)).status).toBe(404);
    expect((await agent.post('/api/v1/topics', { name: { de: 'Fax', en: 'Fax' } })).status).toBe(201);
  });
});

describe('another tenant', () => {
  it('sees none of tenant A’s topics and cannot rename or delete them', async () => {
    const topic = (await agent.post('/api/v1/topics', { name: { de: 'Geheim', en: 'Secret' } })).json as Topic;
    const list = await b.admin.get('/api/v1/topics', { query: { includeDeleted: true } });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('Geheim');
    expect((await b.admin.patch(`/api/v1/topics/${topic.id}`, { name: { de: 'X', en: 'X' }, version: 1 })).status).toBe(404);
    expect((await b.admin.delete(`/api/v1/topics/${topic.id}`)).status).toBe(404);
    expect(ids((await customer.get('/api/v1/topics')).json.items)).toContain(topic.id);
  });

  it('may use the same names as tenant A', async () => {
    expect((await b.admin.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printer' } })).status).toBe(201);
  });
});

describe('names racing (a claim per name, written with the topic)', () => {
  const named = (items: Topic[], de: string) => items.filter((t) => topicNameKey(t.name.de) === topicNameKey(de));
  /** The loser of a race: refused at the name either way — 400 if the winner was in before it looked, 409 if both looked first. */
  const refusedAtName = (r: { status: number; json: { errors?: unknown } }) => {
    expect([400, 409]).toContain(r.status);
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'name.de', code: 'topic_name_taken' })]);
  };

  it('two people adding a topic of the same name at the same instant: exactly one is created', async () => {
    const [x, y] = await Promise.all([
      agent.post('/api/v1/topics', { name: { de: 'Scanner', en: 'Scanner' } }),
      coordinator.post('/api/v1/topics', { name: { de: 'scanner ', en: 'Scanners' } }),
    ]);
    expect([x.status, y.status]).toContain(201);
    refusedAtName(x.status === 201 ? y : x);
    expect(named((await agent.get('/api/v1/topics')).json.items, 'Scanner')).toHaveLength(1);
  });

  it('when both passed the check before either was stored, the name’s claim lets the first win and refuses the second with 409', async () => {
    const at = new Date().toISOString();
    const topic = (topicId: string, de: string): TopicItem => ({
      kind: 'topic',
      topicId,
      name: { de, en: `${de} (${topicId})` },
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    await putNewTopic(a.id, topic('race-1', 'Plotter'));
    const late = await putNewTopic(a.id, topic('race-2', ' plotter')).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(DomainError);
    expect(late).toMatchObject({ code: 'conflict', errors: [{ path: 'name.de', code: 'topic_name_taken' }] });
    const list = (await agent.get('/api/v1/topics')).json.items as Topic[];
    expect(ids(named(list, 'Plotter'))).toEqual(['race-1']);
  });

  it('two renames to one name at the same instant: one lands, the other is refused and changes nothing', async () => {
    const one = (await agent.post('/api/v1/topics', { name: { de: 'Kamera', en: 'Camera' } })).json as Topic;
    const two = (await agent.post('/api/v1/topics', { name: { de: 'Webcam', en: 'Webcam' } })).json as Topic;
    const [x, y] = await Promise.all([
      agent.patch(`/api/v1/topics/${one.id}`, { name: { de: 'Video', en: 'Camera' }, version: one.version }),
      coordinator.patch(`/api/v1/topics/${two.id}`, { name: { de: 'Video', en: 'Webcam' }, version: two.version }),
    ]);
    expect([x.status, y.status]).toContain(200);
    refusedAtName(x.status === 200 ? y : x);
    const list = (await agent.get('/api/v1/topics')).json.items as Topic[];
    expect(named(list, 'Video')).toHaveLength(1);
    // the loser keeps its old name, and that name stays its own
    const lost = x.status === 200 ? two : one;
    expect(list.find((t) => t.id === lost.id)?.name.de).toBe(lost.name.de);
    expect((await agent.post('/api/v1/topics', { name: { de: lost.name.de, en: 'Other' } })).status).toBe(400);
  });

  it('a renamed topic frees its old name, a deleted one its name, for the next topic', async () => {
    const t = (await agent.post('/api/v1/topics', { name: { de: 'Beamer', en: 'Projector' } })).json as Topic;
    const renamed = await agent.patch(`/api/v1/topics/${t.id}`, { name: { de: 'Projektor', en: 'Projector' }, version: t.version });
    expect(renamed.status, renamed.text).toBe(200);
    const again = await agent.post('/api/v1/topics', { name: { de: 'Beamer', en: 'Beamer' } });
    expect(again.status, again.text).toBe(201);
    expect((await agent.delete(`/api/v1/topics/${again.json.id}`)).status).toBe(204);
    expect((await coordinator.post('/api/v1/topics', { name: { de: 'Beamer', en: 'Beamer' } })).status).toBe(201);
  });
});
