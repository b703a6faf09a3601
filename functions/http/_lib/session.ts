import { toMe } from '../../../shared/auth/accounts.ts';
import type { TenantItem, UserItem } from '../../../shared/db/items.ts';
import type { HttpResult } from './http.ts';
import { languageCookie, sessionCookie, signedInCookie } from './cookies.ts';

/** A signed-in answer: who and where, the token for API clients, and the web's cookie. */
export function sessionResult(s: { tenant: TenantItem; user: UserItem; session: { token: string; maxAge: number } }): HttpResult {
  return {
    body: { ...toMe(s.tenant, s.user), token: s.session.token },
    cookies: [sessionCookie(s.session.token, s.session.maxAge), signedInCookie(s.session.maxAge), languageCookie(s.user.language ?? s.tenant.defaultLanguage)],
  };
}
