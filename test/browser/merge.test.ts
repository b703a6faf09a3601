/**
 * Duplicates (issue 8, K16) in the browser, in German on a 375 px phone and in English on a
 * 1280 px desktop: the customer asked the same thing twice; the coordinator sees the suggestion
 * on the second request, merges it into the first through the dialog (with a preview of the
 * ticket to keep), and lands there with the moved messages marked; the customer's old request
 * shows where the conversation went, takes no more replies, and links to the ticket it went to.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-merge';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    suggestions: 'Mögliche Duplikate',
    mergeInto: (n: number) => `In #${n} zusammenführen…`,
    submit: (from: number, into: number) => `#${from} in #${into} zusammenführen`,
    from: (n: number) => `aus #${n}`,
    mergedInto: (n: number) => `Dieses Ticket wurde in #${n} zusammengeführt`,
    goTo: (n: number) => `Zu #${n}`,
    reply: 'Antworten',
  },
  en: {
    suggestions: 'Possible duplicates',
    mergeInto: (n: number) => `Merge into #${n}…`,
    submit: (from: number, into: number) => `Merge #${from} into #${into}`,
    from: (n: number) => `from #${n}`,
    mergedInto: (n: number) => `This ticket was merged into #${n}`,
    goTo: (n: number) => `Go to #${n}`,
    reply: 'Reply',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('merging a duplicate', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];
  const as = async (client: { cookies: Map<string, string> }): Promise<Page> => (await signedInPage(browser(), v, client)).page;

  it('the coordinator sees the suggestion and merges; the customer’s old request points to the ticket it went into', { timeout: 180_000 }, async () => {
    const t = await newTenant(`merge-${lang}`, lang);
    const coordinator = await newStaff(t, 'coordinator', 'Clara Koordinatorin');
    const cora = await newCustomer(t, 'Cora Kundin');
    const open = async (subject: string, description: string) =>
      (await cora.client.post('/api/v1/tickets', { subject, description })).json.ticket.number as number;
    const first = await open('Printer prints streaks', 'Grey streaks on every page');
    const second = await open('Printer prints streaks!', 'Still grey streaks');
    expect((await cora.client.post(`/api/v1/tickets/${second}/messages`, { body: 'Now it also jams' })).status).toBe(201);

    const c = await as(coordinator.client);
    let page: Page = c;
    try {
      // the second request suggests the first; the dialog opens with it and previews it
      await c.goto(`/${t.slug}/agent/tickets/${second}`);
      const banner = await seen(c.getByRole('region', { name: T.suggestions }));
      expect(await banner.innerText()).toContain(`#${first}`);
      expect(await overflowsSideways(c)).toBe(false);
      expect(await axeViolations(c)).toEqual([]);
      await banner.getByRole('button', { name: T.mergeInto(first) }).click();
      await seen(c.getByTestId('merge-preview').filter({ hasText: `#${first} Printer prints streaks` }));
      expect(await c.locator('#into').inputValue()).toBe(String(first));
      expect(await overflowsSideways(c)).toBe(false);
      expect(await axeViolations(c)).toEqual([]);
      await shot(c, `merge-${lang}-${width}-dialog`, SHOTS);
      await c.getByRole('button', { name: T.submit(second, first) }).click();

      // it lands on the ticket kept: the moved request and reply are there, marked
      await c.waitForURL(`**/${t.slug}/agent/tickets/${first}`);
      const moved = await seen(c.getByTestId('message').filter({ hasText: 'Now it also jams' }));
      expect(await moved.innerText()).toContain(T.from(second));
      await seen(c.getByTestId('message').filter({ hasText: 'Still grey streaks' }));
      expect(await c.getByRole('region', { name: T.suggestions }).count()).toBe(0);
      await shot(c, `merge-${lang}-${width}-target`, SHOTS);

      // the customer's old request says where it went, takes no reply, and links there
      const k = await as(cora.client);
      page = k;
      await k.goto(`/${t.slug}/tickets/${second}`);
      const pointer = await seen(k.getByTestId('merged-into'));
      expect(await pointer.innerText()).toContain(T.mergedInto(first));
      expect(await k.getByRole('heading', { name: T.reply, exact: true }).count()).toBe(0);
      expect(await overflowsSideways(k)).toBe(false);
      expect(await axeViolations(k)).toEqual([]);
      await shot(k, `merge-${lang}-${width}-customer`, SHOTS);
      await pointer.getByRole('link', { name: T.goTo(first) }).click();
      await k.waitForURL(`**/${t.slug}/tickets/${first}`);
      await seen(k.getByTestId('message').filter({ hasText: 'Now it also jams' }));
      for (const u of v.users) expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(page, `merge-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
