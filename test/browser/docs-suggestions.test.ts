/**
 * Documentation and the suggestion scheme (issue 9, Q3, Q6) through the real UI, in German on a
 * 375 px phone and in English on a 1280 px desktop: a customer opens the documentation from
 * the header, the explanatory video plays in the page, the type filter leaves only the video;
 * on the suggestions page the customer likes another customer's idea (counted once) and
 * comments on it, reading the other customer's idea without their name. Both pages pass
 * axe-core's WCAG 2.1 AA rules. An agent changes a document in its card (title, tags,
 * audience, a new file) and, when someone else saved it first, is told so and sees what is true now.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { PDF, upload } from '../support/files.ts';
import { axeViolations, forEachViewport, navTo, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';
import { TEXTS as COMMON } from './texts.ts';

const SHOTS = 'test-results/browser-docs';
const WEBM = new Uint8Array(readFileSync(new URL('../../infra/local/demo-files/toner.webm', import.meta.url)));

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    docs: 'Dokumentation',
    suggestions: 'Vorschläge',
    type: 'Art',
    video: 'Video',
    rate: 'Kommentare und Likes',
    like: 'Gefällt mir',
    likes1: '1 Like',
    yourComment: 'Ihr Kommentar',
    send: 'Kommentieren',
    edit: (title: string) => `„${title}“ bearbeiten`,
    titleField: 'Titel',
    tags: 'Schlagwörter',
    visibleTo: 'Sichtbar für',
    staffOnly: 'Nur Mitarbeitende',
    save: 'Speichern',
    saved: (title: string) => `„${title}“ wurde gespeichert.`,
    conflict: 'Jemand hat dies inzwischen geändert. Bitte neu laden und erneut versuchen.',
  },
  en: {
    docs: 'Documentation',
    suggestions: 'Suggestions',
    type: 'Type',
    video: 'Video',
    rate: 'Comments and likes',
    like: 'Like',
    likes1: '1 like',
    yourComment: 'Your comment',
    send: 'Comment',
    edit: (title: string) => `Edit “${title}”`,
    titleField: 'Title',
    tags: 'Tags',
    visibleTo: 'Visible to',
    staffOnly: 'Staff only',
    save: 'Save',
    saved: (title: string) => `“${title}” was saved.`,
    conflict: 'Someone changed this meanwhile. Please reload and try again.',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('documentation and suggestions', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];
  const C = COMMON[lang];

  it('a customer watches the video, filters by type, and likes and comments on another customer’s idea', { timeout: 90_000 }, async () => {
    const t = await newTenant(`docs-ui-${lang}`, lang);
    const agent = (await newStaff(t, 'agent', 'Arne Agent')).client;
    const cora = await newCustomer(t, 'Cora Customer');
    const sam = await newCustomer(t, 'Sam Suggester');
    expect((await cora.client.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const printers = (await agent.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printers' } })).json.id;
    for (const [name, bytes, title] of [
      ['toner.webm', WEBM, 'Toner video'],
      ['manual.pdf', PDF, 'Printer manual'],
    ] as const) {
      const r = await agent.post('/api/v1/knowledge/documents', { attachmentId: await upload(agent, name, bytes), title, topicId: printers });
      expect(r.status, r.text).toBe(201);
    }
    const on = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: true, version: 0 });
    const idea = await sam.client.post('/api/v1/tickets', { subject: 'Standing desks', description: 'For the back office', topicId: on.json.topicId });
    await poll(async () => (await agent.get('/api/v1/knowledge/suggestions')).json.items.length, 15_000).toBe(1);

    const u = await signedInPage(browser(), v, cora.client);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/`);
      await seen(p.getByRole('heading', { level: 1 }));
      await navTo(p, C, T.docs);
      await seen(p.getByRole('heading', { level: 1, name: T.docs }));
      await poll(() => p.getByTestId('document').count()).toBe(2);
      // the video plays in the page, from its presigned URL
      const video = await seen(p.getByTestId('doc-video'));
      await video.evaluate((v: HTMLVideoElement) => v.play());
      await poll(() => video.evaluate((v: HTMLVideoElement) => !v.error && v.readyState >= 2 && !v.paused)).toBe(true);
      await shot(p, `docs-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);
      await p.getByLabel(T.type, { exact: true }).selectOption({ label: T.video });
      await poll(() => p.getByTestId('document').count()).toBe(1);
      await poll(() => p.getByTestId('document').getByRole('heading').innerText()).toBe('Toner video');

      await navTo(p, C, T.suggestions);
      const row = await seen(p.getByTestId('suggestion').filter({ hasText: 'Standing desks' }));
      expect(await row.innerText()).not.toContain('Sam Suggester');
      await row.getByRole('button', { name: T.rate }).click();
      const like = await seen(row.getByTestId('like'));
      await like.click();
      await poll(() => row.getByTestId('like-count').innerText()).toBe(T.likes1);
      await poll(() => like.getAttribute('aria-pressed')).toBe('true');
      await row.getByLabel(T.yourComment).fill('Yes, please!');
      await row.getByRole('button', { name: T.send, exact: true }).click();
      await seen(row.getByTestId('comment').filter({ hasText: 'Yes, please!' }));
      await shot(p, `suggestions-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);
      const n = idea.json.ticket.number as number;
      expect((await agent.get(`/api/v1/knowledge/feedback/suggestions/${n}/comments`)).json).toMatchObject({ likes: 1, comments: [{ body: 'Yes, please!' }] });
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `docs-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });

  it('an agent changes a document in its card, and is told when someone else saved it first', { timeout: 90_000 }, async () => {
    const t = await newTenant(`docs-edit-${lang}`, lang);
    const agent = (await newStaff(t, 'agent', 'Arne Agent')).client;
    expect((await agent.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const made = await agent.post('/api/v1/knowledge/documents', { attachmentId: await upload(agent, 'manual.pdf', PDF), title: 'Printer manual' });
    expect(made.status, made.text).toBe(201);
    const id = made.json.id as string;

    const u = await signedInPage(browser(), v, agent);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/docs`);
      const card = await seen(p.getByTestId('document').filter({ hasText: 'Printer manual' }));
      await card.getByRole('button', { name: T.edit('Printer manual') }).click();
      const form = await seen(card.getByTestId('document-edit-form'));
      await form.getByLabel(T.titleField, { exact: true }).fill('Printer handbook');
      await form.getByLabel(T.tags, { exact: true }).fill('toner, paper');
      await form.getByLabel(T.visibleTo).selectOption({ label: T.staffOnly });
      await form.getByTestId('attach-input').setInputFiles({ name: 'handbook.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      await seen(form.getByText('handbook.pdf'));
      expect(await axeViolations(p)).toEqual([]);
      await form.getByRole('button', { name: T.save, exact: true }).click();
      await seen(p.getByText(T.saved('Printer handbook')));
      const changed = await seen(p.getByTestId('document').filter({ hasText: 'Printer handbook' }));
      await poll(() => changed.innerText()).toContain('#toner');
      await poll(async () => (await agent.get(`/api/v1/knowledge/documents`)).json.items[0]).toMatchObject({
        id,
        title: 'Printer handbook',
        tags: ['toner', 'paper'],
        audience: 'staff',
        file: { name: 'handbook.pdf' },
        version: made.json.version + 1,
      });
      await seen(changed.getByTestId('doc-download').filter({ hasText: 'handbook.pdf' }));
      await shot(p, `docs-edit-${lang}-${width}`, SHOTS);

      // someone else saves while the agent's form is open: the agent's save is refused, not lost silently
      await changed.getByRole('button', { name: T.edit('Printer handbook') }).click();
      const again = await seen(changed.getByTestId('document-edit-form'));
      await again.getByLabel(T.titleField, { exact: true }).fill('My title');
      expect((await agent.patch(`/api/v1/knowledge/documents/${id}`, { title: 'Their title', version: made.json.version + 1 })).status).toBe(200);
      await again.getByRole('button', { name: T.save, exact: true }).click();
      await seen(p.getByRole('alert').filter({ hasText: T.conflict }));
      await seen(p.getByTestId('document').getByRole('heading', { name: 'Their title' }));
      expect(await p.getByTestId('document').filter({ hasText: 'My title' }).count()).toBe(0);
      expect(await axeViolations(p)).toEqual([]);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `docs-edit-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
