/**
 * The topic of a ticket (issue 9) through the real UI, in German on a 375 px phone and in English
 * on a 1280 px desktop: an agent sees the topic a customer filed the request under, files it
 * under another one (the history says from which to which) and, when someone else changed the
 * ticket first, is told so and sees what is true now; the customer reads the topic among the
 * request's details. Both pages pass axe-core's WCAG 2.1 AA rules.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-ticket-topic';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    fileUnder: 'Einordnen unter',
    save: 'Speichern',
    saved: 'Das Thema wurde geändert.',
    history: 'hat das Thema von Drucker auf Netzwerk geändert',
    none: 'Kein Thema',
    conflict: 'Jemand hat dies inzwischen geändert. Bitte neu laden und erneut versuchen.',
    printer: 'Drucker',
    network: 'Netzwerk',
  },
  en: {
    fileUnder: 'File under',
    save: 'Save',
    saved: 'The topic was changed.',
    history: 'changed the topic from Printer to Network',
    none: 'No topic',
    conflict: 'Someone changed this meanwhile. Please reload and try again.',
    printer: 'Printer',
    network: 'Network',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('the topic of a ticket', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('an agent files a request under another topic; the customer reads it', { timeout: 90_000 }, async () => {
    const t = await newTenant(`ttopic-ui-${lang}`, lang);
    const agent = (await newStaff(t, 'agent', 'Arne Agent')).client;
    const cora = await newCustomer(t, 'Cora Customer');
    for (const c of [agent, cora.client]) expect((await c.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const printer = (await agent.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printer' } })).json.id;
    await agent.post('/api/v1/topics', { name: { de: 'Netzwerk', en: 'Network' } });
    const made = await cora.client.post('/api/v1/tickets', { subject: 'Cannot print', description: 'Nothing comes out', topicId: printer });
    const n = made.json.ticket.number as number;

    const a = await signedInPage(browser(), v, agent);
    let p = a.page;
    try {
      await p.goto(`/${t.slug}/agent/tickets/${n}`);
      const card = await seen(p.getByTestId('ticket-topic'));
      await poll(() => card.getByTestId('ticket-topic-name').innerText()).toBe(T.printer);
      await card.getByLabel(T.fileUnder).selectOption({ label: T.network });
      await card.getByRole('button', { name: T.save, exact: true }).click();
      await seen(card.getByRole('status').filter({ hasText: T.saved }));
      await poll(() => card.getByTestId('ticket-topic-name').innerText()).toBe(T.network);
      await seen(p.locator('[data-testid=history-entry][data-type=topic]').filter({ hasText: T.history }));
      await shot(p, `agent-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);

      // someone else changes the ticket first: the agent's change is refused, and the page shows what is true now
      const version = (await agent.get(`/api/v1/tickets/${n}`)).json.ticket.version as number;
      expect((await agent.put(`/api/v1/tickets/${n}/topic`, { topicId: printer, version })).status).toBe(200);
      await card.getByLabel(T.fileUnder).selectOption({ label: T.none });
      await card.getByRole('button', { name: T.save, exact: true }).click();
      await seen(card.getByRole('alert').filter({ hasText: T.conflict }));
      await poll(() => card.getByTestId('ticket-topic-name').innerText()).toBe(T.printer);
      expect(a.errors).toEqual([]);
    } catch (err) {
      await shot(p, `agent-${lang}-${width}-failure`, SHOTS);
      throw err;
    }

    const c = await signedInPage(browser(), v, cora.client);
    p = c.page;
    try {
      await p.goto(`/${t.slug}/tickets/${n}`);
      await poll(() => p.getByTestId('ticket-topic-name').innerText()).toBe(T.printer);
      expect(await p.locator('[data-testid=history-entry][data-type=topic]').count()).toBe(0);
      await shot(p, `customer-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);
      expect(c.errors).toEqual([]);
    } catch (err) {
      await shot(p, `customer-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
