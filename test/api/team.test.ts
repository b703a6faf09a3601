/**
 * An admin's hold over accounts: a role change and an account removal end every session of that
 * user at once, the tenant keeps an admin, a removed address is free again, and two admins
 * cannot silently undo each other's changes. Always beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { linkIn, mailTo, waitForMail } from '../support/mail.ts';
import { newCustomer, newStaff, newTenant, PASSWORD, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  a = await newTenant('team-a');
  b = await newTenant('team-b');
});

const signIn = (t: TestTenant, email: string) => apiClient().anonymous().post(`/api/v1/portals/${t.slug}/login`, { email, password: PASSWORD });

describe('a role change', () => {
  it('takes effect at once: the old session is refused, a new sign-in carries the new role', async () => {
    const agent = await newStaff(a, 'agent', 'Arne Agent');
    const other = await newStaff(a, 'agent', 'Otto Other');
    expect((await agent.client.get('/api/v1/me')).json.user.role).toBe('agent');
    const r = await a.admin.patch(`/api/v1/users/${agent.id}`, { role: 'coordinator', version: 0 });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ id: agent.id, role: 'coordinator', version: 1 });
    expect((await agent.client.get('/api/v1/me')).status).toBe(401);
    expect((await signIn(a, agent.email)).json.user.role).toBe('coordinator');
    // nobody else was signed out
    expect((await other.client.get('/api/v1/me')).status).toBe(200);
    expect((await a.admin.get('/api/v1/me')).status).toBe(200);
  });

  it('is refused on a version the admin did not see (another admin changed the user meanwhile)', async () => {
    const agent = await newStaff(a, 'agent', 'Vera Version');
    expect((await a.admin.patch(`/api/v1/users/${agent.id}`, { role: 'coordinator', version: 0 })).status).toBe(200);
    const stale = await a.admin.patch(`/api/v1/users/${agent.id}`, { role: 'admin', version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    expect((await signIn(a, agent.email)).json.user.role).toBe('coordinator');
  });

  it('does not make a customer staff (staff join by invitation)', async () => {
    const cust = await newCustomer(a, 'Carl Customer');
    const r = await a.admin.patch(`/api/v1/users/${cust.id}`, { role: 'agent', version: 0 });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('validation_failed');
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'role', code: 'customer_role' })]);
    expect((await cust.client.get('/api/v1/me')).json.user.role).toBe('customer');
  });

  it('is for admins of the same tenant only', async () => {
    const agent = await newStaff(a, 'agent', 'Petra Protected');
    const cust = await newCustomer(a, 'Nina Nosy');
    expect((await cust.client.patch(`/api/v1/users/${agent.id}`, { role: 'admin', version: 0 })).status).toBe(403);
    expect((await agent.client.patch(`/api/v1/users/${agent.id}`, { role: 'admin', version: 0 })).status).toBe(403);
    const foreign = await b.admin.patch(`/api/v1/users/${agent.id}`, { role: 'admin', version: 0 });
    expect(foreign.status).toBe(404);
    expect((await b.admin.delete(`/api/v1/users/${agent.id}`)).status).toBe(404);
    expect((await agent.client.get('/api/v1/me')).json.user.role).toBe('agent');
  });
});

describe('the last admin', () => {
  it('can neither be demoted nor removed; once a second admin exists, either can step down', async () => {
    const t = await newTenant('team-last');
    const me = (await t.admin.get('/api/v1/me')).json.user;
    const demote = await t.admin.patch(`/api/v1/users/${me.id}`, { role: 'agent', version: 0 });
    expect(demote.status).toBe(409);
    expect(demote.json.code).toBe('last_admin');
    const remove = await t.admin.delete(`/api/v1/users/${me.id}`);
    expect(remove.status).toBe(409);
    expect(remove.json.code).toBe('last_admin');
    const second = await newStaff(t, 'admin', 'Sina Second');
    expect((await t.admin.patch(`/api/v1/users/${me.id}`, { role: 'agent', version: 0 })).status).toBe(200);
    // the one who stepped down is signed out; the other admin is now the last one
    expect((await t.admin.get('/api/v1/me')).status).toBe(401);
    expect((await second.client.delete(`/api/v1/users/${second.id}`)).json.code).toBe('last_admin');
  });
});

describe('removing an account', () => {
  it('signs the user out at once, refuses their password, and frees the address for a new registration', async () => {
    const gone = await newCustomer(a, 'Greta Gone');
    const stays = await newCustomer(a, 'Stefan Stays');
    const r = await a.admin.delete(`/api/v1/users/${gone.id}`);
    expect(r.status, r.text).toBe(204);
    expect((await gone.client.get('/api/v1/me')).status).toBe(401);
    expect((await signIn(a, gone.email)).status).toBe(401);
    expect((await stays.client.get('/api/v1/me')).status).toBe(200);
    expect((await a.admin.delete(`/api/v1/users/${gone.id}`)).status).toBe(404);
    // the address registers afresh, as a new account
    const fresh = apiClient().anonymous();
    const earlier = await mailTo(gone.email);
    expect((await fresh.post(`/api/v1/portals/${a.slug}/register`, { name: 'Greta Again', email: gone.email, password: PASSWORD })).status).toBe(202);
    const mail = await waitForMail(gone.email, { subject: /confirm/i, notIn: earlier });
    const token = linkIn(mail, `/${a.slug}/verify`).searchParams.get('token');
    const v = await fresh.post('/api/v1/auth/verify-email', { token, password: PASSWORD });
    expect(v.status, v.text).toBe(200);
    expect(v.json.user).toMatchObject({ name: 'Greta Again', email: gone.email });
    expect(v.json.user.id).not.toBe(gone.id);
  });

  it('of a staff member lets the address be invited again', async () => {
    const agent = await newStaff(a, 'agent', 'Ina Invited');
    expect((await a.admin.delete(`/api/v1/users/${agent.id}`)).status).toBe(204);
    expect((await agent.client.get('/api/v1/me')).status).toBe(401);
    expect((await a.admin.post('/api/v1/invitations', { email: agent.email, role: 'agent' })).status).toBe(202);
  });
});

describe('tenant settings', () => {
  it('two admins cannot silently undo each other: a change on a stale version is refused', async () => {
    const t = await newTenant('team-settings');
    const second = await newStaff(t, 'admin', 'Bea Second');
    const seen = (await t.admin.get('/api/v1/me')).json.tenant.version;
    const seenToo = (await second.client.get('/api/v1/me')).json.tenant.version;
    const first = await t.admin.patch('/api/v1/tenant', { branding: { title: 'First title' }, version: seen });
    expect(first.status, first.text).toBe(200);
    expect(first.json.version).toBe(seen + 1);
    const late = await second.client.patch('/api/v1/tenant', { branding: { primaryColor: '#000000', title: 'Second title' }, version: seenToo });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('conflict');
    const now = (await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json;
    expect(now.branding.title).toBe('First title');
    expect((await second.client.patch('/api/v1/tenant', { branding: { title: 'Second title' }, version: now.version })).status).toBe(200);
    // the other tenant's settings never moved
    expect((await apiClient().anonymous().get(`/api/v1/portals/${b.slug}`)).json).toMatchObject({ version: 0, name: `Org ${b.slug}` });
  });
});

describe('the contact picker over HTTP', () => {
  it('pages through the customers whose name starts with the text, with a cursor; another tenant sees none of them', async () => {
    const agent = await newStaff(a, 'agent', 'Pia Picker');
    for (const n of ['Paula Eins', 'Paula Zwei', 'Paula Drei']) await newCustomer(a, n);
    await newCustomer(b, 'Paula Fremd');
    const first = await agent.client.get('/api/v1/users', { query: { role: 'customer', q: 'PAULA', limit: 2 } });
    expect(first.status, first.text).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const rest = await agent.client.get('/api/v1/users', { query: { role: 'customer', q: 'paula', limit: 2, cursor: first.json.nextCursor } });
    const names = [...first.json.items, ...rest.json.items].map((u: { name: string }) => u.name);
    expect(names.sort()).toEqual(['Paula Drei', 'Paula Eins', 'Paula Zwei']);
    expect(rest.json.nextCursor).toBeUndefined();
    const foreign = await b.admin.get('/api/v1/users', { query: { role: 'customer', q: 'paula' } });
    expect(foreign.json.items.map((u: { name: string }) => u.name)).toEqual(['Paula Fremd']);
    const forged = await agent.client.get('/api/v1/users', { query: { q: 'paula', cursor: 'not-a-cursor' } });
    expect(forged.status).toBe(400);
    expect(forged.json.code).toBe('validation_failed');
  });
});
