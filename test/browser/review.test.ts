/**
 * Answer to the coordinator in the browser (de 375 px, en 1280 px): the assignee sends an
 * answer for review, the coordinator edits it and sends it on, and the customer reads the
 * edited answer, never the draft. The ticket starts `in_progress` with its assignee through
 * `putInStage` (assigning is the workflow core's).
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { putInStage } from '../support/stages.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { forEachViewport, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-review';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    draft: 'Ihre Antwort zur Prüfung',
    send: 'An den Koordinator senden',
    sent: 'Zur Prüfung an den Koordinator gesendet.',
    edit: 'Antwort, wie sie an den Anfragenden geht',
    sendOn: 'An den Anfragenden weitergeben',
    sentOn: 'Die Antwort ging an den Anfragenden.',
  },
  en: {
    draft: 'Your answer for review',
    send: 'Send to the coordinator',
    sent: 'Sent to the coordinator for review.',
    edit: 'Answer as it goes to the requester',
    sendOn: 'Send on to the requester',
    sentOn: 'The answer went to the requester.',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('answer to the coordinator', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];
  const as = async (client: { cookies: Map<string, string> }): Promise<Page> => (await signedInPage(browser(), v, client)).page;

  it('the assignee’s draft is reviewed, edited and sent on; the customer reads only the edited answer', { timeout: 120_000 }, async () => {
    const t = await newTenant(`review-${lang}`, lang);
    const coordinator = await newStaff(t, 'coordinator', 'Clara Koordinatorin');
    const anton = await newStaff(t, 'agent', 'Anton Agent');
    const cora = await newCustomer(t, 'Cora Kundin');
    const n: number = (await cora.client.post('/api/v1/tickets', { subject: 'Pale print', description: 'Pages come out pale' })).json.ticket.number;
    await putInStage(t.id, n, { stage: 'in_progress', assigneeId: anton.id, assigneeName: 'Anton Agent' });
    let page: Page | undefined;
    try {
      const a = (page = await as(anton.client));
      await a.goto(`/${t.slug}/agent/tickets/${n}`);
      await a.getByLabel(T.draft).fill('Toner empty, I think');
      await a.getByRole('button', { name: T.send }).click();
      await seen(a.getByRole('status').filter({ hasText: T.sent }));

      const c = (page = await as(coordinator.client));
      await c.goto(`/${t.slug}/agent/tickets/${n}`);
      const edit = c.getByLabel(T.edit);
      expect(await edit.inputValue()).toBe('Toner empty, I think');
      await edit.fill('We replace the toner tomorrow morning.');
      await c.getByRole('button', { name: T.sendOn }).click();
      await seen(c.getByRole('status').filter({ hasText: T.sentOn }));

      const k = (page = await as(cora.client));
      await k.goto(`/${t.slug}/tickets/${n}`);
      await seen(k.getByTestId('message').filter({ hasText: 'We replace the toner tomorrow morning.' }));
      expect(await k.locator('body').innerText()).not.toContain('Toner empty');
      for (const u of v.users) expect(u.errors).toEqual([]);
    } catch (err) {
      if (page) await shot(page, `review-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
