/**
 * Field errors as clients read them: each names the field, zod's issue code and the parameters
 * needed to word it in any language (minimum, maximum, format, allowed values), so the web
 * translates from those instead of parsing English messages. And the readable signed-in marker
 * that spares a signed-out portal its `/me` call: set with the session, removed with it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { newCustomer, newTenant, PASSWORD, type TestTenant } from '../support/tenants.ts';

interface FieldError {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}
const byPath = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.path, e]));

describe('field errors carry code and parameters', () => {
  let t: TestTenant;
  let customer: Awaited<ReturnType<typeof newCustomer>>;
  beforeAll(async () => {
    t = await newTenant('fields');
    customer = await newCustomer(t, 'Fred Fields');
  });

  it('a short password names its minimum, a bad address its format', async () => {
    const r = await apiClient().as('nina').post(`/api/v1/portals/${t.slug}/register`, { name: 'Nina New', email: 'not-an-address', password: 'short' });
    expect(r.status, r.text).toBe(400);
    expect(r.json.code).toBe('validation_failed');
    const errors = byPath(r.json.errors);
    expect(errors.password).toMatchObject({ code: 'too_small', params: { minimum: 10 } });
    expect(errors.email).toMatchObject({ code: 'invalid_format', params: { format: 'email' } });
  });

  it('a long subject names its maximum, an unknown priority the allowed values, a missing field the expected type', async () => {
    const r = await customer.client.post('/api/v1/tickets', { subject: 'x'.repeat(201), priority: 'whenever' });
    expect(r.status, r.text).toBe(400);
    const errors = byPath(r.json.errors);
    expect(errors.subject).toMatchObject({ code: 'too_big', params: { maximum: 200 } });
    expect(errors.priority).toMatchObject({ code: 'invalid_value', params: { values: ['low', 'normal', 'high', 'urgent'] } });
    expect(errors.description).toMatchObject({ code: 'invalid_type', params: { expected: 'string' } });
  });

  it('a bad date names the date format', async () => {
    const r = await customer.client.post('/api/v1/tickets', { subject: 'Dated', description: 'x', requestedDueDate: '24.12.2026' });
    expect(r.status, r.text).toBe(400);
    expect(byPath(r.json.errors).requestedDueDate).toMatchObject({ code: 'invalid_format', params: { format: 'date' } });
  });
});

describe('the signed-in marker', () => {
  it('comes with a session, readable by scripts and as long-lived as it, and goes with it', async () => {
    const t = await newTenant('marker');
    const client = apiClient().as('marker-admin');
    const r = await client.post(`/api/v1/portals/${t.slug}/login`, { email: t.adminEmail, password: PASSWORD });
    expect(r.status, r.text).toBe(200);
    const set = r.headers.getSetCookie();
    const session = set.find((c) => c.startsWith('hd_session='))!;
    const marker = set.find((c) => c.startsWith('hd_signed_in='))!;
    expect(marker).toMatch(/^hd_signed_in=1;/);
    expect(marker).not.toMatch(/HttpOnly/i);
    expect(marker).not.toContain(r.json.token);
    expect(/Max-Age=(\d+)/.exec(marker)?.[1]).toBe(/Max-Age=(\d+)/.exec(session)?.[1]);

    const out = await client.post('/api/v1/auth/logout');
    expect(out.status, out.text).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('hd_signed_in='))).toMatch(/^hd_signed_in=;.*Max-Age=0/);
  });

  it('tells the web the account’s language at sign-in and after a change, so its first page loads the right texts', async () => {
    const t = await newTenant('marker-lang');
    const client = apiClient().as('marker-lang-admin');
    const r = await client.post(`/api/v1/portals/${t.slug}/login`, { email: t.adminEmail, password: PASSWORD });
    expect(r.status, r.text).toBe(200);
    const lang = (set: string[]) => set.find((c) => c.startsWith('hd_lang='));
    expect(lang(r.headers.getSetCookie())).toMatch(new RegExp(`^hd_lang=${r.json.user.language ?? r.json.tenant.defaultLanguage};`));
    expect(lang(r.headers.getSetCookie())).not.toMatch(/HttpOnly/i);
    const changed = await client.patch('/api/v1/me', { language: 'en' });
    expect(changed.status, changed.text).toBe(200);
    expect(lang(changed.headers.getSetCookie())).toMatch(/^hd_lang=en;/);
    const back = await client.patch('/api/v1/me', { language: 'de' });
    expect(lang(back.headers.getSetCookie())).toMatch(/^hd_lang=de;/);
  });
});
