/**
 * The admin page's team section through the real UI, in German on a 375 px phone and in
 * English on a 1280 px desktop: a role change and a removal sign the person out at once, and a
 * settings save on a version another admin has moved on from shows the conflict instead of
 * silently undoing the other change.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { forEachViewport, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';
import { createUser } from '../../shared/db/store.ts';
import { newId } from '../../shared/ids.ts';

const SHOTS = 'test-results/browser-team';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    team: 'Team und Konten',
    roleOf: (n: string) => `Rolle von ${n}`,
    coordinator: 'Koordinator',
    roleChanged: (n: string) => `${n} ist jetzt Koordinator und wurde abgemeldet.`,
    search: 'Kunden nach Anfang von Name oder E-Mail-Adresse suchen',
    searchSubmit: 'Suchen',
    removeOf: (n: string) => `${n} entfernen`,
    removeConfirm: 'Ja, entfernen',
    removed: (n: string) => `Das Konto von ${n} wurde entfernt.`,
    branding: 'Portal und Erscheinungsbild',
    portalTitle: 'Portal-Titel',
    save: 'Speichern',
    conflict: 'Jemand hat dies inzwischen geändert. Bitte neu laden und erneut versuchen.',
    searchCustomer: 'Kunden suchen',
    moreCustomers: 'Weitere anzeigen',
  },
  en: {
    team: 'Team and accounts',
    roleOf: (n: string) => `Role of ${n}`,
    coordinator: 'Coordinator',
    roleChanged: (n: string) => `${n} is now Coordinator and has been signed out.`,
    search: 'Find a customer by the start of the name or email address',
    searchSubmit: 'Search',
    removeOf: (n: string) => `Remove ${n}`,
    removeConfirm: 'Yes, remove',
    removed: (n: string) => `The account of ${n} has been removed.`,
    branding: 'Portal and branding',
    portalTitle: 'Portal title',
    save: 'Save',
    conflict: 'Someone changed this meanwhile. Please reload and try again.',
    searchCustomer: 'Search customer',
    moreCustomers: 'Show more',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('the team section', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('changes a role and removes an account, each signing the person out; a stale settings save shows the conflict', { timeout: 90_000 }, async () => {
    const t = await newTenant(`team-${lang}`, lang);
    const other = await newTenant(`team-${lang}`, lang);
    const agent = await newStaff(t, 'agent', 'Arne Agent');
    const customer = await newCustomer(t, 'Greta Gone');
    const namesake = await newCustomer(other, 'Greta Gone');
    const u = await signedInPage(browser(), v, t.admin);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/admin`);
      const team = await seen(p.getByRole('region', { name: T.team }));

      await team.getByLabel(T.roleOf('Arne Agent'), { exact: true }).selectOption({ label: T.coordinator });
      await seen(team.getByRole('status').filter({ hasText: T.roleChanged('Arne Agent') }));
      expect((await agent.client.get('/api/v1/me')).status).toBe(401);

      await team.getByLabel(T.search, { exact: true }).fill('greta');
      await team.getByRole('button', { name: T.searchSubmit }).click();
      await team.getByRole('button', { name: T.removeOf('Greta Gone') }).click();
      await team.getByRole('button', { name: T.removeConfirm }).click();
      await seen(team.getByRole('status').filter({ hasText: T.removed('Greta Gone') }));
      expect((await customer.client.get('/api/v1/me')).status).toBe(401);
      // the other organisation's Greta is untouched
      expect((await namesake.client.get('/api/v1/me')).status).toBe(200);

      // another admin (here: the API) saves first; this page still shows the old version
      expect((await t.admin.patch('/api/v1/tenant', { branding: { title: 'Saved elsewhere' }, version: 0 })).status).toBe(200);
      const branding = p.getByRole('region', { name: T.branding });
      await branding.getByLabel(T.portalTitle, { exact: true }).fill('Saved here');
      await branding.getByRole('button', { name: T.save }).click();
      await seen(branding.getByRole('alert').filter({ hasText: T.conflict }));
      expect((await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json.branding.title).toBe('Saved elsewhere');

      // the contact picker shows a page of matches and pages on: none of 30 namesakes is out of reach
      for (let i = 0; i < 30; i++) {
        const email = `kai.${String(i).padStart(2, '0')}@kai.example`;
        await createUser(t.id, {
          kind: 'user',
          userId: newId(),
          name: `Kai Kunde ${String(i).padStart(2, '0')}`,
          email,
          role: 'customer',
          emailVerified: true,
          createdAt: new Date().toISOString(),
        });
      }
      await p.goto(`/${t.slug}/agent/new`);
      await p.getByLabel(T.searchCustomer, { exact: true }).fill('kai k');
      await poll(() => p.getByTestId('contact-option').count()).toBe(25);
      await p.getByRole('button', { name: T.moreCustomers }).click();
      await poll(() => p.getByTestId('contact-option').count()).toBe(30);
      expect(await p.getByRole('button', { name: T.moreCustomers }).count()).toBe(0);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `team-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
