import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { newCustomer, newTenant } from '../support/tenants.ts';

const problemOf = (r: { status: number; headers: Headers; json: any }): { code: string; status: number; errors?: { path: string }[] } => {
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.json.status).toBe(r.status);
  return r.json;
};

describe('bad input gets a clear problem, never a 500', () => {
  it('malformed JSON is a 400 malformed_json', async () => {
    const t = await newTenant('json');
    const r = await t.admin.post('/api/v1/tickets', undefined, { raw: '{"subject": "x",', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(problemOf(r).code).toBe('malformed_json');
  });

  it('a schema violation names the field', async () => {
    const t = await newTenant('schema');
    const r = await t.admin.post('/api/v1/tickets', { subject: 'ok subject', description: 'x', priority: 'whenever', requestedDueDate: 'tomorrow' });
    expect(r.status).toBe(400);
    const p = problemOf(r);
    expect(p.code).toBe('validation_failed');
    expect(p.errors!.map((e) => e.path).sort()).toEqual(['priority', 'requestedDueDate']);
  });

  it('a body that is not JSON at all is refused as unsupported', async () => {
    const t = await newTenant('form');
    const r = await t.admin.post('/api/v1/tickets', undefined, { raw: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    expect(problemOf(r).code).toBe('unsupported_media_type');
  });

  it('a body over 1 MB is a 413', async () => {
    const t = await newTenant('big');
    const r = await t.admin.post('/api/v1/tickets', undefined, {
      raw: JSON.stringify({ subject: 'big', description: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(413);
    expect(problemOf(r).code).toBe('payload_too_large');
  });

  it('no session is a 401, the wrong role a 403', async () => {
    const t = await newTenant('authz');
    const anon = await apiClient().anonymous().get('/api/v1/tickets');
    expect(anon.status).toBe(401);
    expect(problemOf(anon).code).toBe('unauthenticated');
    const cust = await newCustomer(t);
    const r = await cust.client.patch('/api/v1/tenant', { name: 'Mine now' });
    expect(r.status).toBe(403);
    expect(problemOf(r).code).toBe('forbidden');
  });

  it('a caller without a session gets 401 before anything about the body is said', async () => {
    const anon = apiClient().anonymous();
    // A body that breaks the schema, JSON that does not parse, a body that is not JSON: always 401, never a hint at the fields.
    const invalid = await anon.post('/api/v1/tickets', { subject: 1, priority: 'whenever' });
    const broken = await anon.post('/api/v1/tickets/1/messages', undefined, { raw: '{broken', headers: { 'content-type': 'application/json' } });
    const form = await anon.patch('/api/v1/tenant', undefined, { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (const r of [invalid, broken, form]) {
      expect(r.status).toBe(401);
      const p = problemOf(r);
      expect(p.code).toBe('unauthenticated');
      expect(p.errors).toBeUndefined();
      expect(r.text).not.toMatch(/subject|priority|description/);
    }
  });

  it('an unknown path inside an area is a 404, a wrong method a 405 naming the allowed ones', async () => {
    const t = await newTenant('route');
    const missing = await t.admin.get('/api/v1/tickets/1/attachments');
    expect(missing.status).toBe(404);
    expect(problemOf(missing).code).toBe('not_found');
    const wrong = await t.admin.delete('/api/v1/tickets/1');
    expect(wrong.status).toBe(405);
    expect(problemOf(wrong).code).toBe('method_not_allowed');
    expect(wrong.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'PATCH']);
    expect((await apiClient().anonymous().get('/api/v1/nowhere')).status).toBe(404);
  });

  it('a ticket number that is not a number is a 400, a missing ticket a 404', async () => {
    const t = await newTenant('num');
    expect((await t.admin.get('/api/v1/tickets/abc')).status).toBe(400);
    const r = await t.admin.get('/api/v1/tickets/999');
    expect(r.status).toBe(404);
    expect(problemOf(r).code).toBe('not_found');
  });

  it('a cookie-authenticated write from another site is refused and changes nothing', async () => {
    const t = await newTenant('csrf');
    const r = await t.admin.patch('/api/v1/tenant', { name: 'Pwned by evil.example' }, { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(403);
    expect(problemOf(r).code).toBe('origin_mismatch');
    expect((await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json.name).toBe(`Org ${t.slug}`);
  });

  it('a write is refused when Origin and the forwarded host both name another site', async () => {
    const t = await newTenant('fwdhost');
    const evil = { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const r = await t.admin.patch('/api/v1/tenant', { name: 'Pwned via Host' }, { headers: evil });
    expect(r.status).toBe(403);
    expect(problemOf(r).code).toBe('origin_mismatch');
    expect((await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json.name).toBe(`Org ${t.slug}`);
  });

  it('a failed write loses nothing already stored', async () => {
    const t = await newTenant('keep');
    await t.admin.post('/api/v1/tickets', { subject: 'Keep me', description: 'stored' });
    await t.admin.post('/api/v1/tickets/1/messages', undefined, { raw: '{broken', headers: { 'content-type': 'application/json' } });
    await t.admin.patch('/api/v1/tickets/1', { status: 'exploded' });
    const r = await t.admin.get('/api/v1/tickets/1');
    expect(r.json.ticket).toMatchObject({ subject: 'Keep me', status: 'new' });
    expect(r.json.messages).toEqual([]);
  });

  it('errors do not leak stack traces', async () => {
    const t = await newTenant('leak');
    const r = await t.admin.post('/api/v1/tickets', { subject: 1, description: { $gt: '' } });
    expect(r.status).toBe(400);
    expect(r.text).not.toMatch(/at .*\.ts:\d+/);
  });
});
