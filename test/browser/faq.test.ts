/**
 * Topics and FAQ (issue 9, Q1 and Q4) through the real UI, in German on a 375 px phone and in
 * English on a 1280 px desktop: an agent adds a topic and a question with a formatted answer and
 * a picture (shown in the editor at once, and in the answer on the FAQ page) on the knowledge page; a visitor who is not signed in finds the FAQ in the header of a portal
 * whose knowledge is public, narrows it by topic (the empty choice shows all again) and opens an
 * answer, which shows the formatting, the picture and when it was last updated. Both pages pass axe-core's
 * WCAG 2.1 AA rules.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newStaff, newTenant } from '../support/tenants.ts';
import { PNG } from '../support/files.ts';
import { axeViolations, forEachViewport, navTo, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';
import { TEXTS as COMMON } from './texts.ts';

const SHOTS = 'test-results/browser-faq';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    faq: 'FAQ',
    title: 'Häufige Fragen',
    knowledge: 'FAQ und Themen',
    manage: 'FAQ und Themen verwalten',
    nameDe: 'Name (Deutsch)',
    nameEn: 'Name (Englisch)',
    addTopic: 'Thema anlegen',
    topicAdded: 'Thema „Drucker“ angelegt.',
    question: 'Frage',
    answer: 'Antwort',
    bold: 'Fett',
    topic: 'Thema',
    addQuestion: 'Frage anlegen',
    questionAdded: (q: string) => `Frage „${q}“ angelegt.`,
    allTopics: 'Alle Themen',
    printer: 'Drucker',
    network: 'Netzwerk',
    myQuestion: 'Wie tausche ich den Toner?',
    networkQuestion: 'Warum ist das WLAN langsam?',
    updated: /^Zuletzt aktualisiert am /,
  },
  en: {
    faq: 'FAQ',
    title: 'Frequently asked questions',
    knowledge: 'FAQ and topics',
    manage: 'Manage FAQ and topics',
    nameDe: 'Name (German)',
    nameEn: 'Name (English)',
    addTopic: 'Add topic',
    topicAdded: 'Topic “Printer” added.',
    question: 'Question',
    answer: 'Answer',
    bold: 'Bold',
    topic: 'Topic',
    addQuestion: 'Add question',
    questionAdded: (q: string) => `Question “${q}” added.`,
    allTopics: 'All topics',
    printer: 'Printer',
    network: 'Network',
    myQuestion: 'How do I replace the toner?',
    networkQuestion: 'Why is the Wi-Fi slow?',
    updated: /^Last updated /,
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('the FAQ', (vp) => {
  const { lang, width } = vp;
  const T = TEXTS[lang];
  const C = COMMON[lang];

  it('an agent adds a topic and a question; a visitor filters the public FAQ by topic and opens the answer', { timeout: 90_000 }, async () => {
    const t = await newTenant(`faq-${lang}`, lang);
    const agent = await newStaff(t, 'agent', 'Arne Agent');
    expect((await agent.client.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const network = await agent.client.post('/api/v1/topics', { name: { de: 'Netzwerk', en: 'Network' } });
    expect(network.status).toBe(201);
    expect(
      (await agent.client.post('/api/v1/faqs', { question: T.networkQuestion, answer: '<p>Restart the router.</p>', topicId: network.json.id })).status,
    ).toBe(201);
    expect((await t.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);

    // the agent: from the FAQ page to the knowledge page, a topic, then a question with a bold word
    const a = await signedInPage(browser(), vp, agent.client);
    let p = a.page;
    try {
      await p.goto(`/${t.slug}/agent`);
      await seen(p.getByRole('heading', { level: 1 }));
      await navTo(p, C, T.faq);
      await seen(p.getByRole('heading', { level: 1, name: T.title }));
      await p.getByRole('link', { name: T.manage }).click();
      await seen(p.getByRole('heading', { level: 1, name: T.knowledge }));
      await p.locator('#new-topic-de').fill('Drucker');
      await p.locator('#new-topic-en').fill('Printer');
      await p.getByRole('button', { name: T.addTopic }).click();
      await seen(p.getByRole('status').filter({ hasText: T.topicAdded }));

      await p.getByLabel(T.question, { exact: true }).fill(T.myQuestion);
      const editor = p.getByRole('textbox', { name: T.answer, exact: true });
      await editor.click();
      await p.keyboard.type('Open the flap, ');
      await p.getByRole('button', { name: T.bold, exact: true }).click();
      await p.keyboard.type('pull');
      await p.getByRole('button', { name: T.bold, exact: true }).click();
      await p.keyboard.type(' the cartridge.');
      // a picture goes into the answer where the caret is, and shows there at once
      await p.getByTestId('editor-image-input').setInputFiles([{ name: 'flap.png', mimeType: 'image/png', buffer: Buffer.from(PNG) }]);
      const picture = editor.locator('img[alt="flap.png"]');
      await poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      await p.getByLabel(T.topic, { exact: true }).selectOption({ label: T.printer });
      await p.getByRole('button', { name: T.addQuestion }).click();
      await seen(p.getByRole('status').filter({ hasText: T.questionAdded(T.myQuestion) }));
      await seen(p.getByTestId('faq-admin-row').filter({ hasText: T.myQuestion }));
      await shot(p, `knowledge-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);
      expect(a.errors).toEqual([]);
      const stored = ((await agent.client.get('/api/v1/faqs')).json.items as { question: string; answer: string }[]).find((f) => f.question === T.myQuestion);
      expect(stored?.answer).toMatch(/<strong>pull<\/strong>/);
      expect(stored?.answer).toMatch(/<img data-attachment-id="[\w-]+" alt="flap.png" ?\/?>/);
      // signed in, the FAQ page shows the picture in the answer
      await p.goto(`/${t.slug}/faq`);
      const mine = await seen(p.getByTestId('faq-entry').filter({ hasText: T.myQuestion }));
      await mine.locator('summary').click();
      await poll(() => mine.locator('.answer img[alt="flap.png"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(a.errors).toEqual([]);
    } catch (err) {
      await shot(p, `knowledge-${lang}-${width}-failure`, SHOTS);
      throw err;
    }

    // a visitor, not signed in: the FAQ link in the portal's header, all questions, then by topic
    const v = await signedInPage(browser(), vp);
    p = v.page;
    try {
      await p.goto(`/${t.slug}/`);
      await seen(p.getByRole('heading', { level: 1 }));
      await navTo(p, C, T.faq);
      await seen(p.getByRole('heading', { level: 1, name: T.title }));
      const entries = p.getByTestId('faq-entry');
      await poll(() => entries.locator('summary .question').allInnerTexts()).toEqual([T.networkQuestion, T.myQuestion]);
      const topic = p.getByLabel(T.topic, { exact: true });
      await topic.selectOption({ label: T.printer });
      await poll(() => entries.locator('summary .question').allInnerTexts()).toEqual([T.myQuestion]);
      await topic.selectOption({ label: T.allTopics });
      await poll(() => entries.locator('summary .question').allInnerTexts()).toEqual([T.networkQuestion, T.myQuestion]);
      await topic.selectOption({ label: T.printer });

      // the answer opens on click, formatted, with its last update
      const entry = entries.filter({ hasText: T.myQuestion });
      const answer = entry.locator('.answer');
      expect(await answer.isVisible()).toBe(false);
      await entry.locator('summary').click();
      await seen(answer);
      expect(await answer.locator('strong').innerText()).toBe('pull');
      // and its picture, from the portal's public file route
      await poll(() => answer.locator('img[alt="flap.png"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await entry.locator('p.muted').innerText()).toMatch(T.updated);
      await shot(p, `faq-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);
      expect(v.errors).toEqual([]);
    } catch (err) {
      await shot(p, `faq-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
