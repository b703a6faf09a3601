/**
 * The knowledge base (issue 9, Q2) through the HTTP API: staff write drafts, somebody other than
 * the author reviews and publishes them (recorded), customers read only published articles meant
 * for them, a published article edited stays readable, a stale edit is refused, and a solved
 * ticket becomes a draft without its customer's personal data, linked to its origin for staff
 * only. Always beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { PDF, PNG, upload } from '../support/files.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let author: { client: UserClient; id: string };
let reviewer: { client: UserClient; id: string };
let customer: Awaited<ReturnType<typeof newCustomer>>;
let neighbour: Awaited<ReturnType<typeof newCustomer>>;

interface Summary {
  id: string;
  title: string;
  status: string;
  audience: string;
  origin?: unknown;
}
const ids = (r: { json: { items: Summary[] } }) => r.json.items.map((x) => x.id);

/** A draft by `author`, moved along to `status` (a published one by `reviewer`). */
async function article(fields: Record<string, unknown>, status: 'draft' | 'review' | 'published' = 'draft') {
  const r = await author.client.post('/api/v1/articles', { body: '<p>Text</p>', ...fields });
  expect(r.status, r.text).toBe(201);
  let at = r.json;
  if (status !== 'draft') {
    const review = await author.client.post(`/api/v1/articles/${at.id}/status`, { status: 'review', version: at.version });
    expect(review.status, review.text).toBe(200);
    at = review.json;
  }
  if (status === 'published') {
    const pub = await reviewer.client.post(`/api/v1/articles/${at.id}/status`, { status: 'published', version: at.version });
    expect(pub.status, pub.text).toBe(200);
    at = pub.json;
  }
  return at as { id: string; version: number; status: string; revision: number };
}

beforeAll(async () => {
  a = await newTenant('kb-a');
  b = await newTenant('kb-b');
  [author, reviewer] = await Promise.all([newStaff(a, 'agent', 'Arne Author'), newStaff(a, 'agent', 'Rita Reviewer')]);
  [customer, neighbour] = await Promise.all([
    newCustomer(a, 'Petra Müller', { phone: '+49 171 2345678', company: 'Kunde GmbH' }),
    newCustomer(a, 'Nils Neighbour'),
  ]);
});

describe('writing and publishing', () => {
  it('a draft is staff’s only: customers and the other tenant neither list nor open it', async () => {
    const draft = await article({ title: 'Drucker zeigt Fehler 0x80070005', tags: ['Drucker', 'drucker', 'Windows'] });
    expect(draft).toMatchObject({ status: 'draft', revision: 0, version: 1, tags: ['Drucker', 'Windows'], authorName: 'Arne Author' });
    expect(ids(await reviewer.client.get('/api/v1/articles'))).toContain(draft.id);
    for (const c of [customer.client, neighbour.client, b.admin]) {
      expect(ids(await c.get('/api/v1/articles'))).not.toContain(draft.id);
      const get = await c.get(`/api/v1/articles/${draft.id}`);
      expect(get.status).toBe(404);
      expect(get.json.code).toBe('not_found');
    }
  });

  it('keeps the rich text but not what could run in a reader’s browser', async () => {
    const r = await author.client.post('/api/v1/articles', {
      title: 'Safe',
      body: '<h2>Schritte</h2><p onclick="steal()">Treiber <strong>neu</strong> installieren<script>alert(1)</script></p><a href="javascript:alert(1)">x</a><img src="https://tracker.example/p.gif">',
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json.body).toContain('<h2>Schritte</h2>');
    expect(r.json.body).toContain('<strong>neu</strong>');
    for (const bad of ['script', 'onclick', 'javascript:', 'tracker.example']) expect(r.json.body).not.toContain(bad);
    expect(r.json.excerpt).toBe('Schritte\n\nTreiber neu installieren\n\nx');
    const empty = await author.client.post('/api/v1/articles', { title: 'Empty', body: '<p><br></p><script>x</script>' });
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toEqual([expect.objectContaining({ path: 'body' })]);
  });

  it('goes draft → review → published; the reviewer is recorded, and only then customers read it', async () => {
    const draft = await article({ title: 'VPN verbindet nicht', audience: 'customers' });
    const direct = await reviewer.client.post(`/api/v1/articles/${draft.id}/status`, { status: 'published', version: draft.version });
    expect(direct.status).toBe(409);
    expect(direct.json).toMatchObject({ code: 'action_not_allowed', params: { from: 'draft', to: 'published' } });
    const review = await author.client.post(`/api/v1/articles/${draft.id}/status`, { status: 'review', version: draft.version });
    expect(review.json).toMatchObject({ status: 'review', submittedByName: 'Arne Author' });
    expect((await customer.client.get(`/api/v1/articles/${draft.id}`)).status).toBe(404);
    const own = await author.client.post(`/api/v1/articles/${draft.id}/status`, { status: 'published', version: review.json.version });
    expect(own.status).toBe(403);
    expect(own.json).toMatchObject({ code: 'own_review', params: { author: 'Arne Author' } });
    const pub = await reviewer.client.post(`/api/v1/articles/${draft.id}/status`, { status: 'published', version: review.json.version });
    expect(pub.status, pub.text).toBe(200);
    expect(pub.json).toMatchObject({ status: 'published', reviewerName: 'Rita Reviewer', reviewerId: reviewer.id, revision: 1 });
    expect(pub.json.publishedAt).toEqual(expect.any(String));
    const read = await customer.client.get(`/api/v1/articles/${draft.id}`);
    expect(read.status, read.text).toBe(200);
    expect(read.json).toMatchObject({ title: 'VPN verbindet nicht', status: 'published', reviewerName: 'Rita Reviewer' });
    expect(read.json.authorId).toBeUndefined();
    expect((await b.admin.get(`/api/v1/articles/${draft.id}`)).status).toBe(404);
  });

  it('an admin may publish their own article (a tenant of one must be able to)', async () => {
    const r = await a.admin.post('/api/v1/articles', { title: 'Admin’s own', body: '<p>x</p>' });
    const review = await a.admin.post(`/api/v1/articles/${r.json.id}/status`, { status: 'review', version: r.json.version });
    const pub = await a.admin.post(`/api/v1/articles/${r.json.id}/status`, { status: 'published', version: review.json.version });
    expect(pub.status, pub.text).toBe(200);
    expect(pub.json).toMatchObject({ status: 'published', reviewerName: 'Ada Admin' });
  });

  it('a reviewer may send it back to draft, and a published one can be withdrawn', async () => {
    const inReview = await article({ title: 'Sent back' }, 'review');
    const back = await reviewer.client.post(`/api/v1/articles/${inReview.id}/status`, { status: 'draft', version: inReview.version });
    expect(back.json.status).toBe('draft');
    const live = await article({ title: 'Withdrawn' }, 'published');
    const withdrawn = await reviewer.client.post(`/api/v1/articles/${live.id}/status`, { status: 'draft', version: live.version });
    expect(withdrawn.json.status).toBe('draft');
    expect((await customer.client.get(`/api/v1/articles/${live.id}`)).status).toBe(404);
  });
});

describe('audiences and filters', () => {
  let pub: string;
  let forCustomers: string;
  let staffOnly: string;
  beforeAll(async () => {
    pub = (await article({ title: 'Öffentlich: Passwort ändern', audience: 'public', tags: ['Passwort'] }, 'published')).id;
    forCustomers = (await article({ title: 'Kunden: VPN-Profil', audience: 'customers', tags: ['VPN'] }, 'published')).id;
    staffOnly = (await article({ title: 'Intern: Admin-Passwort des Druckservers', audience: 'staff', tags: ['Passwort'] }, 'published')).id;
  });

  it('customers read public and customer articles, never staff-only ones', async () => {
    for (const c of [customer.client, neighbour.client]) {
      const list = ids(await c.get('/api/v1/articles'));
      expect(list).toEqual(expect.arrayContaining([pub, forCustomers]));
      expect(list).not.toContain(staffOnly);
      expect((await c.get(`/api/v1/articles/${staffOnly}`)).status).toBe(404);
    }
    expect(ids(await reviewer.client.get('/api/v1/articles'))).toEqual(expect.arrayContaining([pub, forCustomers, staffOnly]));
  });

  it('filters by tag (any case), audience and status', async () => {
    expect(ids(await reviewer.client.get('/api/v1/articles', { query: { tag: 'passwort' } })).sort()).toEqual([pub, staffOnly].sort());
    expect(ids(await customer.client.get('/api/v1/articles', { query: { tag: 'Passwort' } }))).toEqual([pub]);
    expect(ids(await reviewer.client.get('/api/v1/articles', { query: { audience: 'staff' } }))).toContain(staffOnly);
    expect(ids(await reviewer.client.get('/api/v1/articles', { query: { audience: 'staff' } }))).not.toContain(pub);
    const drafts = (await reviewer.client.get('/api/v1/articles', { query: { status: 'draft' } })).json.items as Summary[];
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((x) => x.status === 'draft')).toBe(true);
    // a customer asking for drafts still gets published articles only
    expect(((await customer.client.get('/api/v1/articles', { query: { status: 'draft' } })).json.items as Summary[]).length).toBe(0);
  });

  it('related articles: unknown ones are refused; a customer sees only those they may read', async () => {
    const bad = await author.client.post('/api/v1/articles', { title: 'R', body: '<p>r</p>', relatedIds: [pub, 'no-such-article'] });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: 'relatedIds', code: 'unknown_article', params: { name: 'no-such-article' } })]);
    const other = await b.admin.post('/api/v1/articles', { title: 'B’s', body: '<p>b</p>' });
    const foreign = await author.client.post('/api/v1/articles', { title: 'R', body: '<p>r</p>', relatedIds: [other.json.id] });
    expect(foreign.status).toBe(400);
    const live = await article({ title: 'Mit Verweisen', audience: 'customers', relatedIds: [pub, staffOnly] }, 'published');
    const staffView = await reviewer.client.get(`/api/v1/articles/${live.id}`);
    expect(staffView.json.related.map((r: { id: string }) => r.id)).toEqual([pub, staffOnly]);
    const customerView = await customer.client.get(`/api/v1/articles/${live.id}`);
    expect(customerView.json.related).toEqual([{ id: pub, title: 'Öffentlich: Passwort ändern' }]);
    expect(customerView.json.relatedIds).toEqual([pub]);
    expect(customerView.text).not.toContain('Admin-Passwort');
  });
});

describe('topics', () => {
  it('files an article under a live topic; a deleted topic stays named on it, and no new article may take it', async () => {
    const topic = await a.admin.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printers' } });
    expect(topic.status, topic.text).toBe(201);
    const live = await article({ title: 'Toner wechseln', audience: 'customers', topicId: topic.json.id }, 'published');
    const other = await article({ title: 'Ohne Thema', audience: 'customers' }, 'published');
    const filtered = ids(await customer.client.get('/api/v1/articles', { query: { topicId: topic.json.id } }));
    expect(filtered).toContain(live.id);
    expect(filtered).not.toContain(other.id);
    expect((await customer.client.get(`/api/v1/articles/${live.id}`)).json.topic).toEqual({ id: topic.json.id, name: { de: 'Drucker', en: 'Printers' } });
    expect((await a.admin.delete(`/api/v1/topics/${topic.json.id}`)).status).toBe(204);
    expect((await customer.client.get(`/api/v1/articles/${live.id}`)).json.topic).toMatchObject({ id: topic.json.id, deleted: true });
    const refused = await author.client.post('/api/v1/articles', { title: 'x', body: '<p>x</p>', topicId: topic.json.id });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([expect.objectContaining({ path: 'topicId', code: 'unknown_topic' })]);
    const foreign = await b.admin.post('/api/v1/topics', { name: { de: 'B', en: 'B' } });
    expect((await author.client.post('/api/v1/articles', { title: 'x', body: '<p>x</p>', topicId: foreign.json.id })).status).toBe(400);
  });
});

describe('files and inline images', () => {
  it('an article takes the author’s uploads; readers of the article (only they) download them while it lists them', async () => {
    const image = await upload(author.client, 'steps.png', PNG);
    const manual = await upload(author.client, 'manual.pdf', PDF);
    const r = await author.client.post('/api/v1/articles', {
      title: 'Mit Bild',
      body: `<p>So sieht es aus:</p><img data-attachment-id="${image}" alt="Schritt 1" src="https://tracker.example/x.png">`,
      audience: 'customers',
      attachmentIds: [image, manual],
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json.attachments).toEqual([
      expect.objectContaining({ id: image, name: 'steps.png', contentType: 'image/png' }),
      expect.objectContaining({ id: manual, name: 'manual.pdf', contentType: 'application/pdf' }),
    ]);
    expect(r.json.body).toContain(`<img data-attachment-id="${image}" alt="Schritt 1"`);
    expect(r.json.body).not.toContain('tracker.example');
    // a draft's files are staff's
    expect((await reviewer.client.get(`/api/v1/attachments/${manual}`)).status).toBe(200);
    expect((await customer.client.get(`/api/v1/attachments/${manual}`)).status).toBe(404);
    // an upload is taken once: a second article cannot take it too
    const twice = await author.client.post('/api/v1/articles', { title: 'Dieselbe Datei', body: '<p>x</p>', attachmentIds: [manual] });
    expect(twice.status).toBe(400);
    expect(twice.json.code).toBe('attachment_not_found');
    // somebody else's upload is not the author's to attach
    const foreign = await upload(reviewer.client, 'rita.pdf', PDF);
    expect((await author.client.post('/api/v1/articles', { title: 'Fremd', body: '<p>x</p>', attachmentIds: [foreign] })).json.code).toBe(
      'attachment_not_found',
    );

    const review = await author.client.post(`/api/v1/articles/${r.json.id}/status`, { status: 'review', version: r.json.version });
    const pub = await reviewer.client.post(`/api/v1/articles/${r.json.id}/status`, { status: 'published', version: review.json.version });
    expect(pub.json.attachments).toHaveLength(2);
    const download = await customer.client.get(`/api/v1/attachments/${image}`);
    expect(download.status, download.text).toBe(200);
    expect(download.json).toMatchObject({ name: 'steps.png', contentType: 'image/png' });
    for (const c of [b.admin]) expect((await c.get(`/api/v1/attachments/${image}`)).status).toBe(404);

    // dropped from the list: readable by nobody; a new upload joins
    const extra = await upload(reviewer.client, 'extra.png', PNG);
    const changed = await reviewer.client.patch(`/api/v1/articles/${r.json.id}`, { attachmentIds: [image, extra], version: pub.json.version });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.attachments.map((f: { id: string }) => f.id)).toEqual([image, extra]);
    expect((await customer.client.get(`/api/v1/attachments/${manual}`)).status).toBe(404);
    expect((await customer.client.get(`/api/v1/attachments/${extra}`)).status).toBe(200);
  });
});

describe('found by search', () => {
  const POLL = { timeout: 20_000, interval: 100 };
  const found = async (who: UserClient, q: string) => {
    const r = await who.get(`/api/v1/search?q=${encodeURIComponent(q)}&kinds=article`);
    expect(r.status, r.text).toBe(200);
    return (r.json.items as { id?: string }[]).map((i) => i.id);
  };

  it('a published article is found by its readers; a draft, a withdrawn one and a staff-only one are not found by customers', async () => {
    const draft = await article({ title: 'Zebradrucker Etiketten Entwurf', body: '<p>Zebradrucker kalibrieren</p>', audience: 'customers' });
    const live = await article(
      { title: 'Zebradrucker Etiketten', body: '<p>Zebradrucker kalibrieren: Taste fünf Sekunden halten.</p>', audience: 'customers' },
      'published',
    );
    const internal = await article({ title: 'Zebradrucker Servicemenü', body: '<p>Zebradrucker Werkseinstellungen</p>', audience: 'staff' }, 'published');
    await expect.poll(() => found(customer.client, 'Zebradrucker'), POLL).toContain(live.id);
    expect(await found(customer.client, 'Zebradrucker')).toEqual([live.id]);
    expect(await found(neighbour.client, 'Zebradrucker')).toEqual([live.id]);
    await expect.poll(() => found(reviewer.client, 'Zebradrucker'), POLL).toContain(internal.id);
    expect(await found(reviewer.client, 'Zebradrucker')).not.toContain(draft.id);
    expect(await found(b.admin, 'Zebradrucker')).toEqual([]);
    // withdrawn: gone from the index
    const withdrawn = await reviewer.client.post(`/api/v1/articles/${live.id}/status`, { status: 'draft', version: live.version });
    expect(withdrawn.status).toBe(200);
    await expect.poll(() => found(customer.client, 'Zebradrucker'), POLL).toEqual([]);
  });
});

describe('changes', () => {
  it('a published article edited stays published with its revision raised and the editor named', async () => {
    const live = await article({ title: 'Drucker offline', audience: 'customers' }, 'published');
    const r = await reviewer.client.patch(`/api/v1/articles/${live.id}`, { body: '<p>Neu: Spooler neu starten.</p>', version: live.version });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ status: 'published', revision: live.revision + 1, editorName: 'Rita Reviewer', version: live.version + 1 });
    expect((await customer.client.get(`/api/v1/articles/${live.id}`)).json.body).toBe('<p>Neu: Spooler neu starten.</p>');
  });

  it('of two edits on the same version, the second is refused with 409 and nothing of it is stored', async () => {
    const d = await article({ title: 'Gleichzeitig' });
    const first = await author.client.patch(`/api/v1/articles/${d.id}`, { title: 'Erste Fassung', version: d.version });
    expect(first.status).toBe(200);
    const second = await reviewer.client.patch(`/api/v1/articles/${d.id}`, { title: 'Zweite Fassung', version: d.version });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ code: 'conflict', params: { by: 'Arne Author' } });
    expect((await author.client.get(`/api/v1/articles/${d.id}`)).json.title).toBe('Erste Fassung');
    const staleMove = await reviewer.client.post(`/api/v1/articles/${d.id}/status`, { status: 'review', version: d.version });
    expect(staleMove.status).toBe(409);
  });

  it('customers write nothing; bad input is a 400 naming the field', async () => {
    const live = await article({ title: 'Nur lesen', audience: 'customers' }, 'published');
    expect((await customer.client.post('/api/v1/articles', { title: 'x', body: '<p>x</p>' })).status).toBe(403);
    expect((await customer.client.patch(`/api/v1/articles/${live.id}`, { title: 'x', version: live.version })).status).toBe(403);
    expect((await customer.client.post(`/api/v1/articles/${live.id}/status`, { status: 'draft', version: live.version })).status).toBe(403);
    const r = await author.client.post('/api/v1/articles', { title: '', body: '<p>x</p>', audience: 'everyone', tags: Array(21).fill('t') });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['audience', 'tags', 'title']);
  });
});

describe('from a solved ticket', () => {
  let number: number;
  beforeAll(async () => {
    const t = await customer.client.post('/api/v1/tickets', {
      subject: 'Petra Müller: Drucker im 2. OG druckt nicht',
      description:
        'Seit heute druckt der Drucker nicht, Fehler 0x80070005.\nErreichbar unter 0171 2345678 oder petra@kunde.example.\n\nViele Grüße\nPetra Müller\nKunde GmbH',
    });
    expect(t.status, t.text).toBe(201);
    number = t.json.ticket.number;
    expect((await a.admin.post(`/api/v1/tickets/${number}/messages`, { body: 'Interne Notiz: Petra ist VIP', internal: true })).status).toBe(201);
    expect(
      (
        await a.admin.post(`/api/v1/tickets/${number}/messages`, {
          body: 'Hallo Frau Müller,\nbitte den Druckerspooler neu starten.\n\nMit freundlichen Grüßen\nAda Admin',
        })
      ).status,
    ).toBe(201);
  });

  it('is refused while the ticket is not solved', async () => {
    const r = await author.client.post(`/api/v1/articles/from-ticket/${number}`, {});
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('ticket_not_solved');
  });

  it('makes a draft from problem and solution without the customer’s personal data, linked to its origin', async () => {
    const close = await a.admin.post(`/api/v1/tickets/${number}/close`, {
      resolution: 'solved',
      solution: 'Spooler neu gestartet, Treiber von petra@kunde.example aktualisiert.',
    });
    expect(close.status, close.text).toBe(200);
    const r = await author.client.post(`/api/v1/articles/from-ticket/${number}`, {});
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      status: 'draft',
      title: '[Name]: Drucker im 2. OG druckt nicht',
      origin: { ticketNumber: number, requesterName: 'Petra Müller' },
    });
    expect(r.json.body).toContain('Fehler 0x80070005');
    expect(r.json.body).toContain('Spooler neu gestartet');
    expect(r.json.body).toContain('Druckerspooler neu starten');
    for (const personal of ['Petra', 'Müller', '0171', 'petra@kunde.example', 'Kunde GmbH', 'Viele Grüße', 'Ada Admin', 'VIP'])
      expect(r.json.body).not.toContain(personal);
    const again = await reviewer.client.post(`/api/v1/articles/from-ticket/${number}`, {});
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(r.json.id);
    expect(ids(await author.client.get('/api/v1/articles')).filter((x) => x === r.json.id)).toHaveLength(1);
  });

  it('shows its origin to staff, never to customers, also once published', async () => {
    const d = (await author.client.get(`/api/v1/articles/ticket-${number}`)).json;
    const review = await author.client.post(`/api/v1/articles/${d.id}/status`, { status: 'review', version: d.version });
    const pub = await reviewer.client.post(`/api/v1/articles/${d.id}/status`, { status: 'published', version: review.json.version });
    expect(pub.json.origin).toMatchObject({ ticketNumber: number, requesterName: 'Petra Müller' });
    for (const c of [customer.client, neighbour.client]) {
      const get = await c.get(`/api/v1/articles/${d.id}`);
      expect(get.status).toBe(200);
      expect(get.json.origin).toBeUndefined();
      expect(get.text).not.toContain('Müller');
      const list = await c.get('/api/v1/articles');
      expect(list.text).not.toContain('Müller');
    }
  });

  it('customers and other tenants cannot turn A’s ticket into an article', async () => {
    expect((await customer.client.post(`/api/v1/articles/from-ticket/${number}`, {})).status).toBe(403);
    const foreign = await b.admin.post(`/api/v1/articles/from-ticket/${number}`, {});
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('Drucker');
  });
});
