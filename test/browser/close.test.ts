/**
 * Closing a ticket whose hidden parts are still open (issue 6, K7/K4), through the real UI, in
 * German on a 375 px phone and in English on a 1280 px desktop: the coordinator closes the split
 * request as solved, is told the hidden parts are still open and offered to close anyway; doing
 * so closes the request with its solution and leaves the part open with its agent. The requester
 * reads the solution and never anything of the hidden part.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, poll, seen, shot, text, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-close';
const HIDDEN = 'Ask the vendor about the fuser';
const SOLUTION = 'Replaced the fuser unit.';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    close: 'Abschließen…',
    closeTitle: (n: number) => `Ticket #${n} abschließen`,
    solved: 'Gelöst',
    solution: 'Lösung',
    closeSubmit: 'Ticket abschließen',
    subsOpen: 'Verborgene Teil-Tickets dieses Tickets sind noch offen.',
    anyway: 'Trotzdem abschließen, Teile offen lassen',
    closed: 'Ticket abgeschlossen.',
    stageSplit: 'In Teile aufgeteilt',
    stageClosed: 'Abgeschlossen',
  },
  en: {
    close: 'Close…',
    closeTitle: (n: number) => `Close ticket #${n}`,
    solved: 'Solved',
    solution: 'Solution',
    closeSubmit: 'Close ticket',
    subsOpen: 'Hidden sub-tickets of this ticket are still open.',
    anyway: 'Close anyway, leave them open',
    closed: 'Ticket closed.',
    stageSplit: 'Split into parts',
    stageClosed: 'Closed',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('closing with open hidden parts', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('asks first, then closes anyway and leaves the hidden part open', { timeout: 120_000 }, async () => {
    const t = await newTenant(`close-ui-${lang}`, lang);
    const [klara, ben, anna] = await Promise.all([
      newStaff(t, 'coordinator', 'Klara Koordination'),
      newStaff(t, 'agent', 'Ben Berger'),
      newCustomer(t, 'Anna Kunde'),
    ]);
    const n = (await anna.client.post('/api/v1/tickets', { subject: 'Printer prints streaks', description: 'Every page.' })).json.ticket.number;
    expect((await klara.client.post(`/api/v1/tickets/${n}/accept`, {})).status).toBe(200);
    const split = await klara.client.post(`/api/v1/tickets/${n}/split`, {
      parts: [{ subject: HIDDEN, instruction: 'Which part number?', assigneeId: ben.id, visibility: 'hidden' }],
    });
    expect(split.status, split.text).toBe(201);
    const [part] = split.json.numbers as number[];

    const u = await signedInPage(browser(), v, klara.client);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/agent/tickets/${n}`);
      const panel = await seen(p.getByTestId('workflow-panel'));
      await poll(() => text(panel.getByTestId('ticket-stage'))).toBe(T.stageSplit);
      await panel.getByRole('button', { name: T.close, exact: true }).click();
      const dialog = await seen(p.getByRole('dialog', { name: T.closeTitle(n) }));
      await dialog.getByLabel(T.solved, { exact: true }).check();
      await dialog.getByLabel(T.solution, { exact: true }).fill(SOLUTION);
      await dialog.getByRole('button', { name: T.closeSubmit, exact: true }).click();

      // refused and explained; nothing closed yet; the way to close anyway is offered
      await seen(dialog.getByRole('alert').filter({ hasText: T.subsOpen }));
      const anyway = await seen(dialog.getByRole('button', { name: T.anyway, exact: true }));
      expect((await klara.client.get(`/api/v1/tickets/${n}`)).json.ticket.stage).toBe('split');
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `asked-${lang}-${width}`, SHOTS);

      await anyway.click();
      await seen(panel.getByRole('status').filter({ hasText: T.closed }));
      await poll(() => text(panel.getByTestId('ticket-stage'))).toBe(T.stageClosed);
      expect(await text(panel.getByTestId('ticket-solution'))).toBe(SOLUTION);
      expect(await p.getByRole('dialog').count()).toBe(0);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `closed-${lang}-${width}`, SHOTS);

      // the hidden part stays open with its agent; the requester reads the solution, nothing of the part
      expect((await ben.client.get(`/api/v1/tickets/${part}`)).json.ticket).toMatchObject({ stage: 'assigned', assignee: { id: ben.id } });
      const theirs = await anna.client.get(`/api/v1/tickets/${n}`);
      expect(theirs.json.ticket).toMatchObject({ stage: 'closed', solution: SOLUTION });
      expect(theirs.text).not.toContain(HIDDEN);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `close-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
