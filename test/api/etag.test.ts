/**
 * Cheap polling: every GET of the API carries a strong ETag over what the caller sees and asks
 * the browser to revalidate (`private, no-cache`); the same tag in If-None-Match answers 304
 * without a body, until something the caller sees changes.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;
let kim: UserClient;
let number: number;

beforeAll(async () => {
  t = await newTenant('etag');
  other = await newTenant('etag-other');
  cora = await newCustomer(t, 'Cora Customer');
  nils = await newCustomer(t, 'Nils Neighbour');
  kim = (await newStaff(t, 'agent', 'Kim Agent')).client;
  number = (await cora.client.post('/api/v1/tickets', { subject: 'Screen flickers', description: 'Since Monday' })).json.ticket.number;
  // The acknowledgement follows from the change stream and is part of the ticket: wait for it.
  await vi.waitFor(
    async () => {
      const history = (await kim.get(`/api/v1/tickets/${number}`)).json.history as { type: string }[];
      expect(history.map((e) => e.type)).toContain('acknowledged');
    },
    { timeout: 30_000, interval: 100 },
  );
});

const revalidate = (c: UserClient, path: string, tag: string) => c.get(path, { headers: { 'if-none-match': tag } });

describe('a GET answers with an ETag', () => {
  it('a strong tag, kept privately and revalidated on every use', async () => {
    const r = await kim.get(`/api/v1/tickets/${number}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(r.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('the same tag again → 304 without a body; weak and listed forms of it count too', async () => {
    const path = `/api/v1/tickets/${number}`;
    const tag = (await kim.get(path)).headers.get('etag')!;
    const again = await revalidate(kim, path, tag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect((await revalidate(kim, path, `W/${tag}`)).status).toBe(304);
    expect((await revalidate(kim, path, `"something-else", ${tag}`)).status).toBe(304);
    expect((await revalidate(kim, path, '"something-else"')).status).toBe(200);
  });

  it('a change the caller can see → 200 with the new body and a new tag', async () => {
    const path = `/api/v1/tickets/${number}`;
    const tag = (await kim.get(path)).headers.get('etag')!;
    expect((await cora.client.post(`${path}/messages`, { body: 'Now it is black' })).status).toBe(201);
    const r = await revalidate(kim, path, tag);
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).not.toBe(tag);
    expect(r.json.messages.map((m: { body: string }) => m.body)).toContain('Now it is black');
  });

  it('the tag is over what this caller sees: a lease changes the staff view, not the customer’s', async () => {
    const path = `/api/v1/tickets/${number}`;
    const staffTag = (await kim.get(path)).headers.get('etag')!;
    const customerTag = (await cora.client.get(path)).headers.get('etag')!;
    expect(customerTag).not.toBe(staffTag);
    expect((await revalidate(cora.client, path, staffTag)).status).toBe(200);
    expect((await kim.post(`${path}/lock`, {})).status).toBe(200);
    expect((await revalidate(kim, path, staffTag)).status).toBe(200);
    expect((await revalidate(cora.client, path, customerTag)).status).toBe(304);
  });

  it('lists and the caller’s own account revalidate the same way', async () => {
    for (const path of ['/api/v1/tickets', '/api/v1/me']) {
      const tag = (await kim.get(path)).headers.get('etag');
      expect(tag, path).toBeTruthy();
      expect((await revalidate(kim, path, tag!)).status, path).toBe(304);
    }
  });

  it('another tenant’s or another customer’s request never gets a 304 for a tag it did not receive', async () => {
    const path = `/api/v1/tickets/${number}`;
    const tag = (await cora.client.get(path)).headers.get('etag')!;
    expect((await revalidate(nils.client, path, tag)).status).toBe(404);
    expect((await revalidate(other.admin, path, tag)).status).toBe(404);
  });

  it('writes and problems are never cached', async () => {
    const post = await cora.client.post(`/api/v1/tickets/${number}/messages`, { body: 'One more thing' });
    expect(post.headers.get('etag')).toBeNull();
    expect(post.headers.get('cache-control')).toBe('no-store');
    const missing = await kim.get('/api/v1/tickets/99999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});

describe('answers travel compressed to clients that accept it', () => {
  it('brotli or gzip as the client asks, the same JSON and the same tag; plain without Accept-Encoding', async () => {
    const path = '/api/v1/tickets';
    const plain = await kim.get(path, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    for (const encoding of ['br', 'gzip']) {
      const r = await kim.get(path, { headers: { 'accept-encoding': encoding } });
      expect(r.headers.get('content-encoding'), encoding).toBe(encoding);
      expect(r.headers.get('vary'), encoding).toMatch(/accept-encoding/i);
      expect(r.json, encoding).toEqual(plain.json);
      expect(r.headers.get('etag'), encoding).toBe(plain.headers.get('etag'));
      expect((await revalidate(kim, path, r.headers.get('etag')!)).status, encoding).toBe(304);
    }
  });

  it('a problem is compressed too and still reads as a problem', async () => {
    const r = await kim.get('/api/v1/tickets/99999', { headers: { 'accept-encoding': 'gzip' } });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.json.code).toBe('not_found');
  });
});
