/**
 * The agent workspace's first paint does not wait for what is not needed for it: the tab counts
 * (several COUNT queries) come after the list, and the tabs keep their place when they do; a long
 * list is complete once shown, although its rows below the first screen are rendered after the
 * first paint.
 *
 * The counts' answer is held back in the browser (the request reaches the real API only once the
 * test lets it go), so "the list is there before the counts" is an observation, not a race.
 * English on a 375 px phone, where the tabs wrap onto several lines.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 * Screenshots: test-results/browser-worklist/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCustomer, newTenant } from '../support/tenants.ts';
import { launchBrowser, newUser, poll, rowNumbers, seen, shot, type User } from './browser.ts';
import { TEXTS } from './texts.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-worklist';
const T = TEXTS.en;
// more than the rows of the first paint (TicketTable), fewer than a page
const TICKETS = 40;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  await browser?.close();
});

describe('the agent workspace', () => {
  it(
    'shows the list before the tab counts arrive, keeps the tabs in place when they come, and shows every row of a long list',
    { timeout: 120_000 },
    async () => {
      const tenant = await newTenant('worklist', 'en');
      const other = await newTenant('worklist-other', 'en');
      // two requesters: a customer may open 30 requests an hour
      const customers = [await newCustomer(tenant, 'Lena Longlist'), await newCustomer(tenant, 'Lars Longlist')];
      const stranger = await newCustomer(other, 'Otto Other');
      for (let i = 0; i < TICKETS; i += 10) {
        const made = await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            customers[(i / 10) % 2]!.client.post('/api/v1/tickets', { subject: `Long list ${i + j + 1}`, description: 'x' }),
          ),
        );
        for (const r of made) expect(r.status, r.text).toBe(201);
      }
      // another tenant's ticket counts nowhere here
      expect((await stranger.client.post('/api/v1/tickets', { subject: 'Elsewhere', description: 'x' })).status).toBe(201);
      const list = await tenant.admin.get('/api/v1/tickets', { query: { view: 'new' } });
      expect(list.status, list.text).toBe(200);
      const order = (list.json.items as { number: number }[]).map((x) => x.number);
      expect(order).toHaveLength(TICKETS);

      let u: User | undefined;
      try {
        u = await newUser(browser, { width: 375, height: 740, locale: 'en-GB', baseURL: baseUrl });
        const p = u.page;
        await u.context.addCookies([...tenant.admin.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
        // the counts' answer waits until the test releases it
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        await p.route('**/api/v1/tickets/counts', async (route) => {
          await held;
          await route.continue();
        });

        await p.goto(`/${tenant.slug}/agent`);
        // the list is there while the counts are still on their way: no numbers on the tabs yet
        await seen(p.getByRole('heading', { level: 1, name: T.workspace }));
        await seen(p.getByTestId('ticket-row').first());
        await seen(p.getByText(T.count(TICKETS, TICKETS), { exact: true }));
        expect(await p.locator('[data-testid^="count-"]').count()).toBe(0);
        const tabs = p.locator('[data-testid^="tab-"]');
        const boxes = () => tabs.evaluateAll((links) => links.map((l) => JSON.stringify(l.getBoundingClientRect())));
        const before = await boxes();
        await shot(p, 'counts-pending', SHOTS);

        // the counts come: each tab shows its number, and no tab moved
        release();
        await poll(() => p.getByTestId('count-new').innerText()).toMatch(new RegExp(`^${TICKETS}\\b`));
        await poll(() => p.getByTestId('count-to_accept').innerText()).toMatch(new RegExp(`^${TICKETS}\\b`));
        expect(await boxes()).toEqual(before);
        await shot(p, 'counts-shown', SHOTS);

        // every ticket of the page is in the list, in the server's order
        await poll(() => rowNumbers(p)).toEqual(order);
        expect(u.errors, 'errors in the page').toEqual([]);
      } catch (e) {
        if (u) await shot(u.page, 'FAILED', SHOTS).catch(() => {});
        throw e;
      } finally {
        await u?.context.close();
      }
    },
  );
});
