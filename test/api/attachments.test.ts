/**
 * Attachments (issue 8, K17): a file is announced, uploaded to a presigned URL and attached to
 * a request, a reply or a note; it is downloaded through a short-lived presigned URL by exactly
 * those who may see its message. Always beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { HTML, PDF, PNG, upload } from '../support/files.ts';
import { attachmentKey, putObject } from '../../shared/files/storage.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;
type Client = Customer['client'];

/** Download as `client` sees it: the API's answer and, if allowed, the file at its URL. */
async function download(client: Client, id: string) {
  const r = await client.get(`/api/v1/attachments/${id}`);
  if (r.status !== 200) return { status: r.status, code: r.json?.code as string | undefined };
  const file = await fetch(r.json.url);
  return {
    status: r.status,
    meta: r.json,
    file: {
      status: file.status,
      type: file.headers.get('content-type'),
      disposition: file.headers.get('content-disposition'),
      nosniff: file.headers.get('x-content-type-options'),
      csp: file.headers.get('content-security-policy'),
      bytes: new Uint8Array(await file.arrayBuffer()),
    },
  };
}

describe('attachments', () => {
  let t: TestTenant;
  let other: TestTenant;
  let cleo: Customer;
  let bob: Customer;
  let foreign: Customer;
  let agent: Client;
  let screenshot: string;
  let number: number;

  beforeAll(async () => {
    t = await newTenant('att');
    other = await newTenant('att-other');
    cleo = await newCustomer(t, 'Cleo Uploader');
    bob = await newCustomer(t, 'Bob Bystander');
    foreign = await newCustomer(other, 'Fiona Foreign');
    agent = (await newStaff(t, 'agent', 'Alex Agent')).client;
    // Both tenants have a ticket #1 of their own customer.
    expect((await foreign.client.post('/api/v1/tickets', { subject: 'Foreign printer', description: 'x' })).status).toBe(201);
    screenshot = await upload(cleo.client, 'screenshot.png', PNG, 'image/png');
    const r = await cleo.client.post('/api/v1/tickets', { subject: 'Printer shows an error', description: 'See the screenshot', attachmentIds: [screenshot] });
    expect(r.status, r.text).toBe(201);
    number = r.json.ticket.number;
  });

  it('a request carries its screenshot, and the requester and staff download it as an inline PNG', async () => {
    const seen = await agent.get(`/api/v1/tickets/${number}`);
    expect(seen.json.messages).toHaveLength(1);
    expect(seen.json.messages[0]).toMatchObject({ authorName: 'Cleo Uploader', internal: false });
    expect(seen.json.messages[0].attachments).toEqual([{ id: screenshot, name: 'screenshot.png', contentType: 'image/png', size: PNG.byteLength }]);
    for (const who of [cleo.client, agent, t.admin]) {
      const d = await download(who, screenshot);
      expect(d.status).toBe(200);
      expect(d.meta).toMatchObject({ name: 'screenshot.png', contentType: 'image/png', size: PNG.byteLength });
      expect(d.file).toMatchObject({ status: 200, type: 'image/png', bytes: PNG });
      expect(d.file!.disposition).toMatch(/^inline; filename="screenshot.png"/);
    }
  });

  it('nobody else learns the file exists: another customer, another tenant, a made-up id → 404', async () => {
    for (const who of [bob.client, foreign.client, other.admin]) {
      expect(await download(who, screenshot)).toEqual({ status: 404, code: 'not_found' });
    }
    expect(await download(cleo.client, 'AAAAAAAAAAAAAAAA')).toEqual({ status: 404, code: 'not_found' });
  });

  it("a note's file is for staff only; a public answer's file reaches the requester", async () => {
    const notePdf = await upload(t.admin, 'internal-analysis.pdf', PDF, 'application/pdf');
    const note = await t.admin.post(`/api/v1/tickets/${number}/messages`, { body: 'Driver log attached', internal: true, attachmentIds: [notePdf] });
    expect(note.status, note.text).toBe(201);
    expect(note.json.attachments).toEqual([{ id: notePdf, name: 'internal-analysis.pdf', contentType: 'application/pdf', size: PDF.byteLength }]);
    expect(await download(cleo.client, notePdf)).toEqual({ status: 404, code: 'not_found' });
    const d = await download(agent, notePdf);
    expect(d.file).toMatchObject({ status: 200, type: 'application/pdf', bytes: PDF });
    expect(d.file!.disposition).toMatch(/^attachment; filename="internal-analysis.pdf"/);

    const guide = await upload(t.admin, 'guide.pdf', PDF, 'application/pdf');
    const answer = await t.admin.post(`/api/v1/tickets/${number}/messages`, { body: 'Here is the guide', attachmentIds: [guide] });
    expect(answer.status, answer.text).toBe(201);
    expect((await download(cleo.client, guide)).file).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(await download(bob.client, guide)).toEqual({ status: 404, code: 'not_found' });
    const asCustomer = await cleo.client.get(`/api/v1/tickets/${number}`);
    const listed = asCustomer.json.messages.flatMap((m: { attachments: { id: string }[] }) => m.attachments.map((a) => a.id));
    expect(listed).toEqual([screenshot, guide]);
  });

  it('the requester replies with a file; the agent downloads it', async () => {
    const log = await upload(cleo.client, 'printer log.txt', new TextEncoder().encode('E-42 paper jam\n'), 'text/plain');
    const r = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'Log attached', attachmentIds: [log] });
    expect(r.status, r.text).toBe(201);
    const d = await download(agent, log);
    expect(d.file).toMatchObject({ status: 200, type: 'text/plain' });
    expect(d.file!.disposition).toMatch(/^attachment; filename="printer log.txt"/);
    // The browser takes the type as given (no sniffing the text into a page), and an opened file runs nothing.
    expect(d.file!.nosniff).toBe('nosniff');
    expect(d.file!.csp).toMatch(/default-src 'none'.*sandbox/);
  });

  it('an HTML file named .png is served as an octet-stream download, never as a page or an image', async () => {
    const fake = await upload(cleo.client, 'cat.png', HTML, 'image/png');
    const r = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'My cat', attachmentIds: [fake] });
    expect(r.status, r.text).toBe(201);
    expect(r.json.attachments[0]).toMatchObject({ name: 'cat.png', contentType: 'application/octet-stream' });
    for (const who of [cleo.client, agent]) {
      const d = await download(who, fake);
      expect(d.meta.contentType).toBe('application/octet-stream');
      expect(d.file).toMatchObject({ status: 200, type: 'application/octet-stream', nosniff: 'nosniff' });
      expect(d.file!.disposition).toMatch(/^attachment;/);
    }
  });

  it('an upload of another size than announced is refused, and so is attaching it', async () => {
    const r = await cleo.client.post('/api/v1/attachments', { name: 'small.txt', size: 5 });
    expect(r.status, r.text).toBe(201);
    const put = await fetch(r.json.uploadUrl, { method: 'PUT', headers: r.json.headers, body: 'much more than five bytes' });
    expect(put.status).toBe(403);
    const attach = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'x', attachmentIds: [r.json.attachmentId] });
    expect(attach.status).toBe(409);
    expect(attach.json).toMatchObject({ code: 'attachment_not_uploaded', params: { attachmentId: r.json.attachmentId } });
  });

  it('bytes beyond the announced size (written past the presigned URL) are refused on attaching', async () => {
    const r = await cleo.client.post('/api/v1/attachments', { name: 'small.txt', size: 5 });
    // S3 would refuse such a PUT (Content-Length is signed); written directly, the check on attaching still holds
    await putObject(attachmentKey(t.id, r.json.attachmentId), new TextEncoder().encode('more than five'), 'text/plain');
    const attach = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'x', attachmentIds: [r.json.attachmentId] });
    expect(attach.status).toBe(413);
    expect(attach.json).toMatchObject({ code: 'attachment_too_large', params: { attachmentId: r.json.attachmentId, maximum: 5 } });
  });

  it('an attached id cannot be attached again, not even by its uploader', async () => {
    const r = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'again', attachmentIds: [screenshot] });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'attachment_not_found', params: { attachmentId: screenshot } });
    const once = await upload(cleo.client, 'twice.png', PNG);
    const twice = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'twice', attachmentIds: [once, once] });
    expect(twice.json.code).toBe('attachment_not_found');
  });

  it("another customer's or another tenant's upload is refused, and a pending upload is its uploader's alone", async () => {
    const bobs = await upload(bob.client, 'bob.png', PNG);
    const foreigns = await upload(foreign.client, 'foreign.png', PNG);
    for (const id of [bobs, foreigns]) {
      const r = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'not mine', attachmentIds: [id] });
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('attachment_not_found');
    }
    expect((await download(bob.client, bobs)).file).toMatchObject({ status: 200, type: 'image/png' });
    for (const who of [cleo.client, agent, foreign.client]) expect((await download(who, bobs)).status).toBe(404);
    // the second tenant's customer cannot use it on their own ticket #1 either
    expect((await foreign.client.post('/api/v1/tickets/1/messages', { body: 'x', attachmentIds: [bobs] })).json.code).toBe('attachment_not_found');
  });

  it('at most ten files per message', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `AAAAAAAAAAAAAAA${i % 10}`);
    const r = await cleo.client.post(`/api/v1/tickets/${number}/messages`, { body: 'many', attachmentIds: ids });
    expect(r.status).toBe(400);
    expect(r.json.errors).toMatchObject([{ path: 'attachmentIds', code: 'too_many_attachments' }]);
  });

  it('refuses announcing an empty or too large file', async () => {
    for (const size of [0, 25 * 1024 * 1024 + 1]) {
      const r = await cleo.client.post('/api/v1/attachments', { name: 'big.bin', size });
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('validation_failed');
    }
  });
});
