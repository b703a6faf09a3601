/**
 * The FAQ (issue 9, Q1) through the HTTP API: staff keep questions with a rich-text answer that
 * is stored cleaned, a topic and an order; every signed-in user of the tenant reads them,
 * filtered by topic; a change lands only at the version seen; an entry whose topic was deleted
 * still names it, marked; anonymous visitors read the FAQ (JSON and the server-rendered page
 * for search engines) only while the tenant's knowledge is public. Always beside a second
 * tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let agent: UserClient;
let customer: UserClient;
let otherCustomer: UserClient;
let printer: string;
let network: string;

interface Faq {
  id: string;
  question: string;
  answer: string;
  topicId?: string;
  topic?: { id: string; name: { de: string; en: string }; deleted?: boolean };
  language?: string;
  position: number;
  updatedAt: string;
  version: number;
}
const questions = (items: Faq[]) => items.map((f) => f.question);

async function topic(de: string, en: string): Promise<string> {
  const r = await agent.post('/api/v1/topics', { name: { de, en } });
  expect(r.status, r.text).toBe(201);
  return r.json.id;
}

async function faq(body: Record<string, unknown>, by: UserClient = agent): Promise<Faq> {
  const r = await by.post('/api/v1/faqs', body);
  expect(r.status, r.text).toBe(201);
  return r.json;
}

async function setPublic(t: TestTenant, on: boolean) {
  const r = await t.admin.patch('/api/v1/tenant', { publicKnowledge: on });
  expect(r.status, r.text).toBe(200);
  expect(r.json.publicKnowledge).toBe(on);
}

beforeAll(async () => {
  a = await newTenant('faq-a');
  b = await newTenant('faq-b');
  agent = (await newStaff(a, 'agent', 'Arne Agent')).client;
  customer = (await newCustomer(a, 'Cora Customer')).client;
  otherCustomer = (await newCustomer(a, 'Nils Neighbour')).client;
  printer = await topic('Drucker', 'Printer');
  network = await topic('Netzwerk', 'Network');
});

describe('keeping the FAQ', () => {
  it('staff add entries; every customer of the tenant reads them in order, with topic and last change', async () => {
    const first = await faq({
      question: 'How do I add a printer?',
      answer: '<p>Open <strong>Settings</strong> → Printers.</p>',
      topicId: printer,
      language: 'en',
    });
    expect(first).toMatchObject({ topicId: printer, topic: { id: printer, name: { de: 'Drucker', en: 'Printer' } }, language: 'en', version: 1 });
    const second = await faq({ question: 'Why is the Wi-Fi slow?', answer: '<p>Restart the router.</p>', topicId: network }, a.admin);
    expect(second.position).toBeGreaterThan(first.position);
    for (const c of [customer, otherCustomer]) {
      const list = await c.get('/api/v1/faqs');
      expect(list.status).toBe(200);
      expect(questions(list.json.items)).toEqual(['How do I add a printer?', 'Why is the Wi-Fi slow?']);
      expect(list.json.items[0].updatedAt).toBe(first.updatedAt);
    }
  });

  it('filters by topic; no topic shows all', async () => {
    const printers = await customer.get('/api/v1/faqs', { query: { topicId: printer } });
    expect(questions(printers.json.items)).toEqual(['How do I add a printer?']);
    const all = await customer.get('/api/v1/faqs');
    expect(all.json.items.length).toBeGreaterThanOrEqual(2);
  });

  it('a language narrows to entries in that language and those for every language', async () => {
    await faq({ question: 'Wie füge ich einen Drucker hinzu?', answer: '<p>Einstellungen → Drucker.</p>', topicId: printer, language: 'de' });
    const german = await customer.get('/api/v1/faqs', { query: { language: 'de' } });
    expect(questions(german.json.items)).toEqual(['Why is the Wi-Fi slow?', 'Wie füge ich einen Drucker hinzu?']);
  });

  it('customers may not add, change or remove entries', async () => {
    const entry = (await customer.get('/api/v1/faqs')).json.items[0] as Faq;
    expect((await customer.post('/api/v1/faqs', { question: 'Mine?', answer: '<p>x</p>' })).status).toBe(403);
    expect((await customer.patch(`/api/v1/faqs/${entry.id}`, { answer: '<p>hacked</p>', version: entry.version })).status).toBe(403);
    expect((await customer.delete(`/api/v1/faqs/${entry.id}`)).status).toBe(403);
    expect(((await customer.get('/api/v1/faqs')).json.items as Faq[]).find((f) => f.id === entry.id)?.answer).toBe(entry.answer);
  });

  it('cleans the answer: scripts, event handlers, styles and javascript: links are gone, the text stays', async () => {
    const r = await faq({
      question: 'Is this safe?',
      answer:
        '<p onclick="alert(1)" style="position:fixed">Yes <b>really</b><script>alert(2)</script></p><a href="javascript:alert(3)">bad</a> <a href="https://example.org/help">good</a><img src="https://tracker.example/p.gif"><iframe src="https://evil.example"></iframe>',
    });
    expect(r.answer).toBe(
      '<p>Yes <strong>really</strong></p><a rel="noopener noreferrer nofollow">bad</a> <a href="https://example.org/help" rel="noopener noreferrer nofollow">good</a>',
    );
  });

  it('refuses an answer that says nothing once cleaned, an unknown topic and a deleted one, storing nothing', async () => {
    const before = (await agent.get('/api/v1/faqs')).json.items.length;
    const empty = await agent.post('/api/v1/faqs', { question: 'Empty?', answer: '<p><script>x</script><br></p>' });
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toEqual([expect.objectContaining({ path: 'answer', code: 'too_small' })]);
    const unknown = await agent.post('/api/v1/faqs', { question: 'Where?', answer: '<p>x</p>', topicId: 'no-such-topic' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'topicId', code: 'unknown_topic' })]);
    const gone = await topic('Weg', 'Gone');
    expect((await agent.delete(`/api/v1/topics/${gone}`)).status).toBe(204);
    const deleted = await agent.post('/api/v1/faqs', { question: 'Where?', answer: '<p>x</p>', topicId: gone });
    expect(deleted.json.errors).toEqual([expect.objectContaining({ path: 'topicId', code: 'unknown_topic' })]);
    expect((await agent.get('/api/v1/faqs')).json.items.length).toBe(before);
  });

  it('changes land at the version seen: the slower of two editors gets 409 and changes nothing', async () => {
    const entry = await faq({ question: 'Reset my password?', answer: '<p>Use the link.</p>' });
    const first = await agent.patch(`/api/v1/faqs/${entry.id}`, { answer: '<p>Use the <em>sign-in</em> page.</p>', topicId: network, version: entry.version });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ answer: '<p>Use the <em>sign-in</em> page.</p>', topic: { id: network }, version: entry.version + 1 });
    const late = await a.admin.patch(`/api/v1/faqs/${entry.id}`, { question: 'Forgot my password?', version: entry.version });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('conflict');
    const cleared = await agent.patch(`/api/v1/faqs/${entry.id}`, { topicId: null, version: entry.version + 1 });
    expect(cleared.json.topicId).toBeUndefined();
    const stored = ((await customer.get('/api/v1/faqs')).json.items as Faq[]).find((f) => f.id === entry.id)!;
    expect(stored).toMatchObject({ question: 'Reset my password?', answer: '<p>Use the <em>sign-in</em> page.</p>', version: entry.version + 2 });
    expect((await agent.delete(`/api/v1/faqs/${entry.id}`, { query: { version: entry.version } })).status).toBe(409);
    expect((await agent.delete(`/api/v1/faqs/${entry.id}`, { query: { version: entry.version + 2 } })).status).toBe(204);
    expect(questions((await customer.get('/api/v1/faqs')).json.items)).not.toContain('Reset my password?');
  });

  it('an entry whose topic is renamed shows the new name; once the topic is deleted, it still names it, marked', async () => {
    const scanner = await topic('Scanner', 'Scanner');
    const entry = await faq({ question: 'Scanner offline?', answer: '<p>Check the cable.</p>', topicId: scanner });
    expect((await agent.patch(`/api/v1/topics/${scanner}`, { name: { de: 'Scanner alt', en: 'Old scanner' }, version: 1 })).status).toBe(200);
    const renamed = ((await customer.get('/api/v1/faqs')).json.items as Faq[]).find((f) => f.id === entry.id)!;
    expect(renamed.topic).toEqual({ id: scanner, name: { de: 'Scanner alt', en: 'Old scanner' } });
    expect((await agent.delete(`/api/v1/topics/${scanner}`)).status).toBe(204);
    const orphan = ((await customer.get('/api/v1/faqs')).json.items as Faq[]).find((f) => f.id === entry.id)!;
    expect(orphan.topic).toEqual({ id: scanner, name: { de: 'Scanner alt', en: 'Old scanner' }, deleted: true });
    // it can still be edited while keeping its deleted topic
    const kept = await agent.patch(`/api/v1/faqs/${entry.id}`, { answer: '<p>Check the USB cable.</p>', version: entry.version });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.json.topic).toMatchObject({ id: scanner, deleted: true });
  });
});

describe('reading without signing in', () => {
  it('is refused while the tenant keeps its knowledge to signed-in users, exactly as for a portal that does not exist', async () => {
    const anonymous = apiClient().anonymous();
    expect((await anonymous.get('/api/v1/faqs')).status).toBe(401);
    const closed = await anonymous.get(`/api/v1/knowledge/${a.slug}/faq`);
    const missing = await anonymous.get('/api/v1/knowledge/no-such-portal-x/faq');
    expect(closed.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(closed.json.detail).toBe(missing.json.detail);
    const page = await anonymous.get(`/kb/${a.slug}/faq`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('How do I add a printer?');
  });

  it('once the admin makes it public, anonymous visitors read the FAQ and its topics, filtered', async () => {
    await setPublic(a, true);
    const anonymous = apiClient().anonymous();
    const r = await anonymous.get(`/api/v1/knowledge/${a.slug}/faq`, { query: { topicId: printer } });
    expect(r.status, r.text).toBe(200);
    expect(questions(r.json.items)).toEqual(['How do I add a printer?', 'Wie füge ich einen Drucker hinzu?']);
    expect(r.json.topics.map((t: { name: { en: string } }) => t.name.en)).toEqual(expect.arrayContaining(['Printer', 'Network']));
    expect(r.json.topics.map((t: { name: { en: string } }) => t.name.en)).not.toContain('Gone');
    expect(r.json.portal).toEqual({ slug: a.slug, name: `Org ${a.slug}` });
  });

  it('the public page is plain HTML with title, description, canonical link, OpenGraph and FAQPage data, cacheable by the CDN', async () => {
    const anonymous = apiClient().anonymous();
    const page = await anonymous.get(`/kb/${a.slug}/faq`, { query: { lang: 'en' }, headers: { accept: 'text/html' } });
    expect(page.status, page.text).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toMatch(/^public/);
    expect(page.text).toContain(`<title>Frequently asked questions – Org ${a.slug}</title>`);
    expect(page.text).toMatch(/<meta name="description" content="Answers to frequent questions to [^"]+: How do I add a printer\?/);
    expect(page.text).toMatch(new RegExp(`<link rel="canonical" href="[^"]*/kb/${a.slug}/faq\\?lang=en">`));
    expect(page.text).toContain('<meta property="og:title"');
    expect(page.text).toContain('<details id="faq-');
    expect(page.text).toContain('<summary>How do I add a printer?');
    expect(page.text).not.toContain('Wie füge ich einen Drucker hinzu?');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.text)![1]!);
    expect(ld['@type']).toBe('FAQPage');
    expect(ld.mainEntity).toContainEqual(
      expect.objectContaining({ '@type': 'Question', name: 'How do I add a printer?', acceptedAnswer: expect.objectContaining({ '@type': 'Answer' }) }),
    );
    // the topic filter is a GET form; choosing a topic narrows the page, the deleted one is marked
    expect(page.text).toMatch(/<form method="get"[^>]*>[\s\S]*<select id="topic" name="topic"><option value="">All topics<\/option>/);
    expect(page.text).toContain('Scanner offline?');
    expect(page.text).toContain('Old scanner (deleted topic)');
    const network = await anonymous.get(`/kb/${a.slug}/faq`, { query: { lang: 'en', topic: printer } });
    expect(network.text).toContain('How do I add a printer?');
    expect(network.text).not.toContain('Why is the Wi-Fi slow?');
    const german = await anonymous.get(`/kb/${a.slug}/faq`, { query: { lang: 'de' } });
    expect(german.text).toContain('<html lang="de">');
    expect(german.text).toContain('Wie füge ich einen Drucker hinzu?');
    expect(german.text).toContain('Scanner alt (gelöschtes Thema)');
  });

  it('switching it off again closes the page at once', async () => {
    await setPublic(a, false);
    const anonymous = apiClient().anonymous();
    expect((await anonymous.get(`/api/v1/knowledge/${a.slug}/faq`)).status).toBe(404);
    expect((await anonymous.get(`/kb/${a.slug}/faq`)).status).toBe(404);
  });

  it('the switch is saved at the settings’ version seen: an admin who saw an older one gets 409, and the setting stays', async () => {
    const seen = await a.admin.patch('/api/v1/tenant', { publicKnowledge: false });
    const version = seen.json.version as number;
    // another admin (here: the same, from another page) changes the settings meanwhile
    expect((await a.admin.patch('/api/v1/tenant', { name: 'Org renamed meanwhile', version })).status).toBe(200);
    const late = await a.admin.patch('/api/v1/tenant', { publicKnowledge: true, version });
    expect(late.status, late.text).toBe(409);
    expect(late.json.code).toBe('conflict');
    expect((await apiClient().anonymous().get(`/api/v1/knowledge/${a.slug}/faq`)).status).toBe(404);
    const now = await a.admin.patch('/api/v1/tenant', { publicKnowledge: true, version: version + 1 });
    expect(now.status, now.text).toBe(200);
    expect(now.json).toMatchObject({ publicKnowledge: true, name: 'Org renamed meanwhile', version: version + 2 });
    await setPublic(a, false);
  });
});

describe('another tenant', () => {
  it('sees none of tenant A’s entries, cannot change them, and cannot use A’s topics', async () => {
    const entry = (await customer.get('/api/v1/faqs')).json.items[0] as Faq;
    const list = await b.admin.get('/api/v1/faqs');
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([]);
    expect((await b.admin.patch(`/api/v1/faqs/${entry.id}`, { answer: '<p>x</p>', version: entry.version })).status).toBe(404);
    expect((await b.admin.delete(`/api/v1/faqs/${entry.id}`)).status).toBe(404);
    const borrowed = await b.admin.post('/api/v1/faqs', { question: 'Borrowed?', answer: '<p>x</p>', topicId: printer });
    expect(borrowed.json.errors).toEqual([expect.objectContaining({ code: 'unknown_topic' })]);
    // B making its own knowledge public opens B's page, not A's
    await setPublic(b, true);
    const page = await apiClient().anonymous().get(`/kb/${b.slug}/faq`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('How do I add a printer?');
  });
});
