/**
 * A user's language lives on the account: chosen on the form, else the browser's
 * Accept-Language, else the portal's; changed by the user, it follows them to every page and mail.
 */
import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { linkIn, waitForMail } from '../support/mail.ts';
import { newCustomer, newTenant, PASSWORD } from '../support/tenants.ts';

describe('a new account’s language', () => {
  it('is the browser’s when the registration names none, for its mails and its pages', async () => {
    const t = await newTenant('lang-a'); // the portal speaks English
    const email = `berta.${Date.now()}@customer.example`;
    const berta = apiClient().as(`berta-${email}`);
    const r = await berta.post(
      `/api/v1/portals/${t.slug}/register`,
      { name: 'Berta', email, password: PASSWORD },
      { headers: { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' } },
    );
    expect(r.status, r.text).toBe(202);
    const mail = await waitForMail(email, { subject: /bestätigen/i });
    const v = await berta.post('/api/v1/auth/verify-email', { token: linkIn(mail, `/${t.slug}/verify`).searchParams.get('token'), password: PASSWORD });
    expect(v.status, v.text).toBe(200);
    expect(v.json.user.language).toBe('de');
  });

  it('is the portal’s when neither the form nor the browser names one of ours', async () => {
    const t = await newTenant('lang-b');
    const r = await t.admin.patch('/api/v1/tenant', { defaultLanguage: 'de' });
    expect(r.status, r.text).toBe(200);
    const email = `pierre.${Date.now()}@customer.example`;
    const pierre = apiClient().as(`pierre-${email}`);
    await pierre.post(`/api/v1/portals/${t.slug}/register`, { name: 'Pierre', email, password: PASSWORD }, { headers: { 'accept-language': 'fr-FR,fr' } });
    await waitForMail(email, { subject: /bestätigen/i });
  });
});

describe('changing one’s language', () => {
  it('is kept on the account: every later mail and session speaks it, and nobody else’s changes', async () => {
    const t = await newTenant('lang-c');
    const other = await newTenant('lang-d');
    const cora = await newCustomer(t, 'Cora Wechsel');
    const nils = await newCustomer(t, 'Nils Bleibt');
    const olaf = await newCustomer(other, 'Cora Wechsel');
    const before = (await cora.client.get('/api/v1/me')).json.user.language;

    const r = await cora.client.patch('/api/v1/me', { language: 'de' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.user.language).toBe('de');
    // a new sign-in (another device) finds it on the account
    const again = apiClient().as(`cora-again-${cora.email}`);
    const login = await again.post(`/api/v1/portals/${t.slug}/login`, { email: cora.email, password: PASSWORD });
    expect(login.json.user.language).toBe('de');
    // and the product writes to her in it
    const created = await cora.client.post('/api/v1/tickets', { subject: 'Sprache', description: 'Bitte auf Deutsch' });
    expect(created.status, created.text).toBe(201);
    const ack = await waitForMail(cora.email, { subject: `[#${created.json.ticket.number}]` });
    expect(ack.body.text).toContain('erhalten');

    expect(before).not.toBe('de');
    expect((await nils.client.get('/api/v1/me')).json.user.language).toBe(before);
    expect((await olaf.client.get('/api/v1/me')).json.user.language).toBe(before);
  });

  it('refuses an unknown language or an empty change, changing nothing', async () => {
    const t = await newTenant('lang-e');
    const cora = await newCustomer(t);
    const before = (await cora.client.get('/api/v1/me')).json.user.language;
    for (const body of [{}, { language: 'fr' }]) {
      const r = await cora.client.patch('/api/v1/me', body);
      expect(r.status, r.text).toBe(400);
      expect(r.json.code).toBe('validation_failed');
    }
    expect((await cora.client.get('/api/v1/me')).json.user.language).toBe(before);
  });

  it('needs a session', async () => {
    const r = await apiClient().as('nobody').patch('/api/v1/me', { language: 'de' });
    expect(r.status).toBe(401);
  });
});
