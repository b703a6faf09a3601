/**
 * The suggestion scheme (issue 9, Q6): an admin enables it (its topic appears), customers
 * submit ideas as requests under that topic, staff — and other customers if the tenant lets
 * them — see the list, comment and like; a like counts once however many clicks race. Another
 * customer reads the idea, never who had it. Beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;
type Client = Customer['client'];

const feedbackOf = (c: Client, n: number) => c.get(`/api/v1/knowledge/feedback/suggestions/${n}/comments`);
const titles = async (c: Client) => ((await c.get('/api/v1/knowledge/suggestions')).json.items as { title: string }[]).map((s) => s.title);

describe('suggestion scheme', () => {
  let t: TestTenant;
  let other: TestTenant;
  let sam: Customer;
  let nina: Customer;
  let foreign: Customer;
  let agent: Client;
  let topicId: string;
  let idea: number;
  let plain: number;
  let version: number;

  beforeAll(async () => {
    t = await newTenant('ideas');
    other = await newTenant('ideas-other');
    sam = await newCustomer(t, 'Sam Suggester');
    nina = await newCustomer(t, 'Nina Neighbour');
    foreign = await newCustomer(other, 'Fiona Foreign');
    agent = (await newStaff(t, 'agent', 'Alex Agent')).client;
  });

  it('off by default: nothing listed; only an admin turns it on, which creates the topic "Verbesserungsvorschlag" / "Improvement suggestion"', async () => {
    expect((await sam.client.get('/api/v1/knowledge/suggestions/settings')).json).toEqual({ enabled: false, customersJoin: false, version: 0 });
    expect((await agent.get('/api/v1/knowledge/suggestions')).json.items).toEqual([]);
    expect((await agent.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: false, version: 0 })).status).toBe(403);
    expect((await sam.client.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: false, version: 0 })).status).toBe(403);
    const on = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: false, version: 0 });
    expect(on.status, on.text).toBe(200);
    expect(on.json).toMatchObject({ enabled: true, customersJoin: false, version: 1 });
    topicId = on.json.topicId;
    const topics = (await sam.client.get('/api/v1/topics')).json.items;
    expect(topics).toContainEqual(expect.objectContaining({ id: topicId, name: { de: 'Verbesserungsvorschlag', en: 'Improvement suggestion' } }));
    version = on.json.version;
  });

  it('a second admin working from the old version gets 409 conflict; turning it off and on keeps the one topic', async () => {
    const stale = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: false, customersJoin: true, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    const off = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: false, customersJoin: false, version });
    const on = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: false, version: off.json.version });
    expect(on.json).toMatchObject({ enabled: true, topicId, version: 3 });
    version = on.json.version;
  });

  it('a customer submits an idea as a request under the topic; staff see it listed with its author, the author too', async () => {
    const r = await sam.client.post('/api/v1/tickets', { subject: 'Coffee machine on every floor', description: 'Saves everybody the stairs', topicId });
    expect(r.status, r.text).toBe(201);
    expect(r.json.ticket.topicId).toBe(topicId);
    idea = r.json.ticket.number;
    plain = (await sam.client.post('/api/v1/tickets', { subject: 'Printer jammed', description: 'Again' })).json.ticket.number;
    await expect.poll(() => titles(agent), { timeout: 15_000 }).toEqual(['Coffee machine on every floor']);
    const [s] = (await agent.get('/api/v1/knowledge/suggestions')).json.items;
    expect(s).toMatchObject({ number: idea, description: 'Saves everybody the stairs', authorName: 'Sam Suggester', likes: 0, comments: 0, liked: false });
    expect((await sam.client.get('/api/v1/knowledge/suggestions')).json.items[0]).toMatchObject({ number: idea, mine: true, authorName: 'Sam Suggester' });
    expect(
      (await agent.post('/api/v1/tickets', { subject: 'Another idea', description: 'y', topicId: 'nope', requesterId: sam.id })).json.errors[0],
    ).toMatchObject({
      path: 'topicId',
      code: 'unknown_topic',
    });
  });

  it('until the tenant lets them, other customers neither see nor join it (404, as if it did not exist)', async () => {
    expect(await titles(nina.client)).toEqual([]);
    expect((await feedbackOf(nina.client, idea)).status).toBe(404);
    expect((await nina.client.post(`/api/v1/knowledge/feedback/suggestions/${idea}/comments`, { body: 'Me too' })).status).toBe(404);
    expect((await nina.client.put(`/api/v1/knowledge/feedback/suggestions/${idea}/like`, { like: true })).status).toBe(404);
    const own = await sam.client.post(`/api/v1/knowledge/feedback/suggestions/${idea}/comments`, { body: 'Decaf too, please' });
    expect(own.status, own.text).toBe(201);
    expect(own.json).toMatchObject({ authorName: 'Sam Suggester', mine: true, byStaff: false, body: 'Decaf too, please' });
  });

  it('once allowed, other customers read title and description but not who had the idea, comment and like', async () => {
    const on = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: true, version });
    expect(on.status).toBe(200);
    const [s] = (await nina.client.get('/api/v1/knowledge/suggestions')).json.items;
    expect(s).toMatchObject({ number: idea, title: 'Coffee machine on every floor', mine: false, comments: 1 });
    expect(s.authorName).toBeUndefined();
    expect((await nina.client.get(`/api/v1/tickets/${idea}`)).status).toBe(404);
    expect((await agent.post(`/api/v1/knowledge/feedback/suggestions/${idea}/comments`, { body: 'We are pricing it' })).status).toBe(201);
    expect((await nina.client.post(`/api/v1/knowledge/feedback/suggestions/${idea}/comments`, { body: 'Yes please' })).status).toBe(201);
    const seen = (await feedbackOf(nina.client, idea)).json;
    expect(seen.comments.map((c: { body: string }) => c.body)).toEqual(['Decaf too, please', 'We are pricing it', 'Yes please']);
    expect(seen.comments[0].authorName).toBeUndefined();
    expect(seen.comments[1]).toMatchObject({ authorName: 'Alex Agent', byStaff: true });
    expect(seen.comments[2]).toMatchObject({ authorName: 'Nina Neighbour', mine: true });
    expect(JSON.stringify(seen)).not.toContain('Sam Suggester');
    expect((await feedbackOf(agent, idea)).json.comments[0]).toMatchObject({ authorName: 'Sam Suggester' });
  });

  it('a like counts once, however many clicks race; unliking takes it back; the list ranks by likes', async () => {
    const racing = await Promise.all(Array.from({ length: 8 }, () => nina.client.put(`/api/v1/knowledge/feedback/suggestions/${idea}/like`, { like: true })));
    expect(racing.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await feedbackOf(nina.client, idea)).json).toMatchObject({ likes: 1, liked: true });
    expect((await agent.put(`/api/v1/knowledge/feedback/suggestions/${idea}/like`, {})).json).toEqual({ liked: true, likes: 2 });
    expect((await nina.client.put(`/api/v1/knowledge/feedback/suggestions/${idea}/like`, {})).json).toEqual({ liked: false, likes: 1 });
    expect((await nina.client.put(`/api/v1/knowledge/feedback/suggestions/${idea}/like`, { like: false })).json).toEqual({ liked: false, likes: 1 });
    const second = await nina.client.post('/api/v1/tickets', { subject: 'Standing desks', description: 'For the back', topicId });
    await expect.poll(() => titles(agent), { timeout: 15_000 }).toHaveLength(2);
    expect(await titles(agent)).toEqual(['Coffee machine on every floor', 'Standing desks']);
    expect((await agent.get('/api/v1/knowledge/suggestions')).json.items[0]).toMatchObject({ likes: 1, comments: 3 });
    expect(second.status).toBe(201);
  });

  it('an ordinary request is no suggestion, and nothing reaches another tenant', async () => {
    expect((await feedbackOf(agent, plain)).status).toBe(404);
    expect((await agent.put(`/api/v1/knowledge/feedback/suggestions/${plain}/like`, { like: true })).status).toBe(404);
    for (const who of [foreign.client, other.admin]) {
      expect(await titles(who)).toEqual([]);
      expect((await feedbackOf(who, idea)).status).toBe(404);
      expect((await who.post(`/api/v1/knowledge/feedback/suggestions/${idea}/comments`, { body: 'From outside' })).status).toBe(404);
      expect((await who.put(`/api/v1/knowledge/feedback/suggestions/${idea}/like`, { like: true })).status).toBe(404);
    }
    expect((await feedbackOf(agent, idea)).json.likes).toBe(1);
    expect((await agent.get(`/api/v1/knowledge/feedback/suggestions/abc/comments`)).status).toBe(404);
    expect((await agent.get(`/api/v1/knowledge/feedback/nothing/1/comments`)).status).toBe(400);
  });
  it('staff accept a suggestion: a draft under the suggestion topic, linked to its origin, crediting its author; once only', async () => {
    expect((await nina.client.post(`/api/v1/knowledge/suggestions/${idea}/accept`, {})).status).toBe(403);
    expect((await agent.post(`/api/v1/knowledge/suggestions/${plain}/accept`, {})).status).toBe(404);
    const r = await agent.post(`/api/v1/knowledge/suggestions/${idea}/accept`, {});
    expect(r.status, r.text).toBe(200);
    const again = await t.admin.post(`/api/v1/knowledge/suggestions/${idea}/accept`, {});
    expect(again.json).toEqual(r.json);
    const article = (await agent.get(`/api/v1/articles/${r.json.articleId}`)).json;
    expect(article).toMatchObject({
      title: 'Coffee machine on every floor',
      status: 'draft',
      topicId,
      origin: { ticketNumber: idea, requesterName: 'Sam Suggester' },
    });
    expect(article.body).toMatch(/(Vorschlag von|Suggested by) Sam Suggester/);
    expect(article.body).toContain('Saves everybody the stairs');
    expect((await agent.get('/api/v1/knowledge/suggestions')).json.items.find((x: { number: number }) => x.number === idea)).toMatchObject({
      articleId: r.json.articleId,
    });
    expect((await other.admin.post(`/api/v1/knowledge/suggestions/${idea}/accept`, {})).status).toBe(404);
  });

  it('on an article, customers comment and like once it is published for them; before that, and for other tenants, it does not exist', async () => {
    const id = `suggestion-${idea}`;
    expect((await nina.client.get(`/api/v1/knowledge/feedback/articles/${id}/comments`)).status).toBe(404);
    expect((await agent.post(`/api/v1/knowledge/feedback/articles/${id}/comments`, { body: 'Reviewed with facilities' })).status).toBe(201);
    let a = (await agent.get(`/api/v1/articles/${id}`)).json;
    a = (await agent.post(`/api/v1/articles/${id}/status`, { status: 'review', version: a.version })).json;
    const published = await t.admin.post(`/api/v1/articles/${id}/status`, { status: 'published', version: a.version });
    expect(published.status, published.text).toBe(200);
    const liked = await Promise.all([1, 2, 3].map(() => nina.client.put(`/api/v1/knowledge/feedback/articles/${id}/like`, { like: true })));
    expect(liked.at(-1)!.json).toEqual({ liked: true, likes: 1 });
    expect((await nina.client.post(`/api/v1/knowledge/feedback/articles/${id}/comments`, { body: 'Finally!' })).status).toBe(201);
    const seen = (await sam.client.get(`/api/v1/knowledge/feedback/articles/${id}/comments`)).json;
    expect(seen).toMatchObject({ likes: 1, liked: false });
    expect(seen.comments.map((c: { body: string }) => c.body)).toEqual(['Reviewed with facilities', 'Finally!']);
    for (const who of [foreign.client, other.admin]) expect((await who.put(`/api/v1/knowledge/feedback/articles/${id}/like`, { like: true })).status).toBe(404);
    expect((await nina.client.get(`/api/v1/knowledge/feedback/articles/no-such-article/comments`)).status).toBe(404);
  });
});
