/**
 * The language follows the account, not the device: a German-speaking customer of an English
 * portal signs in on a fresh English browser and sees German; switching to English there is kept
 * on the account, so the next fresh browser shows English. 1280 px.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 * Screenshots: test-results/browser-language/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCustomer, newTenant, PASSWORD } from '../support/tenants.ts';
import { launchBrowser, newUser, seen, shot, type User } from './browser.ts';
import { TEXTS } from './texts.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-language';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh browser (no earlier choice on it) that signs `email` in on the portal's start page. */
async function signInFresh(slug: string, email: string, expectHeading: string): Promise<User> {
  const u = await newUser(browser, { width: 1280, height: 800, locale: 'en-GB', baseURL: baseUrl });
  const p = u.page;
  await p.goto(`/${slug}/`);
  await seen(p.getByRole('heading', { level: 1, name: TEXTS.en.signInTitle }));
  const form = p.getByRole('main');
  await form.getByLabel(TEXTS.en.email, { exact: true }).fill(email);
  await form.getByLabel(TEXTS.en.password, { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: TEXTS.en.signInSubmit, exact: true }).click();
  await seen(p.getByRole('heading', { level: 1, name: expectHeading }));
  return u;
}

describe('the language of a signed-in user', () => {
  it('is the account’s on every device, and a switch is kept on the account', { timeout: 90_000 }, async () => {
    const tenant = await newTenant('lang-ui');
    expect((await tenant.admin.patch('/api/v1/tenant', { defaultLanguage: 'en' })).status).toBe(200);
    const berta = await newCustomer(tenant, 'Berta Deutsch');
    expect((await berta.client.patch('/api/v1/me', { language: 'de' })).status).toBe(200);

    const users: User[] = [];
    try {
      const first = await signInFresh(tenant.slug, berta.email, TEXTS.de.myRequests);
      users.push(first);
      await shot(first.page, 'german-on-an-english-browser', SHOTS);
      await first.page.getByRole('button', { name: 'EN', exact: true }).click();
      await seen(first.page.getByRole('heading', { level: 1, name: TEXTS.en.myRequests }));
      // kept on the account: the API says so, and a fresh browser shows it
      await expect.poll(async () => (await berta.client.get('/api/v1/me')).json.user.language).toBe('en');
      const second = await signInFresh(tenant.slug, berta.email, TEXTS.en.myRequests);
      users.push(second);
      for (const u of users) expect(u.errors, 'errors in the page').toEqual([]);
    } catch (e) {
      for (const u of users) await shot(u.page, 'FAILED', SHOTS).catch(() => {});
      throw e;
    } finally {
      for (const u of users) await u.context.close().catch(() => {});
    }
  });
});
