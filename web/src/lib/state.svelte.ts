import type { Language } from './types.ts';

const STORAGE_KEY = 'helpdesk.lang';

function stored(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'de' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  const l = globalThis.navigator?.language ?? 'de';
  return l.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/**
 * UI state shared by every page. `account` is the signed-in user's language (kept on the
 * account, so it follows them to every device), `chosen` this device's explicit pick
 * (localStorage), `fallback` the portal's default; the first one set wins.
 */
export const ui = $state<{ account: Language | null; chosen: Language | null; fallback: Language; timeZone: string | undefined }>({
  account: null,
  chosen: stored(),
  fallback: browserLanguage(),
  timeZone: undefined,
});

export function lang(): Language {
  return ui.account ?? ui.chosen ?? ui.fallback;
}

/**
 * The texts come in parts (`base`: the sign-in page, the header and the error pages; `more`:
 * every other page), each a chunk per language. A page is shown only once the parts it needs
 * are loaded in the language it is shown in, so `t()` stays synchronous; a change of language
 * first loads every part needed so far in the new language, then switches.
 */
export type TextPart = 'base' | 'more';

const TEXTS: Record<Language, Record<TextPart, () => Promise<{ default: Record<string, string> }>>> = {
  de: { base: () => import('./texts/base.de.ts'), more: () => import('./texts/more.de.ts') },
  en: { base: () => import('./texts/base.en.ts'), more: () => import('./texts/more.en.ts') },
};

let texts = $state.raw<Partial<Record<Language, Record<string, string>>>>({});
// bookkeeping, never shown: plain (non-reactive) structures
const loads: Partial<Record<string, Promise<void>>> = {};
const wanted: TextPart[] = ['base'];

function loadTexts(l: Language, part: TextPart): Promise<void> {
  const id = `${part}.${l}`;
  let p = loads[id];
  if (!p) {
    p = TEXTS[l][part]().then(
      (m) => {
        texts = { ...texts, [l]: { ...texts[l], ...m.default } };
      },
      (e: unknown) => {
        delete loads[id]; // a failed chunk is fetched again next time
        throw e;
      },
    );
    loads[id] = p;
  }
  return p;
}

/** Every part needed so far, in language `l` (and any part asked for meanwhile). */
async function textsReady(l: Language): Promise<void> {
  let count: number;
  do {
    count = wanted.length;
    await Promise.all(wanted.map((part) => loadTexts(l, part)));
  } while (wanted.length !== count);
}

/** The texts of language `l` loaded so far. */
export function textsOf(l: Language): Record<string, string> | undefined {
  return texts[l];
}

/** Marks a part of the texts as needed, from now on in every language shown. */
export function wantTexts(part: TextPart): void {
  if (!wanted.includes(part)) wanted.push(part);
}

/**
 * For a load function: loads the texts needed so far, `part` among them, in the language shown.
 * `settled` (a page's `parent`) first lets the portal's layout settle that language; `part` is
 * marked before, so on a first visit the layout loads it together with `base`.
 */
export async function needTexts(part?: TextPart, settled?: () => Promise<unknown>): Promise<void> {
  if (part) wantTexts(part);
  await settled?.();
  await textsReady(lang());
}

/** Starts loading language `l`'s texts (on hover or focus of the switch), so choosing it is instant. */
export function preloadLanguage(l: Language): void {
  textsReady(l).catch(() => {});
}

let choice = 0;

/** The user's pick: loads its texts, then switches (the last pick wins if several overlap). */
export async function chooseLanguage(l: Language): Promise<void> {
  const mine = ++choice;
  await textsReady(l);
  if (mine !== choice) return;
  if (ui.account) ui.account = l; // signed in: the account keeps it too (see LangSwitch)
  ui.chosen = l;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/**
 * The default when the user has not chosen: the portal's, or the browser's outside a portal.
 * Resolves once the texts of the language then shown are loaded.
 */
export async function setFallbackLanguage(l: Language | undefined): Promise<void> {
  const fallback = l ?? browserLanguage();
  await textsReady(ui.chosen ?? fallback);
  ui.fallback = fallback;
}

/** The signed-in account's language (null when signed out here); resolves once its texts are loaded. */
export async function setAccountLanguage(l: Language | null): Promise<void> {
  if (l) await textsReady(l);
  ui.account = l;
}

export function setTimeZone(tz: string | undefined): void {
  ui.timeZone = tz;
}

// The first page's texts start with the app's code, not after the first load function asks.
preloadLanguage(lang());
