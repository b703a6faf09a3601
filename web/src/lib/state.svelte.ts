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
 * UI state shared by every page. `chosen` is the user's explicit pick (localStorage),
 * `fallback` the tenant's (or user's) default; the chosen one wins.
 */
export const ui = $state<{ chosen: Language | null; fallback: Language; timeZone: string | undefined }>({
  chosen: stored(),
  fallback: browserLanguage(),
  timeZone: undefined,
});

export function lang(): Language {
  return ui.chosen ?? ui.fallback;
}

export function chooseLanguage(l: Language): void {
  ui.chosen = l;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The default when the user has not chosen: the portal's, or the browser's outside a portal. */
export function setFallbackLanguage(l: Language | undefined): void {
  ui.fallback = l ?? browserLanguage();
}

export function setTimeZone(tz: string | undefined): void {
  ui.timeZone = tz;
}
