/**
 * A public portal's knowledge for anonymous visitors (issue 9): once its admin made knowledge
 * public, a visitor who is not signed in searches the portal's FAQ, published public articles and
 * public documents — never a ticket, a draft, nor what is kept to customers or staff — and loads
 * the files of exactly those items (a redirect to the stored file, with the safe-download
 * headers), also as the images of the server-rendered article page. A portal that keeps its
 * knowledge to signed-in users, or does not exist, answers 404 alike; the search is rate-limited
 * per address. Beside a second tenant.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiClient, type UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { PDF, PNG, upload } from '../support/files.ts';

const WORD = 'Quantenkopierer'; // one made-up word in every item, so one search shows what is found
const POLL = { timeout: 20_000, interval: 100 };

let a: TestTenant;
let b: TestTenant;
let agent: UserClient;
let anonymous: UserClient;
const ids: Record<string, string> = {};
const files: Record<string, string> = {};

type Hits = { items: { kind: string; id?: string; number?: number; title: string; snippet: string }[]; nextCursor?: string; code?: string; instance?: string };
const search = (slug: string, query: Record<string, string | undefined>) => anonymous.get<Hits>(`/api/v1/knowledge/${slug}/search`, { query });
const fileOf = (slug: string, id: string) => anonymous.get(`/api/v1/knowledge/${slug}/files/${id}`);

/** An article by the agent with an inline image, moved on to `status` (published by the admin, its reviewer). */
async function article(title: string, audience: string, status: 'draft' | 'published') {
  const image = await upload(agent, `${title}.png`, PNG, 'image/png');
  const r = await agent.post('/api/v1/articles', {
    title,
    body: `<p>Der ${WORD} im Flur.</p><p><img data-attachment-id="${image}" alt="Bild"></p>`,
    audience,
    attachmentIds: [image],
  });
  expect(r.status, r.text).toBe(201);
  if (status === 'published') {
    const review = await agent.post(`/api/v1/articles/${r.json.id}/status`, { status: 'review', version: r.json.version });
    const pub = await a.admin.post(`/api/v1/articles/${r.json.id}/status`, { status: 'published', version: review.json.version });
    expect(pub.status, pub.text).toBe(200);
  }
  return { id: r.json.id as string, image };
}

async function document(title: string, audience: string) {
  const file = await upload(agent, `${title}.pdf`, PDF, 'application/pdf');
  const r = await agent.post('/api/v1/knowledge/documents', { attachmentId: file, title, description: `Alles zum ${WORD}`, audience });
  expect(r.status, r.text).toBe(201);
  return { id: r.json.id as string, file };
}

beforeAll(async () => {
  a = await newTenant('pubk-a');
  b = await newTenant('pubk-b');
  agent = (await newStaff(a, 'agent', 'Alex Agent')).client;
  anonymous = apiClient().anonymous();
  const customer = await newCustomer(a, 'Cora Customer');
  expect((await a.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
  const faq = await agent.post('/api/v1/faqs', { question: `Was kann der ${WORD}?`, answer: '<p>Kopieren.</p>' });
  ids.faq = faq.json.id;
  const pub = await article('Öffentlicher Artikel', 'public', 'published');
  const forCustomers = await article('Kundenartikel', 'customers', 'published');
  const staffOnly = await article('Internes', 'staff', 'published');
  const draft = await article('Entwurf', 'public', 'draft');
  Object.assign(ids, { article: pub.id, customers: forCustomers.id, staff: staffOnly.id, draft: draft.id });
  Object.assign(files, { article: pub.image, customers: forCustomers.image, staff: staffOnly.image, draft: draft.image });
  const doc = await document('Handbuch', 'public');
  const internalDoc = await document('Wartungsplan', 'staff');
  const customersDoc = await document('Preisliste', 'customers');
  Object.assign(ids, { document: doc.id, staffDoc: internalDoc.id, customersDoc: customersDoc.id });
  Object.assign(files, { document: doc.file, staffDoc: internalDoc.file, customersDoc: customersDoc.file });
  // a customer's ticket with the same word; tenant B has its own, public-looking, entries
  expect((await customer.client.post('/api/v1/tickets', { subject: `${WORD} kaputt`, description: `Der ${WORD} klemmt.` })).status).toBe(201);
  await b.admin.post('/api/v1/faqs', { question: `Wo steht der ${WORD}?`, answer: '<p>Im Keller.</p>' });
  // everything is indexed once staff find all of it (the stream delivers it; polled, never slept for)
  await vi.waitFor(
    async () => expect((await agent.get<Hits>('/api/v1/search', { query: { q: WORD, limit: '50' } })).json.items.length).toBeGreaterThanOrEqual(7),
    POLL,
  );
});

describe('anonymous search of a public portal', () => {
  it('finds the FAQ, the published public article and the public document, nothing else', async () => {
    const r = await search(a.slug, { q: WORD });
    expect(r.status, r.text).toBe(200);
    const found = r.json.items.map((h) => `${h.kind}:${h.id}`).sort();
    expect(found).toEqual([`article:${ids.article}`, `document:${ids.document}`, `faq:${ids.faq}`].sort());
    expect(r.json.items.every((h) => h.snippet.includes('\uE000'))).toBe(true);
    expect(r.text).not.toContain('kaputt');
  });

  it('narrows by kind; asking for tickets finds none; pages and typing work as in the signed-in search', async () => {
    expect((await search(a.slug, { q: WORD, kinds: 'faq' })).json.items.map((h) => h.id)).toEqual([ids.faq]);
    expect((await search(a.slug, { q: WORD, kinds: 'ticket' })).json.items).toEqual([]);
    const first = await search(a.slug, { q: WORD, limit: '1' });
    expect(first.json.items).toHaveLength(1);
    const next = await search(a.slug, { q: WORD, limit: '1', cursor: first.json.nextCursor });
    expect(next.json.items).toHaveLength(1);
    expect(next.json.items[0]!.id).not.toBe(first.json.items[0]!.id);
    expect((await search(a.slug, { q: 'Quantenkop' })).json.items).toHaveLength(3);
  });

  it('a portal that keeps its knowledge to signed-in users, or does not exist, answers 404 alike; bad input is a 400', async () => {
    const closed = await search(b.slug, { q: WORD });
    const missing = await search('no-such-portal-x', { q: WORD });
    expect([closed.status, missing.status]).toEqual([404, 404]);
    expect(closed.json.code).toBe('not_found');
    expect(closed.text.replace(b.slug, '')).toBe(missing.text.replace('no-such-portal-x', '').replace(missing.json.instance!, closed.json.instance!));
    for (const query of [{ q: '' }, { q: WORD, kinds: 'tickets' }, { q: WORD, limit: '0' }, { q: WORD, cursor: 'x' }]) {
      const r = await search(a.slug, query);
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.json.code).toBe('validation_failed');
    }
  });

  it('switched off again, the portal’s search is gone at once', async () => {
    const c = await newTenant('pubk-c');
    expect((await c.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
    expect((await search(c.slug, { q: WORD })).status).toBe(200);
    expect((await c.admin.patch('/api/v1/tenant', { publicKnowledge: false })).status).toBe(200);
    expect((await search(c.slug, { q: WORD })).status).toBe(404);
  });

  it('is limited per address: past the window’s searches a clear 429, other portals unaffected', async () => {
    const c = await newTenant('pubk-rate');
    expect((await c.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
    const answers = [];
    // 60 a minute; the window slides, so one crossing a minute's end may let one or two more through
    for (let i = 0; i < 70; i++) answers.push(await search(c.slug, { q: `wort${i}` }));
    expect(answers.slice(0, 60).map((r) => r.status)).toEqual(Array(60).fill(200));
    const refused = answers.slice(60).filter((r) => r.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect([r.status, r.json.code]).toEqual([429, 'too_many_attempts']);
    expect((await search(a.slug, { q: WORD })).status).toBe(200);
  });
});

describe('files of public knowledge without signing in', () => {
  it('the image of a published public article and the public document’s file: a redirect to the stored bytes, safely', async () => {
    for (const id of [files.article!, files.document!]) {
      const r = await fileOf(a.slug, id);
      expect(r.status, r.text).toBe(302);
      const stored = await fetch(r.headers.get('location')!);
      expect(stored.status).toBe(200);
      expect(stored.headers.get('x-content-type-options')).toBe('nosniff');
      if (id === files.article) {
        expect(stored.headers.get('content-type')).toBe('image/png');
        expect(stored.headers.get('content-disposition')).toMatch(/^inline/);
        expect(new Uint8Array(await stored.arrayBuffer())).toEqual(PNG);
      } else {
        expect(stored.headers.get('content-type')).toBe('application/pdf');
        expect(stored.headers.get('content-disposition')).toMatch(/^attachment/);
      }
    }
  });

  it('not of a draft, a customers’ or staff article or document, not through another portal, not once the portal closes', async () => {
    for (const key of ['draft', 'customers', 'staff', 'staffDoc', 'customersDoc']) expect((await fileOf(a.slug, files[key]!)).status, key).toBe(404);
    expect((await fileOf(b.slug, files.article!)).status).toBe(404);
    expect((await b.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
    expect((await fileOf(b.slug, files.article!)).status).toBe(404);
    expect((await fileOf(a.slug, 'AAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await fileOf(a.slug, 'not an id')).status).toBe(400);
  });

  it('the server-rendered article page shows its image through that route', async () => {
    const page = await anonymous.get(`/kb/${a.slug}/articles/${ids.article}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<img src="/api/v1/knowledge/${a.slug}/files/${files.article}"`);
    // the page's policy lets it load its images (ours, redirected to the files bucket), nothing else
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/img-src 'self' /);
    expect(csp).toMatch(/default-src 'none'/);
  });
});
