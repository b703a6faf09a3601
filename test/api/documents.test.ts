/**
 * Documentation (issue 9, Q3): staff keep documents (one uploaded file each, with title, topic,
 * tags, description, type and audience); everybody lists what their audience allows, by topic,
 * tag and type; the file downloads under the attachment rules (videos and images inline, the
 * rest as a download), is readable exactly as long as the document lists it, and a video's URL
 * answers range requests (what `<video>` asks for). Beside a second tenant and a second customer.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { HTML, PDF, PNG, upload } from '../support/files.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;
type Client = Customer['client'];

const WEBM = new Uint8Array(readFileSync(new URL('../../infra/local/demo-files/toner.webm', import.meta.url)));

/** What `client` gets for a file: the API's status, and the file's headers and bytes if allowed. */
async function fetchFile(client: Client, id: string, range?: string) {
  const r = await client.get(`/api/v1/attachments/${id}`);
  if (r.status !== 200) return { status: r.status };
  const f = await fetch(r.json.url, range ? { headers: { range } } : {});
  return {
    status: r.status,
    file: {
      status: f.status,
      type: f.headers.get('content-type'),
      disposition: f.headers.get('content-disposition') ?? '',
      bytes: new Uint8Array(await f.arrayBuffer()),
    },
  };
}

describe('documents', () => {
  let t: TestTenant;
  let other: TestTenant;
  let cora: Customer;
  let foreign: Customer;
  let agent: Client;
  let printers: string;
  let network: string;
  let manual: { id: string; file: { id: string }; version: number };
  let video: { id: string; file: { id: string } };
  let internal: { id: string; file: { id: string } };

  beforeAll(async () => {
    t = await newTenant('docs');
    other = await newTenant('docs-other');
    cora = await newCustomer(t, 'Cora Customer');
    foreign = await newCustomer(other, 'Fiona Foreign');
    agent = (await newStaff(t, 'agent', 'Alex Agent')).client;
    printers = (await agent.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printers' } })).json.id;
    network = (await agent.post('/api/v1/topics', { name: { de: 'Netzwerk', en: 'Network' } })).json.id;
    const m = await agent.post('/api/v1/knowledge/documents', {
      attachmentId: await upload(agent, 'Drucker-Handbuch.pdf', PDF, 'application/pdf'),
      title: 'Printer manual',
      description: 'Setting up the office printer',
      topicId: printers,
      tags: ['Setup', 'printer', 'setup'],
      audience: 'customers',
    });
    expect(m.status, m.text).toBe(201);
    manual = m.json;
    const v = await agent.post('/api/v1/knowledge/documents', {
      attachmentId: await upload(agent, 'toner.webm', WEBM, 'video/webm'),
      title: 'Changing the toner',
      topicId: printers,
      audience: 'public',
    });
    expect(v.status, v.text).toBe(201);
    video = v.json;
    const i = await agent.post('/api/v1/knowledge/documents', {
      attachmentId: await upload(agent, 'vpn-diagram.png', PNG, 'image/png'),
      title: 'VPN diagram (internal)',
      topicId: network,
      audience: 'staff',
    });
    expect(i.status, i.text).toBe(201);
    internal = i.json;
  });

  it('a document is stored with its file, tags (lower case, once) and a type told from the file', async () => {
    expect(manual).toMatchObject({
      title: 'Printer manual',
      description: 'Setting up the office printer',
      topicId: printers,
      topic: { id: printers, name: { de: 'Drucker', en: 'Printers' } },
      tags: ['setup', 'printer'],
      type: 'manual',
      audience: 'customers',
      authorName: 'Alex Agent',
      version: 1,
      file: { name: 'Drucker-Handbuch.pdf', contentType: 'application/pdf', size: PDF.byteLength },
    });
    expect(video).toMatchObject({ type: 'video', file: { contentType: 'video/webm' } });
    expect(internal).toMatchObject({ type: 'image', file: { contentType: 'image/png' } });
  });

  it('customers list what is for customers or public, staff everything; filters by topic, tag and type', async () => {
    const titles = async (c: Client, q = '') => ((await c.get(`/api/v1/knowledge/documents${q}`)).json.items as { title: string }[]).map((d) => d.title).sort();
    expect(await titles(cora.client)).toEqual(['Changing the toner', 'Printer manual']);
    expect(await titles(agent)).toEqual(['Changing the toner', 'Printer manual', 'VPN diagram (internal)']);
    expect(await titles(agent, `?topicId=${network}`)).toEqual(['VPN diagram (internal)']);
    expect(await titles(cora.client, `?topicId=${network}`)).toEqual([]);
    expect(await titles(cora.client, '?tag=SETUP')).toEqual(['Printer manual']);
    expect(await titles(cora.client, '?type=video')).toEqual(['Changing the toner']);
    expect(await titles(foreign.client)).toEqual([]);
    expect(await titles(other.admin)).toEqual([]);
  });

  it('the video plays in the page: served inline as video/webm, and its URL answers a range request with 206', async () => {
    const whole = await fetchFile(cora.client, video.file.id);
    expect(whole.file).toMatchObject({ status: 200, type: 'video/webm', bytes: WEBM });
    expect(whole.file!.disposition).toMatch(/^inline; filename="toner.webm"/);
    const part = await fetchFile(cora.client, video.file.id, 'bytes=0-99');
    expect(part.file!.status).toBe(206);
    expect(part.file!.bytes).toEqual(WEBM.subarray(0, 100));
  });

  it('a manual downloads as an attachment; a staff-only document’s file is 404 for customers and other tenants', async () => {
    const pdf = await fetchFile(cora.client, manual.file.id);
    expect(pdf.file).toMatchObject({ status: 200, type: 'application/pdf', bytes: PDF });
    expect(pdf.file!.disposition).toMatch(/^attachment;/);
    expect((await fetchFile(cora.client, internal.file.id)).status).toBe(404);
    expect((await fetchFile(agent, internal.file.id)).file).toMatchObject({ status: 200, type: 'image/png' });
    for (const who of [foreign.client, other.admin]) {
      for (const d of [manual, video, internal]) expect((await fetchFile(who, d.file.id)).status).toBe(404);
    }
  });

  it('an upload already given to a document cannot be taken by another; an HTML "file" is only ever a download', async () => {
    const again = await agent.post('/api/v1/knowledge/documents', { attachmentId: manual.file.id, title: 'Copy' });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ code: 'attachment_not_found', params: { attachmentId: manual.file.id } });
    const h = await agent.post('/api/v1/knowledge/documents', {
      attachmentId: await upload(agent, 'guide.html', HTML, 'text/html'),
      title: 'Guide',
      type: 'guideline',
    });
    expect(h.status, h.text).toBe(201);
    const f = await fetchFile(cora.client, h.json.file.id);
    expect(f.file).toMatchObject({ status: 200, type: 'application/octet-stream' });
    expect(f.file!.disposition).toMatch(/^attachment;/);
  });

  it('changing a document needs the version seen: the loser gets 409 conflict; a new file replaces the old, which is then unreadable', async () => {
    const first = await agent.patch(`/api/v1/knowledge/documents/${manual.id}`, { title: 'Printer manual v2', version: manual.version });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ title: 'Printer manual v2', version: 2 });
    const stale = await t.admin.patch(`/api/v1/knowledge/documents/${manual.id}`, { title: 'Lost', version: manual.version });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    const newPdf = await upload(agent, 'manual-v2.pdf', PDF, 'application/pdf');
    const replaced = await agent.patch(`/api/v1/knowledge/documents/${manual.id}`, { attachmentId: newPdf, topicId: null, tags: [], version: 2 });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.json).toMatchObject({ file: { id: newPdf, name: 'manual-v2.pdf' }, tags: [], version: 3 });
    expect(replaced.json.topicId).toBeUndefined();
    expect((await fetchFile(cora.client, newPdf)).file).toMatchObject({ status: 200, bytes: PDF });
    expect((await fetchFile(cora.client, manual.file.id)).status).toBe(404);
    expect((await fetchFile(agent, manual.file.id)).status).toBe(404);
  });

  it('refusals: customers may not keep documents; unknown topics, missing files and other tenants’ documents are refused', async () => {
    const own = await upload(cora.client, 'mine.png', PNG, 'image/png');
    expect((await cora.client.post('/api/v1/knowledge/documents', { attachmentId: own, title: 'Mine' })).status).toBe(403);
    const bad = await agent.post('/api/v1/knowledge/documents', { attachmentId: await upload(agent, 'x.pdf', PDF), title: 'X', topicId: 'no-such-topic' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toMatchObject({ path: 'topicId', code: 'unknown_topic' });
    const noFile = await agent.post('/api/v1/knowledge/documents', { attachmentId: 'AAAAAAAAAAAAAAAA', title: 'X' });
    expect(noFile.json.code).toBe('attachment_not_found');
    expect((await other.admin.patch(`/api/v1/knowledge/documents/${video.id}`, { title: 'Stolen', version: 1 })).status).toBe(404);
    expect((await other.admin.delete(`/api/v1/knowledge/documents/${video.id}`)).status).toBe(404);
    expect((await cora.client.get('/api/v1/knowledge/documents')).json.items.map((d: { title: string }) => d.title)).toContain('Changing the toner');
  });

  it('a document of a deleted topic stays listed, its topic marked deleted; deleting the document makes its file unreadable', async () => {
    const topic = (await agent.get(`/api/v1/topics`)).json.items.find((x: { id: string }) => x.id === printers);
    expect((await agent.delete(`/api/v1/topics/${printers}?version=${topic.version}`)).status).toBe(204);
    const listed = (await cora.client.get('/api/v1/knowledge/documents?type=video')).json.items[0];
    expect(listed.topic).toMatchObject({ id: printers, deleted: true });
    expect((await agent.delete(`/api/v1/knowledge/documents/${video.id}?version=1`)).status).toBe(204);
    expect((await cora.client.get('/api/v1/knowledge/documents?type=video')).json.items).toEqual([]);
    expect((await fetchFile(cora.client, video.file.id)).status).toBe(404);
  });
});
