/** Account guards in the domain, with control over the caller's address. */
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { login } from '../../shared/auth/accounts.ts';
import { signup } from '../../shared/tenancy/tenants.ts';
import { createUser, peekToken, putToken } from '../../shared/db/store.ts';
import { mintSecret } from '../../shared/auth/secrets.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { UserItem } from '../../shared/db/items.ts';

const PASSWORD = 'a-long-test-password';
const org = async (ip = '192.0.2.1') => {
  const slug = `acc-${randomBytes(4).toString('hex')}`;
  return signup(
    { organisationName: `Org ${slug}`, slug, adminName: 'Ada', email: `ada@${slug}.example`, password: PASSWORD, language: 'en', timeZone: 'Europe/Berlin' },
    ip,
  );
};

describe('sign-in limits', () => {
  it('a stranger guessing from one address cannot lock the owner out from another', async () => {
    const { tenant, admin } = await org();
    const other = await org();
    for (let i = 0; i < 10; i++)
      await expect(login(tenant.slug, { email: admin.email, password: `guess-${i}` }, '203.0.113.66')).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(login(tenant.slug, { email: admin.email, password: PASSWORD }, '203.0.113.66')).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(login(tenant.slug, { email: admin.email, password: PASSWORD }, '198.51.100.7')).resolves.toMatchObject({ user: { email: admin.email } });
    // the other tenant's admin is untouched by all of it
    await expect(login(other.tenant.slug, { email: other.admin.email, password: PASSWORD }, '203.0.113.66')).resolves.toBeDefined();
  });
});

describe('sign-up limits', () => {
  afterEach(() => {
    process.env.SIGNUPS_PER_HOUR = '100000';
  });

  it('one address can sign up only so many organisations an hour', async () => {
    process.env.SIGNUPS_PER_HOUR = '2';
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 20}`;
    await org(ip);
    await org(ip);
    await expect(org(ip)).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(org('192.0.2.250')).resolves.toBeDefined();
  });
});

describe('invitations', () => {
  it('an invitation refused because its address is taken stays usable', async () => {
    const { tenant } = await org();
    const { secret, hash } = mintSecret(tenant.id);
    await putToken(tenant.id, hash, {
      kind: 'token',
      purpose: 'invite',
      email: 'taken@x.example',
      role: 'agent',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const user = (email: string): UserItem => ({ kind: 'user', userId: newId(), name: 'N', email, role: 'agent', emailVerified: true, createdAt: nowIso() });
    await createUser(tenant.id, user('taken@x.example'));
    await expect(createUser(tenant.id, user('taken@x.example'), { hash, purpose: 'invite' })).rejects.toMatchObject({ code: 'email_taken' });
    expect(await peekToken(tenant.id, hash, 'invite')).toBeDefined();
    await createUser(tenant.id, user('free@x.example'), { hash, purpose: 'invite' });
    expect(await peekToken(tenant.id, hash, 'invite')).toBeUndefined();
    expect(secret.startsWith(tenant.id)).toBe(true);
  });
});
