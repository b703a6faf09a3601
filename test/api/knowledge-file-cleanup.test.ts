/**
 * Files a knowledge item no longer lists leave storage (issue 9), from the change stream after
 * the write: a deleted document's file, the file a document's new one replaced, an attachment an
 * article dropped — object and attachment item both. Files still listed stay, and so do another
 * tenant's. Removing is safe to repeat (the stream delivers at least once). Against local S3.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { PDF, PNG, upload } from '../support/files.ts';
import type { UserClient } from '../support/api.ts';
import { attachmentKey, headObject } from '../../shared/files/storage.ts';
import { getAttachmentItem } from '../../shared/db/attachments.ts';
import { removeDroppedKnowledgeFiles } from '../../shared/knowledge/file-cleanup.ts';

// the stream delivers within seconds, but a machine running every suite at once can be slow
const POLL = { timeout: 60_000, interval: 200 };
const SLOW = { timeout: 90_000 };

let t: TestTenant;
let other: TestTenant;
let agent: UserClient;

/** Whether the file's bytes and its attachment item are still stored. */
const stored = async (tenantId: string, id: string) => ({
  object: (await headObject(attachmentKey(tenantId, id))) !== undefined,
  item: (await getAttachmentItem(tenantId, id)) !== undefined,
});
const GONE = { object: false, item: false };
const KEPT = { object: true, item: true };

beforeAll(async () => {
  t = await newTenant('kclean');
  other = await newTenant('kclean-other');
  agent = (await newStaff(t, 'agent', 'Alex Agent')).client;
});

describe('documents', () => {
  it('a deleted document’s file leaves storage; another tenant’s document of the same kind stays', SLOW, async () => {
    const file = await upload(agent, 'manual.pdf', PDF, 'application/pdf');
    const doc = await agent.post('/api/v1/knowledge/documents', { attachmentId: file, title: 'Handbuch' });
    expect(doc.status, doc.text).toBe(201);
    const theirs = await upload(other.admin, 'manual.pdf', PDF, 'application/pdf');
    expect((await other.admin.post('/api/v1/knowledge/documents', { attachmentId: theirs, title: 'Handbuch' })).status).toBe(201);
    expect(await stored(t.id, file)).toEqual(KEPT);

    const del = await agent.delete(`/api/v1/knowledge/documents/${doc.json.id}`);
    expect(del.status, del.text).toBe(204);
    await expect.poll(() => stored(t.id, file), POLL).toEqual(GONE);
    expect(await stored(other.id, theirs)).toEqual(KEPT);
  });

  it('a document given a new file drops the old one, keeps the new one', SLOW, async () => {
    const first = await upload(agent, 'v1.pdf', PDF, 'application/pdf');
    const doc = (await agent.post('/api/v1/knowledge/documents', { attachmentId: first, title: 'Preisliste' })).json;
    const second = await upload(agent, 'v2.pdf', PDF, 'application/pdf');
    const changed = await agent.patch(`/api/v1/knowledge/documents/${doc.id}`, { attachmentId: second, version: doc.version });
    expect(changed.status, changed.text).toBe(200);
    await expect.poll(() => stored(t.id, first), POLL).toEqual(GONE);
    expect(await stored(t.id, second)).toEqual(KEPT);
    expect((await agent.get(`/api/v1/attachments/${second}`)).status).toBe(200);
  });
});

describe('articles', () => {
  it('an attachment an article drops leaves storage; the image it keeps stays readable', SLOW, async () => {
    const image = await upload(agent, 'step.png', PNG, 'image/png');
    const manual = await upload(agent, 'manual.pdf', PDF, 'application/pdf');
    const a = await agent.post('/api/v1/articles', {
      title: 'VPN einrichten',
      body: `<p>So geht es:</p><p><img data-attachment-id="${image}" alt="Schritt"></p>`,
      attachmentIds: [image, manual],
    });
    expect(a.status, a.text).toBe(201);
    const changed = await agent.patch(`/api/v1/articles/${a.json.id}`, { attachmentIds: [image], version: a.json.version });
    expect(changed.status, changed.text).toBe(200);
    await expect.poll(() => stored(t.id, manual), POLL).toEqual(GONE);
    expect(await stored(t.id, image)).toEqual(KEPT);
    expect((await agent.get(`/api/v1/attachments/${image}`)).status).toBe(200);
  });
});

describe('FAQ entries', () => {
  it('a picture an answer no longer shows leaves storage, and a deleted entry’s pictures too', SLOW, async () => {
    const img = (id: string) => `<p><img data-attachment-id="${id}" alt="Dialog"></p>`;
    const [first, second] = [await upload(agent, 'a.png', PNG, 'image/png'), await upload(agent, 'b.png', PNG, 'image/png')];
    const f = await agent.post('/api/v1/faqs', { question: 'Wie drucke ich?', answer: `<p>So:</p>${img(first)}${img(second)}` });
    expect(f.status, f.text).toBe(201);
    const changed = await agent.patch(`/api/v1/faqs/${f.json.id}`, { answer: `<p>So:</p>${img(second)}`, version: f.json.version });
    expect(changed.status, changed.text).toBe(200);
    await expect.poll(() => stored(t.id, first), POLL).toEqual(GONE);
    expect(await stored(t.id, second)).toEqual(KEPT);

    const del = await agent.delete(`/api/v1/faqs/${f.json.id}?version=${changed.json.version}`);
    expect(del.status, del.text).toBe(204);
    await expect.poll(() => stored(t.id, second), POLL).toEqual(GONE);
  });
});

describe('the effect itself', () => {
  it('applies only to a change that drops files, and running it again for the same change does no harm', async () => {
    const file = await upload(agent, 'again.pdf', PDF, 'application/pdf');
    const doc = (await agent.post('/api/v1/knowledge/documents', { attachmentId: file, title: 'Zweimal' })).json;
    const old = { kind: 'document', documentId: doc.id, file: { id: file } };
    const removed = { id: 'change-1', type: 'remove' as const, tenantId: t.id, kind: 'document', old };
    expect(removeDroppedKnowledgeFiles.applies({ ...removed, type: 'modify', new: old })).toBe(false);
    expect(removeDroppedKnowledgeFiles.applies({ ...removed, type: 'insert', new: old, old: undefined })).toBe(false);
    expect(removeDroppedKnowledgeFiles.applies(removed)).toBe(true);
    // the removal as the stream reports it, delivered twice
    await removeDroppedKnowledgeFiles.run(removed);
    await removeDroppedKnowledgeFiles.run(removed);
    expect(await stored(t.id, file)).toEqual(GONE);
  });
});
