/**
 * The knowledge base (issue 9, Q2) through the real UI, in German on a 375 px phone and in
 * English on a 1280 px desktop: an agent turns a solved ticket into an article ("To knowledge
 * base" on the ticket's page), finds it prefilled from problem and solution without the
 * customer's name, phone or address, linked to its origin ticket, puts a picture into the text
 * (shown in the editor at once and again after saving, stored as a reference), adds a screenshot, and asks
 * for a review; a colleague finds it in review and publishes it; the customer reads it in the
 * portal's knowledge base, with the screenshot and without the origin. Every page passes axe-core's WCAG 2.1 AA rules and nothing spills
 * sideways.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PNG } from '../support/files.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, navTo, overflowsSideways, poll, seen, shot, signedInPage, useBrowser, type User } from './browser.ts';
import { TEXTS as COMMON } from './texts.ts';

const SHOTS = 'test-results/browser-articles';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    toKb: 'In die Wissensdatenbank',
    kb: 'Wissensdatenbank',
    staffTitle: 'Artikel der Wissensdatenbank',
    edit: (title: string) => `Bearbeiten: ${title}`,
    origin: 'Ursprung',
    ticket: (n: number) => `Ticket #${n}`,
    text: 'Text',
    tags: 'Schlagwörter',
    save: 'Speichern',
    saved: (title: string) => `„${title}“ gespeichert.`,
    toReview: 'Prüfung anfordern',
    inReview: (title: string) => `„${title}“ wartet auf Prüfung.`,
    ownReview: 'Sie haben diesen Artikel geschrieben: Eine Kollegin oder ein Kollege muss ihn prüfen und veröffentlichen.',
    status: 'Status',
    review: 'In Prüfung',
    publish: 'Veröffentlichen',
    published: (title: string) => `„${title}“ ist veröffentlicht.`,
    subject: 'Drucker druckt nur leere Seiten',
    description: 'Seit heute kommen nur leere Seiten heraus. Rückruf bitte unter 0171 2345678.\n\nViele Grüße\nPetra Müller',
    answer: 'Guten Tag Frau Müller,\nbitte die Schutzfolie von der neuen Tonerkartusche abziehen.',
    solution: 'Schutzfolie der Tonerkartusche war nicht entfernt.',
  },
  en: {
    toKb: 'To knowledge base',
    kb: 'Knowledge base',
    staffTitle: 'Knowledge base articles',
    edit: (title: string) => `Edit: ${title}`,
    origin: 'Origin',
    ticket: (n: number) => `Ticket #${n}`,
    text: 'Text',
    tags: 'Tags',
    save: 'Save',
    saved: (title: string) => `“${title}” saved.`,
    toReview: 'Request review',
    inReview: (title: string) => `“${title}” is waiting for review.`,
    ownReview: 'You wrote this article: a colleague has to review and publish it.',
    status: 'Status',
    review: 'In review',
    publish: 'Publish',
    published: (title: string) => `“${title}” is published.`,
    subject: 'Printer prints only blank pages',
    description: 'Since today only blank pages come out. Please call me back on 0171 2345678.\n\nKind regards,\nPetra Müller',
    answer: 'Hello Ms Müller,\nplease pull the protective film off the new toner cartridge.',
    solution: 'The toner cartridge still had its protective film on.',
  },
} as const;

const browser = useBrowser(SHOTS);

/** Axe and the width, on every page a user ends on. */
async function checkPage(p: Page, u: User, name: string): Promise<void> {
  await shot(p, name, SHOTS);
  expect(await axeViolations(p)).toEqual([]);
  expect(await overflowsSideways(p)).toBe(false);
  expect(u.errors).toEqual([]);
}

forEachViewport('the knowledge base', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];
  const C = COMMON[lang];

  it('an agent turns a solved ticket into an article, a colleague publishes it, the customer reads it', { timeout: 120_000 }, async () => {
    const t = await newTenant(`kb-${lang}`, lang);
    const [author, reviewer] = await Promise.all([newStaff(t, 'agent', 'Arne Author'), newStaff(t, 'agent', 'Rita Reviewer')]);
    const customer = await newCustomer(t, 'Petra Müller');
    for (const c of [author.client, reviewer.client, customer.client]) expect((await c.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const ticket = await customer.client.post('/api/v1/tickets', { subject: T.subject, description: T.description });
    const number = ticket.json.ticket.number as number;
    expect((await t.admin.post(`/api/v1/tickets/${number}/messages`, { body: T.answer })).status).toBe(201);
    expect((await t.admin.post(`/api/v1/tickets/${number}/close`, { resolution: 'solved', solution: T.solution })).status).toBe(200);

    // the author: the solved ticket's page, "To knowledge base", the prefilled draft with its origin
    const a = await signedInPage(browser(), v, author.client);
    let p = a.page;
    try {
      await p.goto(`/${t.slug}/agent/tickets/${number}`);
      await p.getByRole('button', { name: T.toKb }).click();
      await seen(p.getByRole('heading', { level: 1, name: T.edit(T.subject) }));
      const body = p.getByRole('textbox', { name: T.text, exact: true });
      await seen(body);
      const text = await body.innerText();
      expect(text).toContain(T.solution);
      expect(text).toContain(lang === 'de' ? 'Schutzfolie von der neuen Tonerkartusche' : 'protective film off the new toner cartridge');
      for (const personal of ['Petra', 'Müller', '0171']) expect(text).not.toContain(personal);
      const origin = p.getByTestId('article-origin');
      await seen(origin.getByRole('heading', { name: T.origin }));
      expect(await origin.getByRole('link', { name: T.ticket(number) }).getAttribute('href')).toBe(`/${t.slug}/agent/tickets/${number}`);
      expect(await origin.innerText()).toContain('Petra Müller');
      // a picture goes into the text where the caret is, and shows there at once
      await body.click();
      await p.keyboard.press('Control+End');
      await p.getByTestId('editor-image-input').setInputFiles([{ name: 'film.png', mimeType: 'image/png', buffer: Buffer.from(PNG) }]);
      const inEditor = body.locator('img[alt="film.png"]');
      await poll(() => inEditor.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      // a screenshot of the fix goes with it
      await p.locator('#article-files').setInputFiles([{ name: 'toner.png', mimeType: 'image/png', buffer: Buffer.from(PNG) }]);
      await poll(() => p.locator('[data-testid=upload][data-state=done]').count()).toBe(2);
      await p.locator('#article-tags').fill(lang === 'de' ? 'Drucker, Toner' : 'Printer, Toner');
      await p.getByRole('button', { name: T.save, exact: true }).click();
      await seen(p.getByRole('status').filter({ hasText: T.saved(T.subject) }));
      // after saving, the editor (opened again on the saved article, which lists its files) shows the stored
      // picture from a download address; the text keeps only its reference
      await seen(p.getByRole('checkbox', { name: /film\.png/ }));
      const saved = body.locator('img[alt="film.png"]');
      await poll(() => saved.evaluate((img: HTMLImageElement) => (img.src.startsWith('blob:') ? 0 : img.complete && img.naturalWidth))).toBeGreaterThan(0);
      const stored = (await author.client.get(`/api/v1/articles/${new URL(p.url()).pathname.split('/').at(-1)}`)).json.body as string;
      expect(stored).toMatch(/<img data-attachment-id="[\w-]+" alt="film.png" ?\/?>/);
      await p.getByRole('button', { name: T.toReview }).click();
      await seen(p.getByRole('status').filter({ hasText: T.inReview(T.subject) }));
      // the author cannot publish it: the page says who has to
      await seen(p.getByText(T.ownReview));
      await checkPage(p, a, `author-${lang}-${width}`);
    } catch (err) {
      await shot(p, `author-${lang}-${width}-failure`, SHOTS);
      throw err;
    }

    // the reviewer: the knowledge base in the workspace, articles in review, publish
    const r = await signedInPage(browser(), v, reviewer.client);
    p = r.page;
    try {
      await p.goto(`/${t.slug}/agent`);
      await seen(p.getByRole('heading', { level: 1 }));
      await navTo(p, C, T.kb);
      await seen(p.getByRole('heading', { level: 1, name: T.staffTitle }));
      await p.getByLabel(T.status, { exact: true }).selectOption({ label: T.review });
      await p.getByRole('link', { name: T.subject }).click();
      await seen(p.getByRole('heading', { level: 1, name: T.edit(T.subject) }));
      await p.getByRole('button', { name: T.publish, exact: true }).click();
      await seen(p.getByRole('status').filter({ hasText: T.published(T.subject) }));
      expect(await p.getByTestId('article-reviewer').innerText()).toContain('Rita Reviewer');
      await checkPage(p, r, `reviewer-${lang}-${width}`);
    } catch (err) {
      await shot(p, `reviewer-${lang}-${width}-failure`, SHOTS);
      throw err;
    }

    // the customer: the portal's knowledge base, the article, no origin and none of her data
    const c = await signedInPage(browser(), v, customer.client);
    p = c.page;
    try {
      await p.goto(`/${t.slug}/`);
      await seen(p.getByRole('heading', { level: 1 }));
      await navTo(p, C, T.kb);
      await seen(p.getByRole('heading', { level: 1, name: T.kb }));
      await checkPage(p, c, `customer-list-${lang}-${width}`);
      await p.getByRole('link', { name: T.subject }).click();
      await seen(p.getByRole('heading', { level: 1, name: T.subject }));
      expect(await p.getByTestId('article-body').innerText()).toContain(T.solution);
      expect(await p.getByTestId('article-origin').count()).toBe(0);
      // the screenshot shows as a thumbnail, loaded from a download address the customer may use
      await poll(() => p.getByTestId('thumbnail').count()).toBe(2);
      expect(await p.getByTestId('thumbnail').evaluateAll((els) => els.map((e) => e.getAttribute('alt')).sort())).toEqual(['film.png', 'toner.png']);
      // the picture in the text shows in its place
      const inline = p.getByTestId('article-body').locator('img[alt="film.png"]');
      await poll(() => inline.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await p.locator('main').innerText()).not.toContain('Müller');
      await checkPage(p, c, `customer-article-${lang}-${width}`);

      // and finds it by a word of its solution through the portal's search
      const word = lang === 'de' ? 'Tonerkartusche' : 'cartridge';
      await p.goto(`/${t.slug}/search?q=${encodeURIComponent(word)}`);
      const hit = p.locator('[data-testid=search-hit][data-kind=article]').filter({ hasText: T.subject });
      await poll(() => hit.count(), 20_000).toBe(1);
      await hit.getByRole('link').click();
      await seen(p.getByRole('heading', { level: 1, name: T.subject }));
    } catch (err) {
      await shot(p, `customer-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
