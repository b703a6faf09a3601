/**
 * Every abuse limit in one table: how many attempts a window allows, and what the caller is
 * told when it is full. Windows slide (the last fixed window weighs as much as it still overlaps);
 * counting is a conditional write (`store.ts`), so it holds across Lambdas.
 */
import { config } from './config.ts';
import { DomainError } from './errors.ts';
import { hitPlatformRateWindow, hitRateWindow } from './db/store.ts';

const MINUTE = 60;
const HOUR = 3600;
const LOGIN = 15 * MINUTE;
const LOGIN_DETAIL = 'Too many sign-in attempts; wait 15 minutes and try again';

const LIMITS = {
  /** Organisations one address may sign up (platform-wide, before any tenant exists). */
  signup: { window: HOUR, max: () => config.signupsPerHour, detail: 'Too many sign-ups from your address; please try again later' },
  /** Sign-in per account *and* address is tight, so a stranger guessing cannot lock the owner out… */
  loginAccountAddress: { window: LOGIN, max: () => 10, detail: LOGIN_DETAIL },
  loginAddress: { window: LOGIN, max: () => 50, detail: LOGIN_DETAIL },
  /**
   * …while the loose per-account limit stops a guess spread over many addresses. Past it the
   * password alone does not sign in (`accounts.ts` mails the owner a sign-in link instead), so
   * the guessers are stopped without locking out the owner.
   */
  loginAccount: { window: LOGIN, max: () => 100, detail: LOGIN_DETAIL },
  /** Sign-in links mailed to an account under attack: one is enough for a while. */
  signInLink: { window: LOGIN, max: () => 1, detail: LOGIN_DETAIL },
  register: { window: HOUR, max: () => 20, detail: 'Too many registrations from your address; please try again later' },
  passwordReset: { window: HOUR, max: () => 5, detail: 'Too many password resets; please try again later' },
  /** Account mails (registration, password reset, sign-in link) to one address; over it they are silently dropped. */
  mailTo: { window: HOUR, max: () => 5, detail: 'Too many mails to this address; please try again later' },
  /** "You already have an account" notes: informational, so fewer, and they leave room for the mails that matter. */
  accountNote: { window: HOUR, max: () => 2, detail: 'Too many registrations of this address; please try again later' },
  invite: { window: HOUR, max: () => 50, detail: 'Too many invitations in a short time; please try again later' },
  newRequest: { window: HOUR, max: () => 30, detail: 'Too many new requests in a short time; please wait a little' },
  message: { window: MINUTE, max: () => 20, detail: 'Too many messages in a short time; please wait a minute' },
  /** Issue 9: an anonymous visitor's searches of a public portal's knowledge, per address (each costs the index a query). */
  publicSearch: { window: MINUTE, max: () => 60, detail: 'Too many searches in a short time; please wait a minute' },
} as const;

export type Limit = keyof typeof LIMITS;

/** Count one attempt against a limit of a tenant (or, with `null`, of the platform); false when full. */
export async function withinLimit(tenantId: string | null, limit: Limit, id: string): Promise<boolean> {
  const { window, max } = LIMITS[limit];
  return tenantId === null ? hitPlatformRateWindow(limit, id, window, max()) : hitRateWindow(tenantId, limit, id, window, max());
}

/** Count one attempt against each limit at once; a full one refuses with `too_many_attempts`. */
export async function enforceLimits(tenantId: string | null, checks: [Limit, string][]): Promise<void> {
  const ok = await Promise.all(checks.map(([limit, id]) => withinLimit(tenantId, limit, id)));
  const full = checks.find((_, i) => !ok[i]);
  if (full) throw new DomainError('too_many_attempts', LIMITS[full[0]].detail);
}

/** Whether one more account mail may go to `email` now (counted); callers stay silent when not. */
export async function mailAllowed(tenantId: string, email: string): Promise<boolean> {
  return withinLimit(tenantId, 'mailTo', email);
}
