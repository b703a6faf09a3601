/**
 * Accounts through the real UI, as their users notice them: a customer who forgot the
 * password resets it by mail; a registration with mistakes shows what is wrong next to the
 * fields; an invited coordinator joins once, and the invitation works only once.
 *
 * One organisation per language, its default language set by its admin (the organisation's
 * language decides: each browser's own locale is the *other* one): German on a 375 px phone,
 * English on a 1280 px desktop. "A session cookie does not open another tenant's workspace"
 * is the walkthrough's step 7 (isolation), not repeated here.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 * Screenshots: test-results/browser-accounts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkIn, waitForMail } from '../support/mail.ts';
import { newCustomer, newTenant, PASSWORD, type TestTenant } from '../support/tenants.ts';
import { fieldError, launchBrowser, newUser, openMenu, overflowsSideways, poll, seen, shot, signOut, text, type User } from './browser.ts';
import { TEXTS, type Lang, type Texts } from './texts.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-accounts';
/** Mail is polled every 100 ms: up to 20 s, for a busy machine. */
const MAIL_TRIES = 200;

/** Subjects of the mails (shared/mail/templates.ts), in both languages. */
const SUBJECT = {
  de: { reset: /: Passwort zurücksetzen$/, invitation: /^Einladung zu /, exists: /: Sie haben bereits ein Konto$/ },
  en: { reset: /: Reset your password$/, invitation: /^Invitation to /, exists: /: You already have an account$/ },
} as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  await browser?.close();
});

/** The language `newTenant` signs its admin up with. */
const ADMIN_LANG: Lang = 'en';

const MATRIX: { lang: Lang; width: number; height: number }[] = [
  { lang: 'de', width: 375, height: 740 },
  { lang: 'en', width: 1280, height: 800 },
];

/** Fill the portal's sign-in form and send it. */
async function signIn(p: Page, T: Texts, email: string, password: string): Promise<void> {
  const form = p.getByRole('main');
  await form.getByLabel(T.email, { exact: true }).fill(email);
  await form.getByLabel(T.password, { exact: true }).fill(password);
  await form.getByRole('button', { name: T.signInSubmit, exact: true }).click();
}

describe.each(MATRIX)('accounts in $lang at $width px', ({ lang, width, height }) => {
  const T = TEXTS[lang];
  const other: Lang = lang === 'de' ? 'en' : 'de';
  const combo = `${lang}-${width}`;
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await newTenant(`acc-${lang}`);
    // the organisation speaks `lang`: every page and mail of its portal, unless a user chooses otherwise
    const r = await tenant.admin.patch('/api/v1/tenant', { defaultLanguage: lang });
    expect(r.status, r.text).toBe(200);
  });

  /** Users of one spec (each its own browser context), screenshots on failure, errors checked at the end. */
  function session(spec: string) {
    const users: User[] = [];
    // the browser speaks the other language: what users see is the organisation's
    const locale = other === 'de' ? 'de-DE' : 'en-GB';
    return {
      users,
      open: async () => {
        const u = await newUser(browser, { width, height, locale, baseURL: baseUrl });
        users.push(u);
        return u;
      },
      step: async (name: string, fn: () => Promise<void>) => {
        try {
          await fn();
        } catch (e) {
          await Promise.all(users.map((u, i) => shot(u.page, `${combo}-${spec}-FAILED-${name.replace(/\W+/g, '-')}-${i}`, SHOTS).catch(() => {})));
          if (e instanceof Error) e.message = `[${combo}] ${name}: ${e.message}`;
          throw e;
        }
      },
      /** A screenshot; on a phone the page must not scroll sideways either. */
      snap: async (u: User, name: string) => {
        await shot(u.page, `${combo}-${spec}-${name}`, SHOTS);
        if (width < 700) expect(await overflowsSideways(u.page), `${name} scrolls sideways at ${width} px`).toBe(false);
      },
      close: async () => {
        await Promise.all(users.map((u) => u.context.close().catch(() => {})));
      },
    };
  }

  it('a customer who forgot the password resets it by mail and signs in with the new one', { timeout: 90_000 }, async () => {
    const s = session('reset');
    const name = lang === 'de' ? 'Rita Rücksetz' : 'Rita Reset';
    const customer = await newCustomer(tenant, name);
    const newPassword = `new-${lang}-password-2`;
    try {
      const u = await s.open();
      const p = u.page;
      let link!: URL;

      await s.step('1 ask for a link', async () => {
        await p.goto(`/${tenant.slug}/`);
        await seen(p.getByRole('heading', { level: 1, name: T.signInTitle }));
        expect(await p.evaluate(() => document.documentElement.lang)).toBe(lang);
        await p.getByRole('main').getByRole('link', { name: T.forgotLink }).click();
        await p.waitForURL(`**/${tenant.slug}/forgot`);
        await seen(p.getByRole('heading', { level: 1, name: T.forgotTitle }));
        await p.getByLabel(T.email, { exact: true }).fill(customer.email);
        await p.getByRole('button', { name: T.forgotSubmit }).click();
        await seen(p.getByRole('status').filter({ hasText: T.forgotDone(customer.email) }));
        // BUG: web/src/app.css `.alert` (no `overflow-wrap`) lets an address without a break
        // opportunity run out of the box: with this fixture's 39-character address the page is
        // wider than a 375 px phone and scrolls sideways (register.done's box has the same cause).
        if (width < 700) expect(await overflowsSideways(p), `the confirmation naming ${customer.email} scrolls sideways at ${width} px`).toBe(false);
        await s.snap(u, 'forgot-done');

        // the mail speaks the organisation's language
        const mail = await waitForMail(customer.email, { tries: MAIL_TRIES, subject: SUBJECT[lang].reset });
        expect(mail.subject).not.toMatch(SUBJECT[other].reset);
        link = linkIn(mail, `/${tenant.slug}/reset`);
        expect(link.searchParams.get('token')).toBeTruthy();
      });

      await s.step('2 choose a new password', async () => {
        await p.goto(link.toString());
        await seen(p.getByRole('heading', { level: 1, name: T.resetTitle }));
        // the token leaves the address bar (history, bookmarks, Referer) at once; the form still works with it
        await poll(() => p.url()).not.toContain('token=');
        expect(new URL(p.url()).pathname).toBe(`/${tenant.slug}/reset`);
        const pw = p.getByLabel(T.newPassword, { exact: true });
        const repeat = p.getByLabel(T.confirmPassword, { exact: true });
        // a typo in the repetition is caught next to the field
        await pw.fill(newPassword);
        await repeat.fill(`${newPassword}x`);
        await p.getByRole('button', { name: T.resetSubmit }).click();
        await poll(() => fieldError(repeat)).toBe(T.passwordMismatch);
        expect(await repeat.getAttribute('aria-invalid')).toBe('true');
        await repeat.fill(newPassword);
        await p.getByRole('button', { name: T.resetSubmit }).click();
        await seen(p.getByRole('status').filter({ hasText: T.resetDone }));
        await s.snap(u, 'reset-done');
      });

      await s.step('3 sign in with the new password', async () => {
        await p.getByRole('main').getByRole('link', { name: T.toSignIn }).click();
        await seen(p.getByRole('heading', { level: 1, name: T.signInTitle }));
        await signIn(p, T, customer.email, newPassword);
        await seen(p.getByRole('heading', { level: 1, name: T.myRequests }));
        await poll(() => p.getByTestId('user-name').textContent()).toBe(name);
        await signOut(p, T);
        await seen(p.getByRole('heading', { level: 1, name: T.signInTitle }));
      });

      await s.step('4 the old password is refused', async () => {
        await signIn(p, T, customer.email, PASSWORD);
        await seen(p.getByRole('alert').filter({ hasText: T.invalidCredentials }));
        await seen(p.getByRole('heading', { level: 1, name: T.signInTitle }));
        expect(await p.getByTestId('user-name').count()).toBe(0);
        await s.snap(u, 'old-password-refused');
      });

      await s.step('5 the link works only once', async () => {
        // without its token (as the address bar now shows it) the page says the link is incomplete
        await p.goto(`/${tenant.slug}/reset`);
        await seen(p.getByRole('alert').filter({ hasText: T.missingToken }));
        expect(await p.getByRole('button', { name: T.resetSubmit }).count()).toBe(0);

        await p.goto(link.toString());
        await seen(p.getByRole('heading', { level: 1, name: T.resetTitle }));
        // (the page learns that the link is used up when the new password is sent)
        await p.getByLabel(T.newPassword, { exact: true }).fill('third-password-3');
        await p.getByLabel(T.confirmPassword, { exact: true }).fill('third-password-3');
        await p.getByRole('button', { name: T.resetSubmit }).click();
        await seen(p.getByRole('alert').filter({ hasText: T.invalidToken }));
        expect(await p.getByRole('status').filter({ hasText: T.resetDone }).count()).toBe(0);
        await s.snap(u, 'link-used');

        // and it changed nothing: the new password still works, the attempted one does not
        await p.goto(`/${tenant.slug}/`);
        await signIn(p, T, customer.email, 'third-password-3');
        await seen(p.getByRole('alert').filter({ hasText: T.invalidCredentials }));
        await signIn(p, T, customer.email, newPassword);
        await seen(p.getByRole('heading', { level: 1, name: T.myRequests }));
      });

      for (const x of s.users) expect(x.errors, 'errors in the page').toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a registration shows field errors in the user’s language', { timeout: 60_000 }, async () => {
    const s = session('register');
    const existing = await newCustomer(tenant, lang === 'de' ? 'Erna Erstkundin' : 'Erin Early');
    try {
      const u = await s.open();
      const p = u.page;
      const main = p.getByRole('main');
      const nameField = main.getByLabel(T.name, { exact: true });
      const email = main.getByLabel(T.email, { exact: true });
      const password = main.getByLabel(T.password, { exact: true });
      const submit = main.getByRole('button', { name: T.registerSubmit, exact: true });

      await s.step('1 a too-short password and an invalid email', async () => {
        await p.goto(`/${tenant.slug}/register`);
        await seen(p.getByRole('heading', { level: 1, name: T.registerTitle }));
        expect(await p.evaluate(() => document.documentElement.lang)).toBe(lang);
        await nameField.fill('Nina Neu');
        await email.fill('nina-at-example');
        await password.fill('short');
        await submit.click();

        await seen(main.getByRole('alert').filter({ hasText: T.validationFailed }));
        await poll(() => fieldError(email)).toBe(T.fieldEmail);
        await poll(() => fieldError(password)).toBe(T.fieldTooShort(10));
        expect(await email.getAttribute('aria-invalid')).toBe('true');
        expect(await password.getAttribute('aria-invalid')).toBe('true');
        // the name was fine: no error there
        expect(await fieldError(nameField)).toBeNull();
        expect(await nameField.getAttribute('aria-invalid')).toBe('false');
        // nothing in the other language (the server's own wording is English)
        const body = await text(p.locator('body'));
        for (const t of [TEXTS[other].fieldEmail, TEXTS[other].fieldTooShort(10), TEXTS[other].validationFailed]) expect(body).not.toContain(t);
        if (lang === 'de') expect(body).not.toMatch(/Invalid|at least 10 characters/);
        await s.snap(u, 'field-errors');
      });

      await s.step('2 an email that already has an account: same answer on screen, a note by mail', async () => {
        await email.fill(existing.email);
        await password.fill('long-enough-password');
        await submit.click();
        // the page does not reveal that the address is registered…
        await seen(p.getByTestId('register-done'));
        expect(await p.getByRole('alert').count()).toBe(0);
        // …the owner learns it from the mail, in the organisation's language
        const mail = await waitForMail(existing.email, { tries: MAIL_TRIES, subject: SUBJECT[lang].exists });
        expect(mail.subject).not.toMatch(SUBJECT[other].exists);
        expect(linkIn(mail, `/${tenant.slug}/forgot`)).toBeDefined();
        await s.snap(u, 'email-exists');
      });

      for (const x of s.users) expect(x.errors, 'errors in the page').toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('an invited coordinator joins and lands in the workspace; the invitation cannot be used twice', { timeout: 90_000 }, async () => {
    const s = session('invite');
    const email = `coordinator-${lang}@${tenant.slug}.example`;
    const coordinatorName = lang === 'de' ? 'Konrad Koordinator' : 'Cody Coordinator';
    try {
      const admin = await s.open();
      const coordinator = await s.open();
      const latecomer = await s.open();
      let link!: URL;

      await s.step('1 the admin invites a coordinator', async () => {
        // The fixture's admin signed up in English: their own language wins over the
        // organisation's, so their pages are English while the invitation is the organisation's.
        const A = TEXTS[ADMIN_LANG];
        await admin.context.addCookies([...tenant.admin.cookies].map(([n, value]) => ({ name: n, value, url: baseUrl })));
        const p = admin.page;
        await p.goto(`/${tenant.slug}/admin`);
        await seen(p.getByRole('heading', { level: 1, name: A.adminTitle }));
        expect(await p.evaluate(() => document.documentElement.lang)).toBe(ADMIN_LANG);
        const invite = p.getByRole('region', { name: A.invite });
        await invite.getByLabel(A.email, { exact: true }).fill(email);
        await invite.getByLabel(A.role, { exact: true }).selectOption({ label: A.roleCoordinator });
        await invite.getByRole('button', { name: A.inviteSubmit }).click();
        await seen(invite.getByRole('status').filter({ hasText: A.invited(email) }));
        await s.snap(admin, 'invited');

        const mail = await waitForMail(email, { tries: MAIL_TRIES, subject: SUBJECT[lang].invitation });
        // in the organisation's language (not the inviting admin's), naming the role
        expect(mail.subject).not.toMatch(SUBJECT[other].invitation);
        expect(mail.body.text).toContain(lang === 'de' ? 'als Koordinator' : 'as coordinator');
        link = linkIn(mail, `/${tenant.slug}/invite`);
      });

      await s.step('2 the coordinator joins', async () => {
        const p = coordinator.page;
        await p.goto(link.toString());
        await seen(p.getByRole('heading', { level: 1, name: T.inviteTitle }));
        // the token leaves the address bar at once; joining still works with it
        await poll(() => p.url()).not.toContain('token=');
        expect(new URL(p.url()).pathname).toBe(`/${tenant.slug}/invite`);
        expect(await p.evaluate(() => document.documentElement.lang)).toBe(lang);
        await p.getByLabel(T.name, { exact: true }).fill(coordinatorName);
        await p.getByLabel(T.password, { exact: true }).fill(PASSWORD);
        await p.getByRole('button', { name: T.inviteJoin }).click();
        await p.waitForURL(`**/${tenant.slug}/agent`);
        await seen(p.getByRole('heading', { level: 1, name: T.workspace }));
        await poll(() => p.getByTestId('user-name').textContent()).toBe(coordinatorName);
        await seen(p.getByTestId('tab-new').filter({ hasText: T.tabNew }));
        // a coordinator works tickets but does not administer the organisation
        await openMenu(p, T);
        const nav = p.getByRole('navigation', { name: T.mainNav });
        await seen(nav.getByRole('link', { name: T.newTicket, exact: true }));
        expect(await nav.getByRole('link', { name: T.adminNav, exact: true }).count()).toBe(0);
        await s.snap(coordinator, 'workspace');
      });

      await s.step('3 the same link a second time', async () => {
        const p = latecomer.page;
        await p.goto(link.toString());
        await seen(p.getByRole('heading', { level: 1, name: T.inviteTitle }));
        await p.getByLabel(T.name, { exact: true }).fill('Second Try');
        await p.getByLabel(T.password, { exact: true }).fill(PASSWORD);
        await p.getByRole('button', { name: T.inviteJoin }).click();
        await seen(p.getByRole('alert').filter({ hasText: T.invalidToken }));
        expect(new URL(p.url()).pathname).toBe(`/${tenant.slug}/invite`);
        expect(p.url()).not.toContain('token=');
        expect(await p.getByTestId('user-name').count()).toBe(0);
        await s.snap(latecomer, 'invitation-used');
        // and nobody was signed in by it: the workspace sends this browser to the sign-in page
        await p.goto(`/${tenant.slug}/agent`);
        await seen(p.getByRole('heading', { level: 1, name: T.signInTitle }));
      });

      for (const x of s.users) expect(x.errors, 'errors in the page').toEqual([]);
    } finally {
      await s.close();
    }
  });
});
