import { config } from '../../../shared/config.ts';

export const SESSION_COOKIE = 'hd_session';

// Browsers refuse Secure cookies over plain http, which the local stack speaks on localhost.
const secure = () => !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(config.publicUrl);

/** Set-Cookie value for a new session. */
export function sessionCookie(token: string, maxAge: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure() ? '; Secure' : ''}`;
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure() ? '; Secure' : ''}`;
}

/**
 * A readable companion of the session cookie, holding no secret: it only tells the web app that a
 * session may exist, so a signed-out visitor's first page does not ask `/me` just to get a 401.
 */
export const SIGNED_IN_COOKIE = 'hd_signed_in';

/** Set-Cookie value of the signed-in marker, living as long as the session cookie. */
export function signedInCookie(maxAge: number): string {
  return `${SIGNED_IN_COOKIE}=1; Path=/; SameSite=Lax; Max-Age=${maxAge}${secure() ? '; Secure' : ''}`;
}

/** Set-Cookie value that removes the signed-in marker. */
export function clearedSignedInCookie(): string {
  return `${SIGNED_IN_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0${secure() ? '; Secure' : ''}`;
}

/**
 * The signed-in account's language, readable by the web app: its first page can load the texts
 * of that language beside the API calls instead of guessing from the browser and switching when
 * `/me` answers. Not a secret and outlives a session (the same person on this device).
 */
export const LANGUAGE_COOKIE = 'hd_lang';

/** Set-Cookie value remembering the account's language on this device for a year. */
export function languageCookie(language: string): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; SameSite=Lax; Max-Age=31536000${secure() ? '; Secure' : ''}`;
}

/** The session cookie's value from an API Gateway v2 `cookies` array. */
export function readSessionCookie(cookies: string[] | undefined): string | undefined {
  for (const c of cookies ?? []) {
    const [name, ...rest] = c.split('=');
    if (name?.trim() === SESSION_COOKIE) return rest.join('=').trim() || undefined;
  }
  return undefined;
}
