/**
 * Lighthouse's mobile performance score (default config: a mid-range phone on slow 4G,
 * simulated throttling) of a page of the local stack, median of a few runs, in Debian's Chromium
 * driven by playwright-core (no browser download). Cookies given are set first, so a signed-in
 * page (the agent workspace) can be measured; Lighthouse clears cache and storage but keeps
 * cookies between its own steps.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { freePort } from '../../infra/local/ports.ts';

export interface LighthouseResult {
  /** Performance score 0–100 (median run). */
  score: number;
  /** Largest Contentful Paint and Total Blocking Time of that run, in ms. */
  lcp: number;
  tbt: number;
  runs: number;
  /** Where the page ended up (a signed-in page must not have become the sign-in form). */
  finalUrl: string;
  /** The main heading shown at the end. */
  heading: string;
}

/** Measures `url` `runs` times; the median run by score. */
export async function lighthouseMobile(
  url: string,
  opts: { cookies?: { name: string; value: string }[]; runs?: number; chromium?: string } = {},
): Promise<LighthouseResult> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'helpdesk-lighthouse-'));
  // a persistent context is the browser's default one, where Lighthouse opens its tab
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: opts.chromium ?? process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      `--remote-debugging-port=${port}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    if (opts.cookies?.length) await context.addCookies(opts.cookies.map((c) => ({ ...c, url: new URL('/', url).href })));
    const results: LighthouseResult[] = [];
    for (let i = 0; i < (opts.runs ?? 3); i++) {
      const r = await lighthouse(url, { port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
      const lhr = r?.lhr;
      if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr?.runtimeError?.message ?? 'no result'}`);
      // LIGHTHOUSE_REPORTS=<dir>: keep each run's whole report, to read its diagnostics
      if (process.env.LIGHTHOUSE_REPORTS)
        writeFileSync(join(process.env.LIGHTHOUSE_REPORTS, `${new URL(url).pathname.replaceAll('/', '_')}-${i}.json`), JSON.stringify(lhr));
      results.push({
        score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        runs: 1,
        finalUrl: lhr.finalDisplayedUrl,
        heading: '',
      });
    }
    const sorted = results.sort((a, b) => a.score - b.score);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    const heading = (await page.locator('main h1').first().textContent())?.trim() ?? '';
    return { ...sorted[Math.floor(sorted.length / 2)]!, runs: sorted.length, heading };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
