/** Fixtures: fresh tenants and signed-in users, made through the public API as a user would. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { apiClient, type UserClient } from './api.ts';
import { linkIn, waitForMail } from './mail.ts';

export const PASSWORD = 'a-long-test-password';
const unique = () => randomBytes(4).toString('hex');

export interface TestTenant {
  slug: string;
  id: string;
  admin: UserClient;
  adminEmail: string;
}

/** Sign up a new organisation in `language` (its admin's and its portal's); its admin is signed in. */
export async function newTenant(label = 'org', language: 'de' | 'en' = 'en'): Promise<TestTenant> {
  const slug = `${label}-${unique()}`;
  const adminEmail = `admin@${slug}.example`;
  const admin = apiClient().as(`admin-${slug}`);
  const r = await admin.post('/api/v1/signup', {
    organisationName: `Org ${slug}`,
    slug,
    adminName: 'Ada Admin',
    email: adminEmail,
    password: PASSWORD,
    language,
  });
  expect(r.status, r.text).toBe(201);
  return { slug, id: r.json.tenant.id, admin, adminEmail };
}

/** Register a customer on a tenant's portal and confirm the mailed link; returns them signed in. */
export async function newCustomer(t: TestTenant, name = 'Cora Customer', extra: Record<string, string> = {}) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@customer.example`;
  const client = apiClient().as(`customer-${email}`);
  const r = await client.post(`/api/v1/portals/${t.slug}/register`, { name, email, password: PASSWORD, ...extra });
  expect(r.status, r.text).toBe(202);
  const mail = await waitForMail(email, { subject: /confirm|bestätigen/i });
  const token = linkIn(mail, `/${t.slug}/verify`).searchParams.get('token');
  const v = await client.post('/api/v1/auth/verify-email', { token, password: PASSWORD });
  expect(v.status, v.text).toBe(200);
  return { client, email, id: v.json.user.id as string, token: v.json.token as string };
}

/** Invite a staff member by mail and accept the invitation; returns them signed in. */
export async function newStaff(t: TestTenant, role: 'agent' | 'coordinator' | 'admin', name = 'Sam Staff') {
  const email = `${role}.${unique()}@${t.slug}.example`;
  const inv = await t.admin.post('/api/v1/invitations', { email, role });
  expect(inv.status, inv.text).toBe(202);
  const mail = await waitForMail(email, { subject: /invitation|einladung/i });
  const token = linkIn(mail, `/${t.slug}/invite`).searchParams.get('token');
  const client = apiClient().as(`${role}-${email}`);
  const a = await client.post('/api/v1/auth/accept-invitation', { token, name, password: PASSWORD });
  expect(a.status, a.text).toBe(200);
  return { client, email, id: a.json.user.id as string };
}
