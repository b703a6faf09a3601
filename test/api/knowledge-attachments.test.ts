/**
 * Files owned by knowledge items (issue 9): an upload given to a document is readable by
 * exactly those who may read the document — its audience decides, at every moment — and only
 * while the document lists it; it can never also be attached to a ticket message (nor a
 * message's file be taken by a document). A file that claims a knowledge owner which does not
 * list it is readable by nobody. An FAQ answer's pictures are the entry's files, read by every
 * signed-in user of the tenant while the answer shows them, and by anonymous visitors of a portal
 * whose knowledge is public (its public file route, also on the server-rendered FAQ page). Beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { PDF, PNG, upload } from '../support/files.ts';
import { storeAttachment } from '../../shared/attachments/store.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;
type Client = Customer['client'];

const status = async (c: Client, id: string) => (await c.get(`/api/v1/attachments/${id}`)).status;

describe('knowledge attachments', () => {
  let t: TestTenant;
  let other: TestTenant;
  let cora: Customer;
  let dan: Customer;
  let foreign: Customer;
  let agent: Client;

  beforeAll(async () => {
    t = await newTenant('katt');
    other = await newTenant('katt-other');
    cora = await newCustomer(t, 'Cora Customer');
    dan = await newCustomer(t, 'Dan Customer');
    foreign = await newCustomer(other, 'Fiona Foreign');
    agent = (await newStaff(t, 'agent', 'Alex Agent')).client;
  });

  it('a pending upload is its uploader’s alone; given to a document, its audience reads it, and a change of audience holds at once', async () => {
    const file = await upload(agent, 'plan.png', PNG, 'image/png');
    expect(await status(agent, file)).toBe(200);
    expect(await status(t.admin, file)).toBe(404);
    const doc = (await agent.post('/api/v1/knowledge/documents', { attachmentId: file, title: 'Floor plan', audience: 'staff' })).json;
    expect(await status(t.admin, file)).toBe(200);
    for (const c of [cora.client, dan.client]) expect(await status(c, file)).toBe(404);
    const open = await agent.patch(`/api/v1/knowledge/documents/${doc.id}`, { audience: 'customers', version: doc.version });
    expect(open.status, open.text).toBe(200);
    for (const c of [cora.client, dan.client]) expect(await status(c, file)).toBe(200);
    for (const c of [foreign.client, other.admin]) expect(await status(c, file)).toBe(404);
    await agent.patch(`/api/v1/knowledge/documents/${doc.id}`, { audience: 'staff', version: open.json.version });
    expect(await status(cora.client, file)).toBe(404);
  });

  it('a document’s file cannot be attached to a message, nor a message’s file taken by a document', async () => {
    const file = await upload(agent, 'guide.pdf', PDF, 'application/pdf');
    expect((await agent.post('/api/v1/knowledge/documents', { attachmentId: file, title: 'Guide' })).status).toBe(201);
    const ticket = (await cora.client.post('/api/v1/tickets', { subject: 'Printer question', description: 'x' })).json.ticket.number;
    const reply = await agent.post(`/api/v1/tickets/${ticket}/messages`, { body: 'See the guide', internal: true, attachmentIds: [file] });
    expect(reply.json.code).toBe('attachment_not_found');
    const shot = await upload(cora.client, 'shot.png', PNG, 'image/png');
    expect((await cora.client.post(`/api/v1/tickets/${ticket}/messages`, { body: 'Screenshot', attachmentIds: [shot] })).status).toBe(201);
    expect((await agent.post('/api/v1/knowledge/documents', { attachmentId: shot, title: 'Stolen screenshot' })).json.code).toBe('attachment_not_found');
    // the screenshot stays the requester's and staff's, as before
    expect(await status(cora.client, shot)).toBe(200);
    expect(await status(dan.client, shot)).toBe(404);
  });

  it('a file claiming a knowledge owner that does not list it is readable by nobody, staff included', async () => {
    const doc = (await agent.post('/api/v1/knowledge/documents', { attachmentId: await upload(agent, 'a.pdf', PDF), title: 'Listed', audience: 'public' }))
      .json;
    const stray = await storeAttachment(t.id, { name: 'stray.pdf', bytes: PDF, by: 'seed', owner: { kind: 'document', id: doc.id } });
    const orphan = await storeAttachment(t.id, { name: 'orphan.png', bytes: PNG, by: 'seed', owner: { kind: 'article', id: 'no-such-article' } });
    for (const c of [agent, t.admin, cora.client]) {
      expect(await status(c, stray.id)).toBe(404);
      expect(await status(c, orphan.id)).toBe(404);
      expect(await status(c, doc.file.id)).toBe(200);
    }
  });

  it('an FAQ answer’s picture is its own upload, read by every signed-in user of the tenant while the answer shows it', async () => {
    const pic = await upload(agent, 'toner.png', PNG, 'image/png');
    const img = (id: string) => `<p>Pull the film off:</p><p><img data-attachment-id="${id}" alt="toner.png"></p>`;
    const faq = await agent.post('/api/v1/faqs', { question: 'Blank pages?', answer: img(pic) });
    expect(faq.status, faq.text).toBe(201);
    expect(faq.json.answer).toContain(`data-attachment-id="${pic}"`);
    for (const c of [agent, t.admin, cora.client, dan.client]) expect(await status(c, pic)).toBe(200);
    for (const c of [foreign.client, other.admin]) expect(await status(c, pic)).toBe(404);
    // saved again with the picture unchanged: it stays the entry's, no upload needed
    const kept = await t.admin.patch(`/api/v1/faqs/${faq.json.id}`, { answer: `${img(pic)}<p>Then print.</p>`, version: faq.json.version });
    expect(kept.status, kept.text).toBe(200);
    expect(await status(cora.client, pic)).toBe(200);
    // another item's file, a customer's screenshot or a foreign id cannot be borrowed into an answer
    const docFile = (await agent.post('/api/v1/knowledge/documents', { attachmentId: await upload(agent, 'd.png', PNG, 'image/png'), title: 'D' })).json.file
      .id;
    const shot = await upload(cora.client, 'shot.png', PNG, 'image/png');
    for (const id of [docFile, shot, 'no-such-file']) {
      const r = await agent.post('/api/v1/faqs', { question: `Borrowed ${id}?`, answer: img(id) });
      expect(r.status, r.text).toBe(400);
      expect(r.json.code).toBe('attachment_not_found');
    }
    // anonymous visitors get it through the portal's public file route only while the tenant's knowledge is public
    const anonymous = apiClient().anonymous();
    const publicFile = () => anonymous.get(`/api/v1/knowledge/${t.slug}/files/${pic}`);
    expect((await publicFile()).status).toBe(404);
    expect((await t.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
    expect((await publicFile()).status).toBe(302);
    expect((await anonymous.get(`/kb/${t.slug}/faq`)).text).toContain(`src="/api/v1/knowledge/${t.slug}/files/${pic}"`);
    expect((await anonymous.get(`/api/v1/knowledge/${other.slug}/files/${pic}`)).status).toBe(404);
    // the picture taken out of the answer is readable by nobody
    const gone = await agent.patch(`/api/v1/faqs/${faq.json.id}`, { answer: '<p>Pull the film off.</p>', version: kept.json.version });
    expect(gone.status, gone.text).toBe(200);
    for (const c of [agent, cora.client]) expect(await status(c, pic)).toBe(404);
    expect((await publicFile()).status).toBe(404);
    expect((await t.admin.patch('/api/v1/tenant', { publicKnowledge: false })).status).toBe(200);
  });
});
