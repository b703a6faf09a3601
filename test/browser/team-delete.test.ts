/**
 * Deleting a team through the real UI (issue 6), in German on a 375 px phone and in English on a
 * 1280 px desktop: the admin asks to delete a team, confirms, and is told in their language that
 * a ticket still waits untaken in its queue; once a member took it, the deletion goes through,
 * the page says which routing rule went with it, the routing page records it, and the ticket
 * still names the team, marked as deleted.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-team-delete';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    team: '1st Level',
    teamsLink: 'Teams',
    routingLink: 'Zuweisungsregeln',
    back: '← Zurück zur Verwaltung',
    delete: 'Team löschen: 1st Level',
    confirm: '„1st Level“ löschen?',
    yes: 'Ja, löschen',
    refused: 'In der Warteschlange dieses Teams warten noch Tickets, die niemand übernommen hat (1).',
    deleted: 'Team „1st Level“ gelöscht. Entfernte Zuweisungsregeln: Regel 1.',
    removedTitle: 'Mit einem gelöschten Team entfernt',
    removedItem: 'Regel 1 (an Team 1st Level), entfernt am',
    label: '1st Level (gelöschtes Team)',
  },
  en: {
    team: '1st level',
    teamsLink: 'Teams',
    routingLink: 'Routing rules',
    back: '← Back to administration',
    delete: 'Delete team 1st level',
    confirm: 'Delete “1st level”?',
    yes: 'Yes, delete',
    refused: 'Tickets nobody has taken yet still wait in this team’s queue (1).',
    deleted: 'Team “1st level” deleted. Routing rules removed: Rule 1.',
    removedTitle: 'Removed with a deleted team',
    removedItem: 'Rule 1 (to team 1st level), removed',
    label: '1st level (deleted team)',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('deleting a team', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('is refused while a ticket waits in its queue, then goes through and leaves the ticket its name', { timeout: 120_000 }, async () => {
    const t = await newTenant(`teamdel-ui-${lang}`, lang);
    const ben = await newStaff(t, 'agent', 'Ben Berger');
    const customer = await newCustomer(t, 'Anna Kunde');
    const team = await t.admin.post('/api/v1/teams', { name: { de: '1st Level', en: '1st level' }, memberIds: [ben.id] });
    expect(team.status, team.text).toBe(201);
    await t.admin.put('/api/v1/routing', { rules: [{ when: { category: 'Drucker' }, then: { teamId: team.json.id } }], version: 0 });
    const ticket = await customer.client.post('/api/v1/tickets', { subject: 'Drucker klemmt', description: 'Papierstau.', category: 'Drucker' });
    const number = ticket.json.ticket.number;

    const u = await signedInPage(browser(), v, t.admin);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/admin`);
      await p.getByRole('link', { name: T.teamsLink, exact: true }).click();
      const card = await seen(p.getByRole('region', { name: T.team }));
      await card.getByRole('button', { name: T.delete }).click();
      await seen(card.getByText(T.confirm));
      await card.getByRole('button', { name: T.yes }).click();
      // the ticket in its queue stops it, said in the admin's language; the team stays
      await seen(card.getByRole('alert').filter({ hasText: T.refused }));
      expect(await p.getByRole('region', { name: T.team }).count()).toBe(1);
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `refused-${lang}-${width}`, SHOTS);

      // a member takes the ticket; now the deletion goes through and says what went with it
      expect((await ben.client.post(`/api/v1/tickets/${number}/take`, {})).status).toBe(200);
      await card.getByRole('button', { name: T.delete }).click();
      await card.getByRole('button', { name: T.yes }).click();
      await seen(p.getByRole('status').filter({ hasText: T.deleted }));
      await poll(() => p.getByRole('region', { name: T.team }).count()).toBe(0);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `deleted-${lang}-${width}`, SHOTS);

      // the routing page records the removed rule
      await p.getByRole('link', { name: T.back }).click();
      await p.getByRole('link', { name: T.routingLink, exact: true }).click();
      const removed = await seen(p.getByRole('region', { name: T.removedTitle }));
      expect(await removed.textContent()).toContain(T.removedItem);
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `routing-${lang}-${width}`, SHOTS);

      // the ticket still names its team, marked as deleted
      await p.goto(`/${t.slug}/agent/tickets/${number}`);
      await poll(() => p.getByTestId('ticket-team').textContent()).toBe(T.label);
      // and so does the history entry of the rule that routed it there
      await seen(p.getByTestId('history-entry').filter({ hasText: T.label }));
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `ticket-${lang}-${width}`, SHOTS);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `team-delete-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
