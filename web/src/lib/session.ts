/**
 * What the browser knows about a session without asking: the API sets a readable
 * `hd_signed_in` marker beside its HttpOnly session cookie (and removes both on sign-out).
 * Without the marker the visitor is signed out, and the portal does not call `/me` to learn it.
 */
const MARKER = /(?:^|;\s*)hd_signed_in=1(?:;|$)/;

/** Whether a session may exist (the marker is there); only `/me` can confirm it. */
export function maybeSignedIn(): boolean {
  return MARKER.test(globalThis.document?.cookie ?? '');
}

/** Drops the marker once the API said the session is gone, so the next page does not ask again. */
export function forgetSignedIn(): void {
  if (globalThis.document) document.cookie = 'hd_signed_in=; Path=/; Max-Age=0; SameSite=Lax';
}

/**
 * For a page's load: starts `load` at once when a session may exist, so its request runs beside
 * the portal's and `me`'s instead of after them; the page awaits it after its session checks.
 * Its failure surfaces only when awaited (a redirect may leave it unused).
 */
export function early<T>(load: () => Promise<T>): Promise<T> | undefined {
  if (!maybeSignedIn()) return undefined;
  const p = load();
  p.catch(() => {});
  return p;
}

const LANGUAGE = /(?:^|;\s*)hd_lang=(de|en)(?:;|$)/;

/**
 * The language of the account last signed in on this device (a readable `hd_lang` cookie the API
 * sets at sign-in and on a change of language): the first page loads that language's texts
 * beside `/me` instead of the browser's and then the account's. Only a hint; `/me` decides.
 */
export function signedInLanguage(): 'de' | 'en' | undefined {
  return maybeSignedIn() ? (LANGUAGE.exec(globalThis.document?.cookie ?? '')?.[1] as 'de' | 'en' | undefined) : undefined;
}
