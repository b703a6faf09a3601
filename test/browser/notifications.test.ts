/**
 * The bell in the staff header (N1) through the real UI, in German on a 375 px phone and in
 * English on a 1280 px desktop: a new assignment shows up as an unread count without a reload
 * (the bell polls by itself), the list leads to the ticket and marks it read, "mark all read"
 * empties the count, Escape closes the list, and the mail settings page saves the reader's choice.
 *
 * The page's clock is Playwright's (`page.clock`): the spec moves it past the 15 s poll instead
 * of waiting for it, so nothing depends on how fast the machine is.
 * Needs the web build (`npm run build:web`) and Debian's Chromium. Screenshots: test-results/browser-notify/.
 */
import { expect, it } from 'vitest';
import type { EventItem } from '../../shared/db/items.ts';
import { getTicket, saveTicketChange } from '../../shared/db/store.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { forEachViewport, overflowsSideways, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-notify';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    bell: 'Benachrichtigungen',
    unread: (n: number) => `${n} ungelesen`,
    assigned: 'Cleo Coordinator hat Ihnen oder Ihrem Team ein Ticket zugewiesen',
    markAll: 'Alle als gelesen markieren',
    settingsLink: 'E-Mail-Einstellungen',
    settingsTitle: 'Benachrichtigungen per E-Mail',
    statusChanged: 'jemand anderes den Status meines Tickets ändert',
    save: 'Speichern',
    saved: 'Ihre E-Mail-Einstellungen sind gespeichert.',
  },
  en: {
    bell: 'Notifications',
    unread: (n: number) => `${n} unread`,
    assigned: 'Cleo Coordinator assigned a ticket to you or your team',
    markAll: 'Mark all read',
    settingsLink: 'Email settings',
    settingsTitle: 'Notifications by email',
    statusChanged: 'someone else changes the status of my ticket',
    save: 'Save',
    saved: 'Your email settings are saved.',
  },
} as const;

const browser = useBrowser(SHOTS);

/** The coordinator assigns a ticket to a person: what the workflow's `assignTicket` writes, through the store. */
async function assign(t: TestTenant, number: number, by: { id: string; name: string }, to: string): Promise<void> {
  const ticket = (await getTicket(t.id, number))!;
  const at = nowIso();
  const e: EventItem = { kind: 'event', id: newId(), type: 'assigned', actorId: by.id, actorName: by.name, at, to: `user:${to}` };
  await saveTicketChange(t.id, { ...ticket, assigneeId: to, stage: 'assigned', updatedAt: at }, ticket.version ?? 0, [e]);
}

/** The API's view of the agent's inbox, once the stream has produced `n` notifications (bounded). */
async function produced(client: UserClient, n: number): Promise<void> {
  await poll(async () => (await client.get('/api/v1/notifications')).json.items.length, 20_000).toBe(n);
}

forEachViewport('the bell', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('shows a new assignment without a reload, leads to the ticket, marks read; the settings save', { timeout: 90_000 }, async () => {
    const t = await newTenant(`bell-${lang}`, lang);
    const cleo = await newStaff(t, 'coordinator', 'Cleo Coordinator');
    const alex = await newStaff(t, 'agent', 'Alex Agent');
    const customer = await newCustomer(t, 'Carla Customer');
    const first = (await customer.client.post('/api/v1/tickets', { subject: 'Printer jams', description: 'Paper everywhere' })).json.ticket.number as number;
    const second = (await customer.client.post('/api/v1/tickets', { subject: 'Screen dark', description: 'Since Monday' })).json.ticket.number as number;

    const u = await signedInPage(browser(), v, alex.client);
    const p = u.page;
    await p.clock.install();
    try {
      await p.goto(`/${t.slug}/agent`);
      const bell = await seen(p.getByRole('banner').getByRole('button', { name: T.bell }));
      expect(await p.getByTestId('bell-count').count()).toBe(0);

      // the coordinator assigns two tickets while the page stays open
      await assign(t, first, { id: cleo.id, name: 'Cleo Coordinator' }, alex.id);
      await assign(t, second, { id: cleo.id, name: 'Cleo Coordinator' }, alex.id);
      await produced(alex.client, 2);
      await p.clock.fastForward(16_000); // past the next poll
      await poll(() => p.getByTestId('bell-count').textContent()).toBe('2');
      expect(await bell.getAttribute('aria-expanded')).toBe('false');
      expect((await bell.textContent())?.replace(/\s+/g, ' ')).toContain(T.unread(2));

      await bell.click();
      const panel = await seen(p.getByRole('region', { name: T.bell }));
      const items = panel.getByRole('link').filter({ hasText: T.assigned });
      await poll(() => items.count()).toBe(2);
      await expect(items.first().textContent()).resolves.toContain(`#${second} Screen dark`); // newest first
      expect(await overflowsSideways(p)).toBe(false);
      await shot(p, `bell-open-${lang}-${width}`, SHOTS);
      // Escape closes the list and gives focus back to the bell
      await p.keyboard.press('Escape');
      await poll(() => p.getByRole('region', { name: T.bell }).count()).toBe(0);
      expect(await bell.evaluate((el) => el === document.activeElement)).toBe(true);
      await bell.click();

      await items.filter({ hasText: `#${first} ` }).click();
      await p.waitForURL(`**/${t.slug}/agent/tickets/${first}`);
      await poll(() => p.getByTestId('bell-count').textContent()).toBe('1');
      await poll(async () => (await alex.client.get('/api/v1/notifications')).json.unread).toBe(1);

      await bell.click();
      await p.getByRole('region', { name: T.bell }).getByRole('button', { name: T.markAll }).click();
      await poll(() => p.getByTestId('bell-count').count()).toBe(0);
      expect((await alex.client.get('/api/v1/notifications')).json.unread).toBe(0);

      await p.getByRole('region', { name: T.bell }).getByRole('link', { name: T.settingsLink }).click();
      await seen(p.getByRole('heading', { level: 1, name: T.settingsTitle }));
      const box = p.getByRole('checkbox', { name: T.statusChanged });
      expect(await box.isChecked()).toBe(false);
      await box.check();
      await p.getByRole('button', { name: T.save }).click();
      await seen(p.getByRole('status').filter({ hasText: T.saved }));
      expect((await alex.client.get('/api/v1/me/notification-settings')).json.mail).toMatchObject({ status_changed: true, assigned: true });
      expect(await overflowsSideways(p)).toBe(false);
      await shot(p, `settings-${lang}-${width}`, SHOTS);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `bell-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
