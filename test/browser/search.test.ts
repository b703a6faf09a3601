/**
 * Search and deflection in the browser (issue 9, Q5 and Q7), in German on a 375 px phone and in
 * English on a 1280 px desktop: a customer typing a new request sees the matching FAQ entry
 * appear (no focus taken from the field) and clicks "this solved it": a thank-you, no request
 * opened; a staff member searches from the header, filters to tickets and opens one from a
 * hit, and the workspace's text filter finds a ticket by a word of its description across the
 * whole list; a customer's search finds their own request and the public FAQ, never another
 * customer's request. Every page passes axe (WCAG 2.1 AA) and fits the screen.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, launchBrowser, newUser, openMenu, overflowsSideways, poll, seen, shot, type User } from './browser.ts';
import { TEXTS as BASE } from './texts.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-search';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    subject: 'Betreff',
    description: 'Beschreibung',
    suggestedTitle: 'Vielleicht beantwortet das schon Ihre Frage',
    solvedFor: (title: string) => `Das hat mein Problem gelöst: ${title}`,
    thanks: 'Danke! Schön, dass es geholfen hat – es wurde keine Anfrage eröffnet.',
    searchTitle: 'Suche',
    search: 'Suchen',
    tickets: 'Tickets',
    count: (n: number) => `${n} Treffer`,
    filterText: 'Text suchen',
  },
  en: {
    subject: 'Subject',
    description: 'Description',
    suggestedTitle: 'Maybe this already answers your question',
    solvedFor: (title: string) => `This solved it: ${title}`,
    thanks: 'Thank you! Glad it helped — no request was opened.',
    searchTitle: 'Search',
    search: 'Search',
    tickets: 'Tickets',
    count: (n: number) => `${n} results`,
    filterText: 'Search text',
  },
} as const;

const POLL = { timeout: 20_000, interval: 100 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  { lang: 'de' as const, width: 375, height: 740 },
  { lang: 'en' as const, width: 1280, height: 800 },
])('search and deflection in $lang at $width px', ({ lang, width, height }) => {
  const T = TEXTS[lang];
  const B = BASE[lang];
  const users: User[] = [];
  afterAll(async () => {
    for (const u of users) await u.context.close();
  });

  /** A browser context signed in with an API client's session. */
  async function as(client: { cookies: Map<string, string> }): Promise<Page> {
    const u = await newUser(browser, { width, height, locale: lang === 'de' ? 'de-DE' : 'en-GB', baseURL: baseUrl });
    users.push(u);
    await u.context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    return u.page;
  }

  async function fits(page: Page, name: string) {
    await shot(page, `${name}-${lang}-${width}`, SHOTS);
    expect(await axeViolations(page), name).toEqual([]);
    expect(await overflowsSideways(page), name).toBe(false);
  }

  const FAQ = lang === 'de' ? 'Der Netzwerkdrucker druckt nicht' : 'The network printer does not print';
  const ANSWER = lang === 'de' ? '<p>Schalten Sie den Drucker aus und wieder ein.</p>' : '<p>Switch the printer off and on again.</p>';
  const ANSWER_TEXT = ANSWER.replace(/<\/?p>/g, '');

  let slug: string;
  let agent: Awaited<ReturnType<typeof newStaff>>;
  let cora: Awaited<ReturnType<typeof newCustomer>>;
  let nils: Awaited<ReturnType<typeof newCustomer>>;
  let coraTicket: number;
  let nilsTicket: number;

  beforeAll(async () => {
    const t = await newTenant(`search-${lang}`, lang);
    slug = t.slug;
    [agent, cora, nils] = await Promise.all([newStaff(t, 'agent', 'Arne Agent'), newCustomer(t, 'Cora Kundin'), newCustomer(t, 'Nils Nachbar')]);
    expect((await agent.client.post('/api/v1/faqs', { question: FAQ, answer: ANSWER })).status).toBe(201);
    const open = async (who: UserClient, subject: string, description: string) =>
      (await who.post('/api/v1/tickets', { subject, description })).json.ticket.number as number;
    coraTicket = await open(cora.client, 'Scanner Fehler', 'Der Scanner meldet Kalibrierfehler seit dem Update');
    nilsTicket = await open(nils.client, 'Scanner geheim', 'Nils’ Scanner meldet Kalibrierfehler auch');
    // the index follows the change stream
    await vi.waitFor(async () => expect((await agent.client.get('/api/v1/search?q=Kalibrierfehler')).json.items).toHaveLength(2), POLL);
    await vi.waitFor(async () => expect((await cora.client.get(`/api/v1/search?kinds=faq&q=${encodeURIComponent(FAQ)}`)).json.items).toHaveLength(1), POLL);
  }, 120_000);

  it('a customer types a request, sees the matching FAQ entry and clicks "this solved it": nothing is opened', { timeout: 120_000 }, async () => {
    const page = await as(cora.client);
    await page.goto(`/${slug}/new`);
    const subject = await seen(page.getByLabel(T.subject, { exact: true }));
    await subject.click();
    await subject.pressSequentially(lang === 'de' ? 'Drucker druckt' : 'printer does not print', { delay: 20 });
    const suggestion = page.getByTestId('suggested-answer').filter({ hasText: FAQ });
    await seen(suggestion);
    // the suggestion appears beside the field: the cursor stays where the customer types
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('subject');
    await seen(page.getByRole('heading', { name: T.suggestedTitle }));
    await fits(page, 'new-request-suggestions');

    await suggestion.getByRole('button', { name: T.solvedFor(FAQ) }).click();
    await seen(page.getByTestId('deflect-thanks').getByText(T.thanks));
    await fits(page, 'new-request-solved');
    expect((await cora.client.get('/api/v1/tickets')).json.items.map((x: { number: number }) => x.number)).toEqual([coraTicket]);
  });

  it('a staff member searches from the header, narrows to tickets and opens one from a hit', { timeout: 120_000 }, async () => {
    const page = await as(agent.client);
    await page.goto(`/${slug}/agent`);
    await seen(page.getByTestId('ticket-row').first());
    await openMenu(page, B);
    await page.locator('#header-search-q').fill('Kalibrierfehler');
    await page.locator('#header-search-q').press('Enter');
    await seen(page.getByRole('heading', { name: T.searchTitle, level: 1 }));
    await poll(() => page.getByTestId('search-hit').count(), 15_000).toBe(2);
    await poll(() => page.getByTestId('search-status').innerText()).toBe(T.count(2));
    // the matched word is marked in the snippet
    expect(await page.getByTestId('search-hit').first().locator('mark').first().innerText()).toMatch(/kalibrierfehler/i);
    await page.getByRole('button', { name: T.tickets, exact: true }).click();
    await poll(() => page.url()).toContain('kinds=ticket');
    await fits(page, 'staff-search');

    await page
      .getByTestId('search-hit')
      .getByRole('link', { name: new RegExp(`#${coraTicket} `) })
      .click();
    await poll(() => new URL(page.url()).pathname).toBe(`/${slug}/agent/tickets/${coraTicket}`);
  });

  it('the workspace’s text filter finds a ticket by a word of its description across the whole list', { timeout: 120_000 }, async () => {
    const page = await as(agent.client);
    await page.goto(`/${slug}/agent?tab=all`);
    await seen(page.getByTestId('ticket-row').first());
    await page.getByLabel(T.filterText, { exact: true }).fill('Update');
    await poll(() => page.getByTestId('ticket-row').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.number)))).toEqual([coraTicket]);
    await fits(page, 'worklist-text-search');
    await page.getByLabel(T.filterText, { exact: true }).fill('');
    await poll(() => page.getByTestId('ticket-row').count()).toBe(2);
  });

  it('a customer’s search finds their own request and the FAQ entry, never another customer’s request', { timeout: 120_000 }, async () => {
    const page = await as(cora.client);
    await page.goto(`/${slug}/search?q=${encodeURIComponent('Kalibrierfehler')}`);
    await poll(() => page.getByTestId('search-hit').count(), 15_000).toBe(1);
    const hit = page.getByTestId('search-hit').first();
    expect(await hit.getAttribute('data-kind')).toBe('ticket');
    expect(await hit.getByRole('link').getAttribute('href')).toBe(`/${slug}/tickets/${coraTicket}`);
    expect(await page.locator('main').innerText()).not.toContain('geheim');
    expect(await page.locator('main').innerText()).not.toContain(`#${nilsTicket}`);

    // type-ahead: the results follow the field
    const field = page.locator('#search-q');
    await field.fill('');
    await field.pressSequentially(lang === 'de' ? 'Netzwerkdruck' : 'network print', { delay: 20 });
    await poll(() => page.getByTestId('search-hit').filter({ hasText: FAQ }).count(), 15_000).toBe(1);
    expect(await page.getByTestId('search-hit').filter({ hasText: FAQ }).getAttribute('data-kind')).toBe('faq');
    await fits(page, 'customer-search');

    // the hit opens the FAQ with that entry's answer open
    await page.getByTestId('search-hit').filter({ hasText: FAQ }).getByRole('link').click();
    const entry = page.getByTestId('faq-entry').filter({ hasText: FAQ });
    await poll(() => entry.evaluate((d) => (d as HTMLDetailsElement).open), 15_000).toBe(true);
    expect(await entry.innerText()).toContain(ANSWER_TEXT);
  });
});
