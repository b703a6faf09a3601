/**
 * Tenants and people made straight through the domain functions (no HTTP), for integration specs
 * that drive the store and the stream themselves: a signed-up organisation with its admin as the
 * acting staff member, and a verified customer of it.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/auth/actor.ts';
import { createUser } from '../../shared/db/store.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { Language } from '../../shared/tenancy/schemas.ts';
import { signup } from '../../shared/tenancy/tenants.ts';

/** A short random suffix that keeps slugs and addresses apart between specs. */
export const unique = () => randomBytes(4).toString('hex');

/** A new organisation `{prefix}-{random}` and its admin Ada as an actor. */
export async function signedUpOrg(prefix: string, language: Language = 'en') {
  const slug = `${prefix}-${unique()}`;
  const { tenant, admin } = await signup(
    {
      organisationName: `Org ${slug}`,
      slug,
      adminName: 'Ada Admin',
      email: `ada@${slug}.example`,
      password: 'a-long-test-password',
      language,
      timeZone: 'Europe/Berlin',
    },
    '192.0.2.10',
  );
  const staff: Actor = { tenantId: tenant.id, userId: admin.userId, role: 'admin', name: 'Ada Admin', email: admin.email };
  return { tenant, slug, staff };
}

/** A verified customer of the tenant, as an actor. */
export async function customerOf(tenantId: string, person: { name: string; email: string; language?: Language }): Promise<Actor> {
  const user = { kind: 'user' as const, userId: newId(), ...person, role: 'customer' as const, emailVerified: true, createdAt: nowIso() };
  await createUser(tenantId, user);
  return { tenantId, userId: user.userId, role: 'customer', name: user.name, email: user.email };
}
