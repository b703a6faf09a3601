/**
 * Who is answering (K14) through the real UI, with two agents in two browser contexts, in
 * German on a 375 px phone and in English on a 1280 px desktop: Kim starts typing an answer;
 * Ben's open ticket page shows "Kim is answering…" by itself (no reload) and will not send;
 * Ben takes over explicitly and sends; Kim's send is then refused, showing what changed and
 * keeping her text. Exactly one answer reaches the customer, whose open page shows it by itself.
 *
 * Kim and Ben are coordinators on a customer's new ticket: who answers it under the workflow
 * core's stage rules (today any staff member may). Needs the web build (`npm run build:web`) and Debian's Chromium.
 */
import { expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { forEachViewport, poll, seen, shot, signedInPage, useBrowser, type User } from './browser.ts';

const SHOTS = 'test-results/browser-locking';
/** Long enough for a few polls of the open ticket (every 5 s); not a speed requirement. */
const LIVE = 30_000;

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    answering: (n: string) => `${n} beantwortet gerade…`,
    takeOver: 'Antworten übernehmen',
    send: 'Antwort senden',
    sent: 'Ihre Nachricht wurde gesendet.',
    changed: 'Das Ticket hat sich geändert, seit Sie mit der Antwort begonnen haben:',
    answered: 'hat geantwortet',
    changedStatus: 'hat den Status geändert',
  },
  en: {
    answering: (n: string) => `${n} is answering…`,
    takeOver: 'Take over answering',
    send: 'Send answer',
    sent: 'Your message has been sent.',
    changed: 'The ticket changed since you began your answer:',
    answered: 'wrote an answer',
    changedStatus: 'changed the status',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('two agents on one ticket', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  /** A signed-in browser context of `client` (an agent, or the customer). */
  const agentPage = (client: UserClient): Promise<User> => signedInPage(browser(), v, client, { pinLanguage: true });

  it('the second agent sees who is answering live, takes over explicitly, and only one answer goes out', { timeout: 120_000 }, async () => {
    const t = await newTenant(`lock-${lang}`, lang);
    const cora = await newCustomer(t, 'Cora Kundin');
    const kim = await newStaff(t, 'coordinator', 'Kim Agent');
    const ben = await newStaff(t, 'coordinator', 'Ben Agent');
    const created = await cora.client.post('/api/v1/tickets', { subject: 'Drucker streikt', description: 'Seit heute Morgen' });
    const n = created.json.ticket.number as number;

    const a = await agentPage(kim.client);
    const b = await agentPage(ben.client);
    try {
      // Ben's polls ask with the ETag the browser keeps (an unchanged ticket costs a 304, no body)
      const revalidated: string[] = [];
      b.page.on('request', (r) => {
        // A poll still in flight when the page closes has no headers left to read: ignore it.
        if (r.url().endsWith(`/api/v1/tickets/${n}`))
          void r
            .allHeaders()
            .then((h) => h['if-none-match'] && revalidated.push(h['if-none-match']))
            .catch(() => undefined);
      });
      const c = await agentPage(cora.client);
      await c.page.goto(`/${t.slug}/tickets/${n}`);
      await a.page.goto(`/${t.slug}/agent/tickets/${n}`);
      await b.page.goto(`/${t.slug}/agent/tickets/${n}`);
      await seen(b.page.locator('#reply-body'));

      // Kim opens the reply box and types: she holds the lease
      await a.page.locator('#reply-body').fill('Bitte starten Sie den Drucker neu.');
      await poll(async () => (await kim.client.get(`/api/v1/tickets/${n}`)).json.ticket.lock?.name).toBe('Kim Agent');

      // Ben's page shows it by itself, without a reload
      const banner = b.page.getByTestId('lock-status');
      await poll(() => banner.textContent(), LIVE).toContain(T.answering('Kim Agent'));
      await shot(b.page, `locking-${lang}-${width}-answering`, SHOTS);
      expect(revalidated.length).toBeGreaterThan(0);

      // Ben writes anyway: sending stays disabled
      await b.page.locator('#reply-body').fill('Haben Sie Papier nachgelegt?');
      const bSend = b.page.getByRole('button', { name: T.send });
      expect(await bSend.isDisabled()).toBe(true);

      // Ben takes over explicitly and sends
      await b.page.getByRole('button', { name: T.takeOver }).click();
      await poll(() => bSend.isDisabled()).toBe(false);
      expect(await banner.textContent()).not.toContain(T.answering('Kim Agent'));
      await bSend.click();
      await seen(b.page.getByRole('status').filter({ hasText: T.sent }));

      // Kim's page shows Ben's answer by itself; her send (begun before it) is refused with what changed, and her text stays
      await poll(() => a.page.getByTestId('messages').getByText('Haben Sie Papier nachgelegt?').count(), LIVE).toBe(1);
      const aSend = a.page.getByRole('button', { name: T.send });
      await poll(() => aSend.isDisabled(), LIVE).toBe(false);
      await aSend.click();
      const changed = await seen(a.page.getByTestId('ticket-changed'));
      expect(await changed.textContent()).toContain(T.changed);
      expect(await changed.textContent()).toContain(`Ben Agent ${T.answered}`);
      expect(await changed.textContent()).toContain(`Ben Agent ${T.changedStatus}`);
      expect(await a.page.locator('#reply-body').inputValue()).toBe('Bitte starten Sie den Drucker neu.');
      await shot(a.page, `locking-${lang}-${width}-changed`, SHOTS);

      // the customer's open page shows the answer by itself, and never who was typing
      await poll(() => c.page.getByTestId('messages').getByText('Haben Sie Papier nachgelegt?').count(), LIVE).toBe(1);
      expect(await c.page.locator('body').textContent()).not.toContain('Kim Agent');
      expect(c.errors).toEqual([]);

      // exactly one answer reached the customer; the takeover is in the staff history only
      const mine = (await cora.client.get(`/api/v1/tickets/${n}`)).json;
      expect(mine.messages.map((m: { body: string }) => m.body)).toEqual(['Haben Sie Papier nachgelegt?']);
      expect(mine.history.map((e: { type: string }) => e.type)).not.toContain('lock_taken_over');
      const staff = (await kim.client.get(`/api/v1/tickets/${n}`)).json;
      expect(staff.history).toContainEqual(expect.objectContaining({ type: 'lock_taken_over', actorName: 'Ben Agent', from: 'Kim Agent' }));
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
    } catch (err) {
      await shot(a.page, `locking-${lang}-${width}-failure-kim`, SHOTS);
      await shot(b.page, `locking-${lang}-${width}-failure-ben`, SHOTS);
      throw err;
    }
  });
});
