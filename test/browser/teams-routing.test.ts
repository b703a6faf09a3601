/**
 * Teams and routing through the real UI, in German on a 375 px phone and in English on a
 * 1280 px desktop: the admin creates a team with a member, adds a routing rule to it, and the
 * next portal ticket of that category shows in its history which rule routed it to which team;
 * a save of the rules on a version another admin has moved on from is refused and explained,
 * and the admin can load the current rules.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-teams';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    teamsLink: 'Teams',
    routingLink: 'Zuweisungsregeln',
    back: '← Zurück zur Verwaltung',
    nameDe: 'Name (Deutsch)',
    nameEn: 'Name (Englisch)',
    newTeam: 'Neues Team',
    create: 'Team anlegen',
    created: 'Team „Hardware-Support“ angelegt.',
    addRule: 'Regel hinzufügen',
    category: 'Kategorie ist',
    target: 'Ziel',
    toTeam: 'ein Team',
    team: 'Team',
    save: 'Regeln speichern',
    saved: 'Zuweisungsregeln gespeichert.',
    rule1: 'Regel 1',
    subject: 'Betreff enthält',
    conflict: 'Jemand anderes hat die Regeln inzwischen gespeichert.',
    reload: 'Aktuelle Regeln laden',
    routed: 'hat es per Regel 1 an Team Hardware-Support geleitet',
  },
  en: {
    teamsLink: 'Teams',
    routingLink: 'Routing rules',
    back: '← Back to administration',
    nameDe: 'Name (German)',
    nameEn: 'Name (English)',
    newTeam: 'New team',
    create: 'Create team',
    created: 'Team “Hardware support” created.',
    addRule: 'Add rule',
    category: 'Category is',
    target: 'Target',
    toTeam: 'a team',
    team: 'Team',
    save: 'Save rules',
    saved: 'Routing rules saved.',
    rule1: 'Rule 1',
    subject: 'Subject contains',
    conflict: 'Another admin saved the routing rules meanwhile.',
    reload: 'Load the current rules',
    routed: 'routed it by rule 1 to team Hardware support',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('teams and routing', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('the admin creates a team and a rule; the next ticket is routed by it; a stale save is explained', { timeout: 120_000 }, async () => {
    const t = await newTenant(`teams-ui-${lang}`, lang);
    await newStaff(t, 'agent', 'Ben Berger');
    const customer = await newCustomer(t, 'Anna Kunde');
    const u = await signedInPage(browser(), v, t.admin);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/admin`);
      await p.getByRole('link', { name: T.teamsLink, exact: true }).click();
      const create = await seen(p.getByRole('region', { name: T.newTeam }));
      await create.getByLabel(T.nameDe, { exact: true }).fill(lang === 'de' ? 'Hardware-Support' : 'Hardware-Support');
      await create.getByLabel(T.nameEn, { exact: true }).fill('Hardware support');
      await create.getByRole('checkbox', { name: /Ben Berger/ }).check();
      await create.getByRole('button', { name: T.create }).click();
      await seen(create.getByRole('status').filter({ hasText: T.created }));
      const card = await seen(p.getByRole('region', { name: lang === 'de' ? 'Hardware-Support' : 'Hardware support' }));
      expect(await card.getByRole('checkbox', { name: /Ben Berger/ }).isChecked()).toBe(true);
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `teams-${lang}-${width}`, SHOTS);

      await p.getByRole('link', { name: T.back }).click();
      await p.getByRole('link', { name: T.routingLink, exact: true }).click();
      await p.getByRole('button', { name: T.addRule }).click();
      const rule = p.getByTestId('rule').first();
      await rule.getByLabel(T.category, { exact: true }).fill('Hardware');
      await rule.getByLabel(T.target, { exact: true }).selectOption({ label: T.toTeam });
      await rule.getByLabel(T.team, { exact: true }).selectOption({ label: lang === 'de' ? 'Hardware-Support' : 'Hardware support' });
      await p.getByRole('button', { name: T.save }).click();
      await seen(p.getByRole('status').filter({ hasText: T.saved }));
      await seen(p.getByRole('heading', { name: T.rule1 }));
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `routing-${lang}-${width}`, SHOTS);

      // the customer's next Hardware ticket: the history names the rule and the team
      const ticket = await customer.client.post('/api/v1/tickets', { subject: 'Screen flickers', description: 'Since Monday.', category: 'hardware' });
      expect(ticket.status, ticket.text).toBe(201);
      await p.goto(`/${t.slug}/agent/tickets/${ticket.json.ticket.number}`);
      await seen(p.getByTestId('history-entry').filter({ hasText: T.routed }));

      // another admin (here: the API) saves the rules first; this page still shows version 1
      await p.goBack();
      await seen(p.getByRole('heading', { name: T.rule1 }));
      const current = (await t.admin.get('/api/v1/routing')).json;
      const elsewhere = await t.admin.put('/api/v1/routing', {
        rules: [...current.rules, { when: { channel: 'email' }, then: { coordinator: true } }],
        version: current.version,
      });
      expect(elsewhere.status, elsewhere.text).toBe(200);
      await p.getByTestId('rule').first().getByLabel(T.subject, { exact: true }).fill('printer');
      await p.getByRole('button', { name: T.save }).click();
      await seen(p.getByRole('alert').filter({ hasText: T.conflict }));
      expect(await p.getByRole('alert').count()).toBe(1);
      expect((await t.admin.get('/api/v1/routing')).json.rules).toEqual(elsewhere.json.rules);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `routing-conflict-${lang}-${width}`, SHOTS);
      await p.getByRole('button', { name: T.reload }).click();
      await expect.poll(() => p.getByTestId('rule').count()).toBe(2);
      expect(await p.getByTestId('rule').first().getByLabel(T.subject, { exact: true }).inputValue()).toBe('');
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `teams-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
