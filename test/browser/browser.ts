/**
 * Browser helpers for the UI specs: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), one context per user, and a few waits built on Playwright's
 * auto-waiting locators (no sleeps, no timing thresholds).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import type { Texts } from './texts.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
export const SHOTS_DIR = 'test-results/browser';

/**
 * Launch the system Chromium; a missing one fails the spec (CI installs it), it does not skip.
 * Empties `shotsDir` first: a spec running beside another passes its own, so neither wipes the other's.
 */
export async function launchBrowser(shotsDir: string = SHOTS_DIR): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (CI's .ci/run does). Browser specs never download a browser.`,
    );
  }
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface User {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: a healthy app has none. */
  errors: string[];
}

/** A fresh browser context (own cookie jar and storage) with one page. */
export async function newUser(browser: Browser, opts: { width: number; height: number; locale: string; baseURL: string; timezoneId?: string }): Promise<User> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.height },
    locale: opts.locale,
    baseURL: opts.baseURL,
    timezoneId: opts.timezoneId,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

export type Lang = 'de' | 'en';

/** One screen a journey runs on: its language and the viewport's size. */
export interface Viewport {
  lang: Lang;
  width: number;
  height: number;
}

/** The pair every journey runs in: German on a 375 px phone, English on a 1280 px desktop. */
export const VIEWPORTS: readonly Viewport[] = [
  { lang: 'de', width: 375, height: 740 },
  { lang: 'en', width: 1280, height: 800 },
];

/** The browser locale of a language (German as in Germany, English as in Britain). */
export const localeOf = (lang: Lang): string => (lang === 'de' ? 'de-DE' : 'en-GB');

/** A viewport's run: the users opened in it, whose contexts close after its block. */
export interface ViewportRun extends Viewport {
  users: User[];
}

/**
 * One `describe` block per viewport of VIEWPORTS, titled "<title> in <lang> at <width> px"; the
 * users its specs open with `signedInPage` are closed after the block.
 */
export function forEachViewport(title: string, body: (v: ViewportRun) => void): void {
  describe.each(VIEWPORTS.map((v) => ({ ...v })))(`${title} in $lang at $width px`, (viewport) => {
    const run: ViewportRun = { ...viewport, users: [] };
    afterAll(async () => {
      for (const u of run.users) await u.context.close();
    });
    body(run);
  });
}

/**
 * The spec file's browser: launched before its specs (emptying `shotsDir`), closed after them.
 * Returns a getter, as the browser exists only once `beforeAll` ran.
 */
export function useBrowser(shotsDir: string = SHOTS_DIR): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(shotsDir);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll: call the getter inside a spec or hook');
    return browser;
  };
}

/**
 * A browser user of its own (cookies, storage) at the viewport's size and locale, signed in
 * with an API client's session (no client: signed out). `pinLanguage` stores the viewport's
 * language as the web app's own choice, so the UI does not follow the account's language.
 * Opened in a `forEachViewport` block, it is closed after it and listed in its `users`.
 */
export async function signedInPage(
  browser: Browser,
  v: Viewport & { users?: User[] },
  client?: { cookies: Map<string, string> },
  opts: { timezoneId?: string; pinLanguage?: boolean; height?: number } = {},
): Promise<User> {
  const baseURL = inject('baseUrl');
  const u = await newUser(browser, { width: v.width, height: opts.height ?? v.height, locale: localeOf(v.lang), baseURL, timezoneId: opts.timezoneId });
  v.users?.push(u);
  if (opts.pinLanguage) await u.context.addInitScript((l) => localStorage.setItem('helpdesk.lang', l), v.lang);
  if (client) await u.context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseURL })));
  return u;
}

/** Wait until the locator is visible; returns it. */
export async function seen(l: Locator): Promise<Locator> {
  await l.waitFor({ state: 'visible' });
  return l;
}

/** Polls until `fn` satisfies the matcher (expect.poll with a usable timeout). */
export const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 50 });

/** The visible text of a locator, whitespace collapsed. */
export async function text(l: Locator): Promise<string> {
  return (await l.innerText()).replace(/\s+/g, ' ').trim();
}

/** The ticket numbers of the list, in the order shown. */
export function rowNumbers(page: Page): Promise<number[]> {
  return page.getByTestId('ticket-row').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.number)));
}

/** On a narrow screen the header menu is collapsed behind a "Menu" button: open it. */
export async function openMenu(page: Page, T: Texts): Promise<void> {
  const toggle = page.getByRole('banner').getByRole('button', { name: T.menu });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
  }
}

/** Follow a link of the header's main navigation, opening the menu first if needed. */
export async function navTo(page: Page, T: Texts, name: string): Promise<void> {
  await openMenu(page, T);
  await page.getByRole('navigation', { name: T.mainNav }).getByRole('link', { name, exact: true }).click();
}

/** Sign out from the header. */
export async function signOut(page: Page, T: Texts): Promise<void> {
  await openMenu(page, T);
  await page.getByRole('banner').getByRole('button', { name: T.signOut }).click();
}

/** Full-page screenshot into test-results/ (gitignored). */
export async function shot(page: Page, name: string, shotsDir: string = SHOTS_DIR): Promise<void> {
  await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
}

/** The page's body overflows sideways (content wider than the viewport). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * The error a form field announces: the texts of the elements its `aria-describedby` names
 * that are field errors (not hints), whitespace collapsed; null when it names none. What a
 * screen reader reads with the field, and what sits right under it on screen.
 */
export function fieldError(input: Locator): Promise<string | null> {
  return input.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const texts = ids
      .map((id) => document.getElementById(id))
      .filter((e): e is HTMLElement => !!e && e.classList.contains('field-error') && e.checkVisibility())
      .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
    return texts.length ? texts.join(' ') : null;
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The rule tags of WCAG 2.1 levels A and AA. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A/AA violations of the page as it is now, one line each (rule, impact,
 * where, and what fails): a spec expects none, and a failure says what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (c: Document, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_AA);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join(' | ')}`);
}
