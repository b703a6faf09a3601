/** Account guards in the domain, with control over the caller's address. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { invite, login, registerCustomer, verifyEmail } from '../../shared/auth/accounts.ts';
import { config } from '../../shared/config.ts';
import { db } from '../../shared/db/client.ts';
import { keys } from '../../shared/db/keys.ts';
import { linkIn, mailTo, waitForMail } from '../support/mail.ts';
import { withinLimit } from '../../shared/limits.ts';
import { signup } from '../../shared/tenancy/tenants.ts';
import { createUser, peekToken, putToken, updateUser } from '../../shared/db/store.ts';
import { mintSecret } from '../../shared/auth/secrets.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { UserItem } from '../../shared/db/items.ts';
import type { DomainError } from '../../shared/errors.ts';

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

describe('a distributed guess does not lock the owner out', () => {
  // 100 argon2id hashes: generous time for a busy machine (nothing here measures speed).
  it('after 100 wrong passwords from 10 addresses the owner signs in by a mailed link; the guessers stay throttled', { timeout: 180_000 }, async () => {
    const { tenant, admin } = await org();
    const attackers = Array.from({ length: 10 }, (_, i) => `203.0.113.${100 + i}`);
    const guesses = attackers.flatMap((ip) =>
      Array.from({ length: 10 }, (_, i) => login(tenant.slug, { email: admin.email, password: `guess-${ip}-${i}` }, ip)),
    );
    for (const g of await Promise.allSettled(guesses)) expect(g).toMatchObject({ status: 'rejected', reason: { code: 'invalid_credentials' } });
    // each guessing address is spent, whatever it tries
    await expect(login(tenant.slug, { email: admin.email, password: PASSWORD }, attackers[0]!)).rejects.toMatchObject({ code: 'too_many_attempts' });
    // from anywhere else, a password alone no longer signs in, right or wrong: the answer does not tell which
    const refusal = (password: string, ip: string) =>
      login(tenant.slug, { email: admin.email, password }, ip).then(
        () => 'signed in',
        (e: DomainError) => e,
      );
    const owner = await refusal(PASSWORD, '198.51.100.20');
    expect(owner).toMatchObject({ code: 'sign_in_link_sent' });
    expect(await refusal('another-guess', '198.51.100.21')).toEqual(owner);
    // the owner has one mail with a one-time link that signs her in
    const mails = (await mailTo(admin.email)).filter((m) => /sign-in link/i.test(m.subject));
    expect(mails).toHaveLength(1);
    const token = linkIn(mails[0]!, `/${tenant.slug}/verify`).searchParams.get('token')!;
    await expect(verifyEmail({ token, portal: tenant.slug })).resolves.toMatchObject({ user: { email: admin.email } });
    await expect(verifyEmail({ token, portal: tenant.slug })).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('the sign-in link mail is in the account language, German or English', async () => {
    const de = await org();
    await updateUser(de.tenant.id, de.admin.userId, { language: 'de' });
    // The attack itself is the test above; here only its count, without 100 password hashes.
    for (let i = 0; i < 100; i++) await withinLimit(de.tenant.id, 'loginAccount', de.admin.email);
    await expect(login(de.tenant.slug, { email: de.admin.email, password: PASSWORD }, '198.51.100.30')).rejects.toMatchObject({ code: 'sign_in_link_sent' });
    const mail = await waitForMail(de.admin.email, { subject: /Anmeldelink/ });
    expect(mail.body.text).toContain('Hallo Ada');
    expect(mail.body.text).not.toContain('sign-in');
  });
});

describe('limits slide rather than reset at a fixed time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('attempts just before a window ends still count just after it, and fade out over the next window', async () => {
    const { tenant } = await org();
    const WINDOW = 15 * 60;
    const start = (Math.floor(Date.now() / 1000 / WINDOW) + 1) * WINDOW - 5; // five seconds before a window ends
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start * 1000);
    const hit = () => withinLimit(tenant.id, 'loginAccountAddress', 'someone|192.0.2.77');
    for (let i = 0; i < 10; i++) expect(await hit()).toBe(true);
    expect(await hit()).toBe(false);
    vi.setSystemTime((start + 10) * 1000); // a new fixed window would allow all ten again
    expect(await hit()).toBe(false); // 10 × 99 % of the last window, rounded up: still ten
    vi.setSystemTime((start + 5 + WINDOW / 2) * 1000); // half-way: the last window weighs half
    const later = [];
    for (let i = 0; i < 6; i++) later.push(await hit());
    expect(later).toEqual([true, true, true, true, true, false]); // 5 from the last window + 5 = 10
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

describe('unconfirmed registrations expire', () => {
  const item = async (key: { pk: string; sk: string }) => (await db(null).send(new GetCommand({ TableName: config.tableName, Key: key }))).Item;
  const verifyToken = async (email: string, slug: string) =>
    linkIn(await waitForMail(email, { subject: new RegExp(`Org ${slug}`) }), `/${slug}/verify`).searchParams.get('token')!;

  it('an unconfirmed account and its address carry an expiry (TTL); confirming removes it', async () => {
    const { tenant } = await org();
    const email = `pending-${randomBytes(3).toString('hex')}@x.example`;
    await registerCustomer(tenant.slug, { name: 'Pia', email, password: PASSWORD }, '192.0.2.9');
    const ref = await item(keys.userEmail(tenant.id, email));
    const user = await item(keys.user(tenant.id, ref!.userId as string));
    const inADay = Math.floor(Date.now() / 1000) + 24 * 3600;
    for (const i of [ref!, user!]) expect(i.expiresAt).toBeGreaterThan(inADay - 120);
    await verifyEmail({ token: await verifyToken(email, tenant.slug), password: PASSWORD });
    expect((await item(keys.userEmail(tenant.id, email)))!.expiresAt).toBeUndefined();
    expect((await item(keys.user(tenant.id, ref!.userId as string)))!.expiresAt).toBeUndefined();
  });

  it('once expired (before TTL gets round to deleting it) the address is free again and the old link dead', async () => {
    const { tenant, admin } = await org();
    const email = `lapsed-${randomBytes(3).toString('hex')}@x.example`;
    await registerCustomer(tenant.slug, { name: 'Lapsed', email, password: PASSWORD }, '192.0.2.9');
    const token = await verifyToken(email, tenant.slug);
    const ref = await item(keys.userEmail(tenant.id, email));
    // What a day without confirmation does: both items are past their expiry, not yet deleted.
    const past = { UpdateExpression: 'SET expiresAt = :past', ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 } };
    await db(null).send(new UpdateCommand({ TableName: config.tableName, Key: keys.userEmail(tenant.id, email), ...past }));
    await db(null).send(new UpdateCommand({ TableName: config.tableName, Key: keys.user(tenant.id, ref!.userId as string), ...past }));
    await expect(verifyEmail({ token, password: PASSWORD })).rejects.toMatchObject({ code: 'invalid_token' });
    const actor = { tenantId: tenant.id, userId: admin.userId, role: 'admin' as const, name: admin.name, email: admin.email };
    await expect(invite(actor, { email, role: 'agent' })).resolves.toBeUndefined();
  });
});
