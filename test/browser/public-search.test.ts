/**
 * Searching a public portal without signing in (issue 9, Q5), in German on a 375 px phone and in
 * English on a 1280 px desktop: on the sign-in page of a portal whose knowledge is public, a
 * visitor uses the header's search box; the results page shows the portal's FAQ entry and public
 * article with the word marked — never a customer's request, which has the same word — offers no
 * "Tickets" kind, and an article hit opens the article's public page with its image loaded. A
 * portal that keeps its knowledge to signed-in users shows no search box. Every page passes axe
 * (WCAG 2.1 AA) and fits the screen.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { PNG, upload } from '../support/files.ts';
import { axeViolations, forEachViewport, openMenu, overflowsSideways, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';
import { TEXTS as BASE } from './texts.ts';

const SHOTS = 'test-results/browser-public-search';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: { topic: 'Thema: Drucker', search: 'Suchen', searchTitle: 'Suche', count: (n: number) => `${n} Treffer`, tickets: 'Tickets', article: 'Artikel' },
  en: { topic: 'Topic: Printers', search: 'Search', searchTitle: 'Search', count: (n: number) => `${n} results`, tickets: 'Tickets', article: 'Article' },
} as const;

const POLL = { timeout: 60_000, interval: 200 };

const browser = useBrowser(SHOTS);

forEachViewport('an anonymous visitor searches a public portal', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];
  const B = BASE[lang];

  const WORD = lang === 'de' ? 'Tintenstrahldrucker' : 'Inkjetprinter';
  const FAQ = lang === 'de' ? `Der ${WORD} schmiert` : `The ${WORD} smears`;
  const ARTICLE = lang === 'de' ? `${WORD} reinigen` : `Cleaning the ${WORD}`;
  let t: TestTenant;
  let closed: TestTenant;
  let articleId: string;

  beforeAll(async () => {
    t = await newTenant(`pubsearch-${lang}`, lang);
    closed = await newTenant(`pubsearch-closed-${lang}`, lang);
    expect((await t.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
    const agent = (await newStaff(t, 'agent', 'Arne Agent')).client;
    const customer = await newCustomer(t, 'Cora Kundin');
    const topic = await agent.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printers' } });
    expect(topic.status, topic.text).toBe(201);
    expect((await agent.post('/api/v1/faqs', { question: FAQ, answer: '<p>Druckkopf reinigen.</p>', topicId: topic.json.id })).status).toBe(201);
    const image = await upload(agent, 'head.png', PNG, 'image/png');
    const a = await agent.post('/api/v1/articles', {
      title: ARTICLE,
      body: `<p>So reinigen Sie den ${WORD}:</p><p><img data-attachment-id="${image}" alt="Druckkopf"></p>`,
      audience: 'public',
      attachmentIds: [image],
    });
    articleId = a.json.id;
    const review = await agent.post(`/api/v1/articles/${articleId}/status`, { status: 'review', version: a.json.version });
    expect((await t.admin.post(`/api/v1/articles/${articleId}/status`, { status: 'published', version: review.json.version })).status).toBe(200);
    await customer.client.post('/api/v1/tickets', { subject: `Mein ${WORD} ist geheim kaputt`, description: 'Bitte helfen' });
    // the index follows the change stream
    await vi.waitFor(async () => expect((await agent.get(`/api/v1/search?q=${WORD}`)).json.items).toHaveLength(3), POLL);
  }, 120_000);

  async function visitor() {
    return (await signedInPage(browser(), v)).page;
  }

  async function fits(page: Awaited<ReturnType<typeof visitor>>, name: string) {
    await shot(page, `${name}-${lang}-${width}`, SHOTS);
    expect(await axeViolations(page), name).toEqual([]);
    expect(await overflowsSideways(page), name).toBe(false);
  }

  it('searches from the header of the sign-in page and finds the FAQ entry and the article, no request', { timeout: 120_000 }, async () => {
    const page = await visitor();
    await page.goto(`/${t.slug}/`);
    await seen(page.getByLabel(B.password, { exact: true }));
    await openMenu(page, B);
    const box = await seen(page.locator('#header-search-q'));
    await box.fill(WORD);
    await box.press('Enter');
    await seen(page.getByRole('heading', { name: T.searchTitle, level: 1 }));
    await poll(() => page.getByTestId('search-hit').count(), 15_000).toBe(2);
    await poll(() => page.getByTestId('search-status').innerText()).toBe(T.count(2));
    expect((await page.getByTestId('search-hit').evaluateAll((hits) => hits.map((h) => (h as HTMLElement).dataset.kind))).sort()).toEqual(['article', 'faq']);
    expect(await page.getByTestId('search-hit').first().locator('mark').first().innerText()).toMatch(new RegExp(WORD, 'i'));
    // the FAQ entry names its topic, as it does for signed-in readers
    await poll(() => page.getByTestId('search-hit').filter({ hasText: FAQ }).innerText()).toContain(T.topic);
    expect(await page.locator('main').innerText()).not.toContain('geheim');
    // tickets are not offered to a visitor
    expect(await page.getByRole('button', { name: T.tickets, exact: true }).count()).toBe(0);
    await fits(page, 'public-search');

    // the article opens as its public page, image and all
    await page.getByTestId('search-hit').filter({ hasText: ARTICLE }).getByRole('link').click();
    await poll(() => new URL(page.url()).pathname).toBe(`/kb/${t.slug}/articles/${articleId}`);
    await seen(page.getByRole('heading', { name: ARTICLE, level: 1 }));
    await poll(() => page.locator('article img').evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth), 15_000).toBe(
      1,
    );
    await fits(page, 'public-article');
  });

  it('a portal that keeps its knowledge to signed-in users shows no search box, and its search page asks to sign in', { timeout: 120_000 }, async () => {
    const page = await visitor();
    await page.goto(`/${closed.slug}/`);
    await seen(page.getByLabel(B.password, { exact: true }));
    await openMenu(page, B);
    expect(await page.locator('#header-search-q').count()).toBe(0);
    await page.goto(`/${closed.slug}/search?q=${WORD}`);
    await poll(() => new URL(page.url()).pathname).toBe(`/${closed.slug}/`);
  });
});
