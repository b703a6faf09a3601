/**
 * Ticket lists longer than a page, as a customer sees "My requests": the first page, a visible
 * "more available" state (also while filtering), and "Load more" appending the next pages in
 * the server's order, without duplicates, until the control disappears.
 *
 * The list is opened with a small page size (`?limit=3`, passed through to the API) so a few
 * tickets are enough. English on a 1280 px desktop; the texts exist in German too.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 * Screenshots: test-results/browser-paging/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCustomer, newTenant, PASSWORD } from '../support/tenants.ts';
import { launchBrowser, newUser, poll, rowNumbers, seen, shot, type User } from './browser.ts';
import { TEXTS } from './texts.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-paging';
const T = TEXTS.en;
const PAGE = 3;
const TICKETS = 7;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  await browser?.close();
});

describe('paged ticket lists', () => {
  it('"My requests" shows the first page and loads the rest on request', { timeout: 90_000 }, async () => {
    const tenant = await newTenant('paging');
    const lang = await tenant.admin.patch('/api/v1/tenant', { defaultLanguage: 'en' });
    expect(lang.status, lang.text).toBe(200);
    const customer = await newCustomer(tenant, 'Paula Pager');
    const made = await Promise.all(
      Array.from({ length: TICKETS }, (_, i) => customer.client.post('/api/v1/tickets', { subject: `Paged request ${i + 1}`, description: 'x' })),
    );
    for (const r of made) expect(r.status, r.text).toBe(201);
    // the whole list in the server's order (newest first), in one page
    const all = await customer.client.get('/api/v1/tickets', { query: { view: 'mine' } });
    expect(all.status, all.text).toBe(200);
    expect(all.json.nextCursor).toBeUndefined();
    const order = (all.json.items as { number: number }[]).map((x) => x.number);
    expect(order).toHaveLength(TICKETS);

    let u: User | undefined;
    try {
      u = await newUser(browser, { width: 1280, height: 800, locale: 'en-GB', baseURL: baseUrl });
      const p = u.page;
      const loadMore = p.getByRole('button', { name: T.loadMore, exact: true });
      const more = p.getByTestId('more-available');

      // sign in on the list's own address: the page size stays
      await p.goto(`/${tenant.slug}/?limit=${PAGE}`);
      await seen(p.getByRole('heading', { level: 1, name: T.signInTitle }));
      const form = p.getByRole('main');
      await form.getByLabel(T.email, { exact: true }).fill(customer.email);
      await form.getByLabel(T.password, { exact: true }).fill(PASSWORD);
      await form.getByRole('button', { name: T.signInSubmit, exact: true }).click();
      await seen(p.getByRole('heading', { level: 1, name: T.myRequests }));

      // the first page, and the list says it is not complete
      await poll(() => rowNumbers(p)).toEqual(order.slice(0, PAGE));
      await seen(p.getByText(T.countMore(PAGE, PAGE), { exact: true }));
      expect((await more.innerText()).trim()).toBe(T.moreAvailable(PAGE));
      await seen(loadMore);
      await shot(p, 'first-page', SHOTS);

      // filtering works on what is loaded and still tells that more exist
      await p.getByLabel(T.filterStatus, { exact: true }).selectOption({ label: T.statusSolved });
      await seen(p.getByText(T.emptyFilteredMore, { exact: true }));
      await seen(more);
      await seen(loadMore);
      await p.getByRole('button', { name: T.clearFilters }).click();
      await poll(() => rowNumbers(p)).toEqual(order.slice(0, PAGE));

      // each click appends the next page in order; the last one removes the control
      await loadMore.click();
      await poll(() => rowNumbers(p)).toEqual(order.slice(0, 2 * PAGE));
      expect((await more.innerText()).trim()).toBe(T.moreAvailable(2 * PAGE));
      await loadMore.click();
      await poll(() => rowNumbers(p)).toEqual(order);
      await seen(p.getByText(T.count(TICKETS, TICKETS), { exact: true }));
      expect(await loadMore.count()).toBe(0);
      expect(await more.count()).toBe(0);
      expect(new Set(await rowNumbers(p)).size).toBe(TICKETS);
      // the keyboard stays near what was added: the first ticket of the last page
      expect(await p.evaluate(() => document.activeElement?.closest('[data-testid="ticket-row"]')?.getAttribute('data-number'))).toBe(String(order[2 * PAGE]));
      await shot(p, 'all-loaded', SHOTS);

      // with everything loaded, a filter with no match says so plainly
      await p.getByLabel(T.filterStatus, { exact: true }).selectOption({ label: T.statusSolved });
      await seen(p.getByText(T.emptyFiltered, { exact: true }));

      expect(u.errors, 'errors in the page').toEqual([]);
    } catch (e) {
      if (u) await shot(u.page, 'FAILED', SHOTS).catch(() => {});
      throw e;
    } finally {
      await u?.context.close().catch(() => {});
    }
  });
});
