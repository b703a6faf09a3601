import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { linkIn, mailTo, waitForMail, type SentMail } from '../support/mail.ts';
import { newCustomer, newTenant, PASSWORD } from '../support/tenants.ts';
import { putSession } from '../../shared/db/store.ts';
import { mintSecret } from '../../shared/auth/secrets.ts';

describe('customer accounts', () => {
  it('a registered customer cannot sign in before confirming the mailed link, and can after', async () => {
    const t = await newTenant('reg');
    const c = apiClient().anonymous();
    await c.post(`/api/v1/portals/${t.slug}/register`, { name: 'Rita', email: 'rita@r.example', password: PASSWORD, company: 'R AG' });
    const early = await c.post(`/api/v1/portals/${t.slug}/login`, { email: 'rita@r.example', password: PASSWORD });
    expect(early.status).toBe(403);
    expect(early.json.code).toBe('email_not_verified');
    const mail = await waitForMail('rita@r.example');
    expect(mail.subject).toMatch(/confirm/i); // tenant default language is English
    await c.post('/api/v1/auth/verify-email', { token: linkIn(mail, `/${t.slug}/verify`).searchParams.get('token'), password: PASSWORD });
    const ok = await c.post(`/api/v1/portals/${t.slug}/login`, { email: 'RITA@r.example', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.json.user).toMatchObject({ role: 'customer', company: 'R AG', emailVerified: true });
  });

  it('a verification link works once', async () => {
    const t = await newTenant('once');
    const c = apiClient().anonymous();
    await c.post(`/api/v1/portals/${t.slug}/register`, { name: 'Otto', email: 'otto@o.example', password: PASSWORD, language: 'de' });
    const mail = await waitForMail('otto@o.example');
    expect(mail.subject).toMatch(/bestätigen/);
    const token = linkIn(mail, `/${t.slug}/verify`).searchParams.get('token');
    expect((await c.post('/api/v1/auth/verify-email', { token, password: PASSWORD })).status).toBe(200);
    const again = await c.post('/api/v1/auth/verify-email', { token, password: PASSWORD });
    expect(again.status).toBe(400);
    expect(again.json.code).toBe('invalid_token');
  });

  it('registering an address again answers the same, mails a link of its own, and changes nothing until a link is used', async () => {
    const a = await newTenant('dupa');
    const b = await newTenant('dupb');
    const first = { name: 'Dora', email: 'dora@d.example', password: PASSWORD };
    expect((await apiClient().anonymous().post(`/api/v1/portals/${a.slug}/register`, first)).status).toBe(202);
    const firstMail = await waitForMail('dora@d.example', { subject: new RegExp(`Org ${a.slug}`) });
    const dup = await apiClient()
      .anonymous()
      .post(`/api/v1/portals/${a.slug}/register`, { ...first, name: 'Mallory', password: 'mallorys-password' });
    expect(dup.status).toBe(202);
    const again = await waitForMail('dora@d.example', { subject: /confirm/i, notIn: [firstMail] });
    expect(again.body.text).toContain('Hello Mallory');
    const c = apiClient().anonymous();
    expect((await c.post(`/api/v1/portals/${a.slug}/login`, { email: 'dora@d.example', password: 'mallorys-password' })).status).toBe(401);
    await c.post('/api/v1/auth/verify-email', { token: linkIn(firstMail, `/${a.slug}/verify`).searchParams.get('token'), password: PASSWORD });
    expect((await c.post(`/api/v1/portals/${a.slug}/login`, { email: 'dora@d.example', password: 'mallorys-password' })).status).toBe(401);
    expect((await c.post(`/api/v1/portals/${a.slug}/login`, { email: 'dora@d.example', password: PASSWORD })).json.user.name).toBe('Dora');
    // the other tenant knows nothing of her
    expect((await apiClient().anonymous().post(`/api/v1/portals/${b.slug}/register`, first)).status).toBe(202);
  });

  it('registering a confirmed address mails a note to sign in instead, and the answer does not tell', async () => {
    const t = await newTenant('exists');
    const cust = await newCustomer(t, 'Conny Confirmed');
    const r = await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/register`, { name: 'Someone', email: cust.email, password: PASSWORD });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ status: 'accepted' });
    const mail = await waitForMail(cust.email, { subject: /already have an account/i });
    expect(linkIn(mail, `/${t.slug}/forgot`)).toBeDefined();
  });

  it('a wrong password is refused without saying whether the account exists', async () => {
    const t = await newTenant('wrong');
    const c = apiClient().anonymous();
    const wrong = await c.post(`/api/v1/portals/${t.slug}/login`, { email: t.adminEmail, password: 'not-the-password' });
    const unknown = await c.post(`/api/v1/portals/${t.slug}/login`, { email: 'nobody@x.example', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.detail).toBe(unknown.json.detail);
  });

  it('sign-in attempts on one account are limited', async () => {
    const t = await newTenant('rate');
    const c = apiClient().anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await c.post(`/api/v1/portals/${t.slug}/login`, { email: t.adminEmail, password: 'guess-' + i })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // even the right password is refused until the window passes
    const right = await c.post(`/api/v1/portals/${t.slug}/login`, { email: t.adminEmail, password: PASSWORD });
    expect(right.json.code).toBe('too_many_attempts');
  });

  it('password reset by mail: the link sets a new password once, the old one stops working', async () => {
    const t = await newTenant('reset');
    const cust = await newCustomer(t, 'Paula');
    const c = apiClient().anonymous();
    const r = await c.post(`/api/v1/portals/${t.slug}/password-reset`, { email: cust.email });
    expect(r.status).toBe(202);
    const unknown = await c.post(`/api/v1/portals/${t.slug}/password-reset`, { email: 'ghost@x.example' });
    expect(unknown.status).toBe(202);
    const mail = await waitForMail(cust.email, { subject: /reset/i });
    const token = linkIn(mail, `/${t.slug}/reset`).searchParams.get('token');
    expect((await c.post('/api/v1/auth/reset-password', { token, password: 'a-brand-new-password' })).status).toBe(204);
    expect((await c.post('/api/v1/auth/reset-password', { token, password: 'yet-another-password' })).status).toBe(400);
    expect((await c.post(`/api/v1/portals/${t.slug}/login`, { email: cust.email, password: PASSWORD })).status).toBe(401);
    expect((await c.post(`/api/v1/portals/${t.slug}/login`, { email: cust.email, password: 'a-brand-new-password' })).status).toBe(200);
  });
});

describe('nobody takes over an address by registering it first', () => {
  const register = (slug: string, body: Record<string, string>) => apiClient().anonymous().post(`/api/v1/portals/${slug}/register`, body);
  const tokenOf = (mail: SentMail, slug: string) => linkIn(mail, `/${slug}/verify`).searchParams.get('token');
  /** Open a registration's link, typing `password` when the page asks for it. */
  const open = (mail: SentMail, slug: string, password: string) =>
    apiClient()
      .anonymous()
      .post('/api/v1/auth/verify-email', { token: tokenOf(mail, slug), password });
  const signIn = (slug: string, password: string) => apiClient().anonymous().post(`/api/v1/portals/${slug}/login`, { email: 'vic@v.example', password });
  const attacker = { name: 'Vic Tim', email: 'vic@v.example', password: 'attackers-password', company: 'Mallory Ltd' };
  const victim = { name: 'Vic Tim', email: 'vic@v.example', password: PASSWORD, company: 'Victim AG' };

  /** The attacker registers the victim's address, then the victim does; both links land in her mailbox. */
  async function bothRegistered(prefix: string) {
    const t = await newTenant(prefix);
    expect((await register(t.slug, attacker)).status).toBe(202);
    const attackersMail = await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`) });
    expect((await register(t.slug, victim)).status).toBe(202);
    const victimsMail = await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`), notIn: [attackersMail] });
    return { t, attackersMail, victimsMail };
  }

  it("the victim's own link sets the victim's password and details; the attacker's is worthless afterwards", async () => {
    const { t, attackersMail, victimsMail } = await bothRegistered('takeover');
    const v = await open(victimsMail, t.slug, PASSWORD);
    expect(v.status).toBe(200);
    expect(v.json.user).toMatchObject({ company: 'Victim AG', emailVerified: true });
    expect((await signIn(t.slug, PASSWORD)).status).toBe(200);
    expect((await signIn(t.slug, attacker.password)).status).toBe(401);
    // the older registration's link, opened later even with its own password, changes nothing
    const late = await open(attackersMail, t.slug, attacker.password);
    expect(late.status).toBe(400);
    expect(late.json.code).toBe('invalid_token');
    expect((await signIn(t.slug, attacker.password)).status).toBe(401);
    expect((await signIn(t.slug, PASSWORD)).json.user.company).toBe('Victim AG');
  });

  it('a link asks for the password of its own registration: the victim cannot confirm the attacker’s by mistake', async () => {
    const t = await newTenant('takeover2');
    // the attacker registers the address right after the victim: his link is the newer one
    expect((await register(t.slug, victim)).status).toBe(202);
    const victimsMail = await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`) });
    expect((await register(t.slug, attacker)).status).toBe(202);
    const attackersMail = await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`), notIn: [victimsMail] });

    const bare = await apiClient()
      .anonymous()
      .post('/api/v1/auth/verify-email', { token: tokenOf(attackersMail, t.slug) });
    expect(bare.status).toBe(400);
    expect(bare.json.code).toBe('password_required');
    // she opens the attacker's link and types her password: refused, nothing confirmed
    const wrong = await open(attackersMail, t.slug, PASSWORD);
    expect(wrong.status).toBe(400);
    expect(wrong.json.code).toBe('registration_mismatch');
    expect(wrong.json.errors[0]).toMatchObject({ path: 'password', code: 'registration_mismatch' });
    expect((await signIn(t.slug, attacker.password)).status).not.toBe(200);
    // her own link confirms with her password; the attacker's password never works
    expect((await open(victimsMail, t.slug, PASSWORD)).status).toBe(200);
    expect((await signIn(t.slug, attacker.password)).status).toBe(401);
    expect((await signIn(t.slug, PASSWORD)).json.user.company).toBe('Victim AG');
  });

  it('a password reset outranks every link of a registration made before it', async () => {
    const t = await newTenant('takeover5');
    await register(t.slug, victim);
    const victimsMail = await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`) });
    await register(t.slug, attacker); // after hers: a newer registration
    const attackersMail = await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`), notIn: [victimsMail] });
    expect((await open(victimsMail, t.slug, PASSWORD)).status).toBe(200);
    await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/password-reset`, { email: 'vic@v.example' });
    const reset = await waitForMail('vic@v.example', { subject: /reset/i });
    const token = linkIn(reset, `/${t.slug}/reset`).searchParams.get('token');
    expect((await apiClient().anonymous().post('/api/v1/auth/reset-password', { token, password: 'victims-new-password' })).status).toBe(204);
    const late = await open(attackersMail, t.slug, attacker.password);
    expect(late.json.code).toBe('invalid_token');
    expect((await signIn(t.slug, attacker.password)).status).toBe(401);
    expect((await signIn(t.slug, 'victims-new-password')).status).toBe(200);
  });

  it('an unconfirmed registration does not keep the address from an invitation, and its link is worthless after', async () => {
    const t = await newTenant('takeover4');
    await register(t.slug, { ...attacker, email: 'staff@v.example' });
    const mail = await waitForMail('staff@v.example', { subject: new RegExp(`Org ${t.slug}`) });
    expect((await t.admin.post('/api/v1/invitations', { email: 'staff@v.example', role: 'agent' })).status).toBe(202);
    const invitation = await waitForMail('staff@v.example', { subject: /invitation/i });
    const joined = await apiClient()
      .anonymous()
      .post('/api/v1/auth/accept-invitation', { token: linkIn(invitation, `/${t.slug}/invite`).searchParams.get('token'), name: 'Sam', password: PASSWORD });
    expect(joined.status, joined.text).toBe(200);
    const late = await open(mail, t.slug, attacker.password);
    expect(late.json.code).toBe('invalid_token');
    const staff = await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/login`, { email: 'staff@v.example', password: PASSWORD });
    expect(staff.json.user).toMatchObject({ role: 'agent', name: 'Sam' });
  });

  it('an unconfirmed registration cannot be completed by a password reset with the registrant’s details', async () => {
    const t = await newTenant('takeover3');
    await register(t.slug, attacker);
    await waitForMail('vic@v.example', { subject: new RegExp(`Org ${t.slug}`) });
    // the victim never registered but asks for a reset: no link, so nobody's details get confirmed
    expect((await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/password-reset`, { email: 'vic@v.example' })).status).toBe(202);
    const mails = (await mailTo('vic@v.example')).filter((m) => m.subject.includes(`Org ${t.slug}`));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/confirm/i)]);
  });
});

describe('sessions', () => {
  it('a password reset ends every session signed in before, and only that user’s', async () => {
    const t = await newTenant('resetout');
    const victim = await newCustomer(t, 'Vera Victim');
    const other = await newCustomer(t, 'Otto Other');
    const stolen = apiClient().anonymous();
    const login = await stolen.post(`/api/v1/portals/${t.slug}/login`, { email: victim.email, password: PASSWORD });
    expect(login.status).toBe(200);
    await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/password-reset`, { email: victim.email });
    const mail = await waitForMail(victim.email, { subject: /reset/i });
    const token = linkIn(mail, `/${t.slug}/reset`).searchParams.get('token');
    expect((await apiClient().anonymous().post('/api/v1/auth/reset-password', { token, password: 'a-fresh-password-9' })).status).toBe(204);
    expect((await stolen.get('/api/v1/me')).status).toBe(401);
    expect((await victim.client.get('/api/v1/me')).status).toBe(401);
    expect((await other.client.get('/api/v1/me')).status).toBe(200);
    expect((await t.admin.get('/api/v1/me')).status).toBe(200);
  });

  it('signing out ends the session for cookie and bearer alike', async () => {
    const t = await newTenant('out');
    const cust = await newCustomer(t);
    const bearer = apiClient().anonymous();
    const auth = { headers: { authorization: `Bearer ${cust.token}` } };
    expect((await bearer.get('/api/v1/me', auth)).status).toBe(200);
    const out = await cust.client.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(cust.client.cookies.has('hd_session')).toBe(false);
    expect((await bearer.get('/api/v1/me', auth)).status).toBe(401);
  });

  it('an expired session is refused', async () => {
    const t = await newTenant('expired');
    const me = (await t.admin.get('/api/v1/me')).json;
    const { secret, hash } = mintSecret(t.id);
    await putSession(t.id, hash, {
      kind: 'session',
      userId: me.user.id,
      role: 'admin',
      name: me.user.name,
      email: me.user.email,
      createdAt: new Date().toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const r = await apiClient()
      .anonymous()
      .get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('unauthenticated');
  });

  it('a mailed link of one tenant opened on another tenant’s portal is refused and stays usable', async () => {
    const a = await newTenant('linka');
    const b = await newTenant('linkb');
    await b.admin.post('/api/v1/invitations', { email: 'newbie@b.example', role: 'agent' });
    const mail = await waitForMail('newbie@b.example');
    const token = linkIn(mail, `/${b.slug}/invite`).searchParams.get('token');
    const c = apiClient().anonymous();
    const wrong = await c.post('/api/v1/auth/accept-invitation', { token, name: 'N', password: PASSWORD, portal: a.slug });
    expect(wrong.status).toBe(400);
    expect(wrong.json.code).toBe('invalid_token');
    const right = await c.post('/api/v1/auth/accept-invitation', { token, name: 'N', password: PASSWORD, portal: b.slug });
    expect(right.status).toBe(200);
    expect(right.json.tenant.slug).toBe(b.slug);
  });

  it('a token with another tenant’s prefix is worthless', async () => {
    const a = await newTenant('pfxa');
    const b = await newTenant('pfxb');
    const token = a.admin.cookies.get('hd_session')!;
    const forged = `${b.id}.${token.split('.')[1]}`;
    expect(
      (
        await apiClient()
          .anonymous()
          .get('/api/v1/me', { headers: { authorization: `Bearer ${forged}` } })
      ).status,
    ).toBe(401);
  });
});
