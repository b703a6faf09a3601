/**
 * Accessibility of every page of the portal and the workspace, measured by axe-core (WCAG 2.0
 * and 2.1, levels A and AA) in Debian's Chromium: signed out, as a customer and as an admin, in
 * German and English, for a tenant with a light brand colour and one with a dark one. Any
 * violation fails, named with its rule and elements. Beside it, what a keyboard user relies on:
 * the skip links, focus on the new page's heading after navigating, Escape closing the phone
 * menu; and that the signed-out portal asks nothing it would get a 401 for, and the strict
 * Content-Security-Policy blocks nothing the app needs.
 *
 * axe-core comes from npm and is evaluated in the page over the DevTools protocol (an injected
 * <script> would be refused by the app's own CSP, which is the point of that policy).
 * Needs the web build (`npm run build:web`). Screenshots: test-results/browser-a11y/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import type { UserClient } from '../support/api.ts';
import { launchBrowser, newUser, poll, seen, shot, type User, axeViolations } from './browser.ts';
import { TEXTS } from './texts.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-a11y';

/** A light brand colour (dark text on it) and a dark one (white text on it). */
const COLOURS = { light: '#ffd43b', dark: '#1b2a4a' } as const;
const LANGS = ['de', 'en'] as const;

interface Org {
  tenant: TestTenant;
  customer: UserClient;
  ticket: number;
}

let browser: Browser;
const orgs = {} as Record<keyof typeof COLOURS, Org>;

beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
  for (const [name, colour] of Object.entries(COLOURS) as [keyof typeof COLOURS, string][]) {
    const tenant = await newTenant(`a11y-${name}`);
    const b = await tenant.admin.patch('/api/v1/tenant', { branding: { primaryColor: colour, title: `A11y ${name}` } });
    expect(b.status, b.text).toBe(200);
    const customer = await newCustomer(tenant, 'Alma Access');
    const t = await customer.client.post('/api/v1/tickets', { subject: 'Printer offline', description: 'Since Monday.', priority: 'high' });
    expect(t.status, t.text).toBe(201);
    const answer = await tenant.admin.post(`/api/v1/tickets/${t.json.ticket.number}/messages`, { body: 'Is it switched on?' });
    expect(answer.status, answer.text).toBe(201);
    const colleague = await newStaff(tenant, 'agent', 'Nils Note');
    expect((await colleague.client.post(`/api/v1/tickets/${t.json.ticket.number}/messages`, { body: '@Ada please look', internal: true })).status).toBe(201);
    orgs[name] = { tenant, customer: customer.client, ticket: t.json.ticket.number as number };
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** A browser user in language `lang`, signed in with `client`'s cookies if given. */
async function visitor(lang: (typeof LANGS)[number], client?: UserClient, width = 1280): Promise<User> {
  const u = await newUser(browser, { width, height: 900, locale: lang === 'de' ? 'de-DE' : 'en-GB', baseURL: baseUrl });
  await u.context.addInitScript((l) => localStorage.setItem('helpdesk.lang', l), lang);
  if (client) await u.context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
  return u;
}

/** Opens `path` and waits until its heading is shown and its requests are done. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await seen(page.getByRole('heading', { level: 1 }).first());
  await page.waitForLoadState('networkidle');
}

/** Records what the page's Content-Security-Policy blocked. */
function cspViolations(page: Page): string[] {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  return blocked;
}

for (const colour of Object.keys(COLOURS) as (keyof typeof COLOURS)[]) {
  for (const lang of LANGS) {
    describe(`axe WCAG 2.1 AA, ${colour} brand colour, ${lang}`, () => {
      it(
        'signed out: landing, sign-up, sign-in, register, forgotten password, links with a bad token, unknown portal, not found',
        { timeout: 120_000 },
        async () => {
          const { tenant } = orgs[colour];
          const u = await visitor(lang);
          try {
            const blocked = cspViolations(u.page);
            const found: string[] = [];
            for (const path of [
              '/',
              '/signup',
              `/${tenant.slug}/`,
              `/${tenant.slug}/register`,
              `/${tenant.slug}/forgot`,
              `/${tenant.slug}/reset?token=not-a-real-token-123`,
              `/${tenant.slug}/verify?token=not-a-real-token-123`,
              `/${tenant.slug}/invite?token=not-a-real-token-123`,
              '/no-such-portal-a11y/',
              `/${tenant.slug}/no/such/page`,
            ]) {
              await open(u.page, path);
              for (const v of await axeViolations(u.page)) found.push(`${path}: ${v}`);
            }
            expect(found).toEqual([]);
            expect(blocked).toEqual([]);
            expect(u.errors).toEqual([]);
          } finally {
            await u.context.close();
          }
        },
      );

      it('a customer: my requests, a new request, a request with its answer', { timeout: 90_000 }, async () => {
        const { tenant, customer, ticket } = orgs[colour];
        const u = await visitor(lang, customer);
        try {
          const blocked = cspViolations(u.page);
          const found: string[] = [];
          for (const path of [`/${tenant.slug}/`, `/${tenant.slug}/new`, `/${tenant.slug}/tickets/${ticket}`]) {
            await open(u.page, path);
            for (const v of await axeViolations(u.page)) found.push(`${path}: ${v}`);
          }
          await shot(u.page, `customer-ticket-${colour}-${lang}`, SHOTS);
          expect(found).toEqual([]);
          expect(blocked).toEqual([]);
        } finally {
          await u.context.close();
        }
      });

      it('the workspace: every work list, a new ticket, a ticket, the templates, the administration', { timeout: 120_000 }, async () => {
        const { tenant, ticket } = orgs[colour];
        const u = await visitor(lang, tenant.admin);
        try {
          const blocked = cspViolations(u.page);
          const found: string[] = [];
          for (const path of [
            `/${tenant.slug}/agent`,
            `/${tenant.slug}/agent?tab=support_waiting`,
            `/${tenant.slug}/agent?tab=all`,
            `/${tenant.slug}/agent?tab=mine`,
            `/${tenant.slug}/agent?tab=to_accept`,
            `/${tenant.slug}/agent?tab=all&scope=both`,
            `/${tenant.slug}/agent/new`,
            `/${tenant.slug}/agent/tickets/${ticket}`,
            `/${tenant.slug}/agent/templates`,
            `/${tenant.slug}/admin`,
            `/${tenant.slug}/admin/teams`,
            `/${tenant.slug}/admin/routing`,
            // ==== sla admin (issue 7) ====
            `/${tenant.slug}/admin/sla/calendars`,
            `/${tenant.slug}/admin/sla/policies`,
            // ==== end sla admin ====
            `/${tenant.slug}/agent/settings`,
          ]) {
            await open(u.page, path);
            for (const v of await axeViolations(u.page)) found.push(`${path}: ${v}`);
          }
          // the bell's list, open, with the colleague's mention in it (in the admin's own language)
          await poll(async () => (await tenant.admin.get('/api/v1/notifications')).json.unread, 20_000).toBe(1);
          await u.page
            .getByRole('banner')
            .getByRole('button', { name: /^(Benachrichtigungen|Notifications)/ })
            .click();
          await seen(u.page.locator('#notification-panel li'));
          for (const v of await axeViolations(u.page)) found.push(`bell: ${v}`);
          await shot(u.page, `admin-${colour}-${lang}`, SHOTS);
          expect(found).toEqual([]);
          expect(blocked).toEqual([]);
        } finally {
          await u.context.close();
        }
      });

      it('the workflow dialogs on a ticket (assign, close), on a phone and a desktop', { timeout: 90_000 }, async () => {
        const { tenant, ticket } = orgs[colour];
        const found: string[] = [];
        for (const width of [375, 1280]) {
          const u = await visitor(lang, tenant.admin, width);
          try {
            await open(u.page, `/${tenant.slug}/agent/tickets/${ticket}`);
            for (const action of ['assign', 'close']) {
              await u.page.getByTestId(`action-${action}`).click();
              const dialog = await seen(u.page.getByRole('dialog'));
              for (const v of await axeViolations(u.page)) found.push(`${action} dialog at ${width}: ${v}`);
              await shot(u.page, `dialog-${action}-${colour}-${lang}-${width}`, SHOTS);
              await u.page.keyboard.press('Escape');
              await poll(() => dialog.isVisible()).toBe(false);
            }
          } finally {
            await u.context.close();
          }
        }
        expect(found).toEqual([]);
      });

      it('on a phone, with the menu open', { timeout: 60_000 }, async () => {
        const { tenant, customer } = orgs[colour];
        const u = await visitor(lang, customer, 375);
        try {
          await open(u.page, `/${tenant.slug}/`);
          await u.page.getByRole('banner').getByRole('button', { name: TEXTS[lang].menu }).click();
          await seen(u.page.getByRole('navigation', { name: TEXTS[lang].mainNav }));
          expect(await axeViolations(u.page)).toEqual([]);
          await shot(u.page, `phone-menu-${colour}-${lang}`, SHOTS);
        } finally {
          await u.context.close();
        }
      });
    });
  }
}

describe('keyboard and loading', () => {
  it('the signed-out portal asks nothing it would get a 401 for, and logs no error', { timeout: 30_000 }, async () => {
    const { tenant } = orgs.dark;
    const u = await visitor('en');
    try {
      const asked: string[] = [];
      const consoleErrors: string[] = [];
      u.page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      u.page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      await open(u.page, `/${tenant.slug}/`);
      expect(asked).toContain(`/api/v1/portals/${tenant.slug}`);
      expect(asked).not.toContain('/api/v1/me');
      expect(consoleErrors).toEqual([]);
    } finally {
      await u.context.close();
    }
  });

  it(
    'skip links lead to the content and to the ticket list; after navigating, focus is on the new page’s heading, after sending on the outcome',
    { timeout: 30_000 },
    async () => {
      const { tenant, customer, ticket } = orgs.dark;
      const T = TEXTS.en;
      const u = await visitor('en', customer);
      try {
        const p = u.page;
        await open(p, `/${tenant.slug}/`);
        await p.keyboard.press('Tab');
        expect(await p.evaluate(() => document.activeElement?.textContent?.trim())).toBe(T.skipToContent);
        await p.keyboard.press('Tab');
        expect(await p.evaluate(() => document.activeElement?.textContent?.trim())).toBe(T.skipToList);
        await p.keyboard.press('Enter');
        await poll(() => p.evaluate(() => document.activeElement?.id)).toBe('ticket-list');

        await p
          .getByTestId('ticket-row')
          .getByRole('link', { name: `#${ticket}`, exact: true })
          .click();
        await p.waitForURL(`**/${tenant.slug}/tickets/${ticket}`);
        await poll(() => p.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent?.trim() : null))).toBe(
          `#${ticket} Printer offline`,
        );

        // after sending, focus is on the outcome, not lost to the page
        await p.getByLabel(T.replyLabel).fill('Yes, it is switched on.');
        await p.getByRole('button', { name: T.send, exact: true }).click();
        await poll(() =>
          p.evaluate(() => (document.activeElement?.getAttribute('role') === 'status' ? document.activeElement.textContent?.trim() : null)),
        ).toBe(T.sent);
      } finally {
        await u.context.close();
      }
    },
  );

  it('on a phone, Escape closes the menu and returns focus to its button', { timeout: 30_000 }, async () => {
    const { tenant, customer } = orgs.light;
    const T = TEXTS.de;
    const u = await visitor('de', customer, 375);
    try {
      const p = u.page;
      await open(p, `/${tenant.slug}/`);
      const toggle = p.getByRole('banner').getByRole('button', { name: T.menu });
      await toggle.click();
      await poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      await p.getByRole('navigation', { name: T.mainNav }).getByRole('link').first().focus();
      await p.keyboard.press('Escape');
      await poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('site-menu');
    } finally {
      await u.context.close();
    }
  });
});

describe('axe on the ticket page while someone else is answering (K14)', () => {
  it.each(LANGS)('%s: the notice with its take-over button, then what changed after a refused answer', { timeout: 60_000 }, async (lang) => {
    const { tenant, customer } = orgs.dark;
    const kim = await newStaff(tenant, 'agent', 'Kim Agent');
    const n = (await customer.post('/api/v1/tickets', { subject: 'Scanner offline', description: 'Since Tuesday.' })).json.ticket.number as number;
    expect((await kim.client.post(`/api/v1/tickets/${n}/lock`, {})).status).toBe(200);
    // the page in the reader's language: a coordinator (who answers new tickets) whose account speaks it
    const ben = await newStaff(tenant, 'coordinator', 'Ben Agent');
    expect((await ben.client.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const u = await visitor(lang, ben.client);
    try {
      const p = u.page;
      await open(p, `/${tenant.slug}/agent/tickets/${n}`);
      await p.locator('#reply-body').fill('Is it plugged in?');
      await seen(p.getByTestId('lock-status').getByText('Kim Agent', { exact: false }));
      const found = (await axeViolations(p)).map((v) => `answering: ${v}`);
      // Kim stops, the customer writes meanwhile: the admin's answer is refused, showing the change
      expect((await kim.client.delete(`/api/v1/tickets/${n}/lock`)).status).toBe(204);
      expect((await customer.post(`/api/v1/tickets/${n}/messages`, { body: 'Now it works again' })).status).toBe(201);
      const send = p
        .locator('form')
        .filter({ has: p.locator('#reply-body') })
        .getByRole('button', { name: TEXTS[lang].sendAnswer });
      await poll(() => send.isDisabled(), 20_000).toBe(false);
      await send.click();
      await seen(p.getByTestId('ticket-changed'));
      for (const v of await axeViolations(p)) found.push(`changed: ${v}`);
      await shot(p, `ticket-locking-${lang}`, SHOTS);
      expect(found).toEqual([]);
    } finally {
      await u.context.close();
    }
  });
});

// ==== sla tickets (issue 7) ====
describe('axe on the SLA badges, the list’s SLA filter and order, and the clocks panel (issue 7)', () => {
  const urgent = {} as Record<keyof typeof COLOURS, number>;
  beforeAll(async () => {
    for (const colour of Object.keys(COLOURS) as (keyof typeof COLOURS)[]) {
      const { tenant, customer } = orgs[colour];
      const policy = await tenant.admin.post('/api/v1/sla-policies', {
        name: 'Urgent',
        match: { priorities: ['urgent'] },
        calendarId: '24x7',
        targets: { firstResponseMinutes: 240, resolutionMinutes: 480 },
        warnAtPercent: 80,
        escalation: [],
      });
      expect(policy.status, policy.text).toBe(201);
      const t = await customer.post('/api/v1/tickets', {
        subject: 'Door lock broken',
        description: 'Since today.',
        priority: 'urgent',
        requestedDueDate: '2099-12-24',
      });
      expect(t.status, t.text).toBe(201);
      urgent[colour] = t.json.ticket.number as number;
    }
  }, 60_000);

  for (const colour of Object.keys(COLOURS) as (keyof typeof COLOURS)[]) {
    it.each(LANGS)(
      `${colour} brand colour, %s: the overview with a badge, filtered and due first, and the ticket’s clocks`,
      { timeout: 60_000 },
      async (lang) => {
        const { tenant } = orgs[colour];
        const found: string[] = [];
        for (const width of [375, 1280]) {
          const u = await visitor(lang, tenant.admin, width);
          try {
            await open(u.page, `/${tenant.slug}/agent?tab=all`);
            await seen(u.page.getByTestId('sla-badge').first());
            for (const v of await axeViolations(u.page)) found.push(`overview at ${width}: ${v}`);
            await open(u.page, `/${tenant.slug}/agent?tab=all&sla=at_risk&order=due`);
            await seen(u.page.getByTestId('sla-bar'));
            for (const v of await axeViolations(u.page)) found.push(`at risk, due first at ${width}: ${v}`);
            await open(u.page, `/${tenant.slug}/agent/tickets/${urgent[colour]}`);
            await seen(u.page.getByTestId('sla-clock').first());
            for (const v of await axeViolations(u.page)) found.push(`clocks at ${width}: ${v}`);
            await shot(u.page, `sla-clocks-${colour}-${lang}-${width}`, SHOTS);
          } finally {
            await u.context.close();
          }
        }
        expect(found).toEqual([]);
      },
    );
  }
});
// ==== end sla tickets ====
