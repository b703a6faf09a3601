/** The `auth` area: sign-in, registration, verification, password reset, invitations, sessions. */
import { acceptInvitation, login, me, registerCustomer, requestPasswordReset, resetPassword, toMe, updateMe, verifyEmail } from '../../shared/auth/accounts.ts';
import { endSession } from '../../shared/auth/sessions.ts';
import { clearedSessionCookie, clearedSignedInCookie, languageCookie } from './_lib/cookies.ts';
import { areaHandler } from './_lib/http.ts';
import { sessionResult } from './_lib/session.ts';

const accepted = { body: { status: 'accepted' } };

export const handler = areaHandler('auth', {
  login: async ({ params, body, sourceIp }) => sessionResult(await login(params.slug, body, sourceIp)),
  registerCustomer: async ({ params, body, sourceIp, acceptLanguage }) => {
    await registerCustomer(params.slug, body, sourceIp, acceptLanguage);
    return accepted;
  },
  requestPasswordReset: async ({ params, body }) => {
    await requestPasswordReset(params.slug, body);
    return accepted;
  },
  verifyEmail: async ({ body }) => sessionResult(await verifyEmail(body)),
  resetPassword: async ({ body }) => {
    await resetPassword(body);
  },
  acceptInvitation: async ({ body, acceptLanguage }) => sessionResult(await acceptInvitation(body, acceptLanguage)),
  logout: async ({ token }) => {
    await endSession(token);
    return { cookies: [clearedSessionCookie(), clearedSignedInCookie()] };
  },
  me: async ({ actor }) => {
    const { user, tenant } = await me(actor);
    return { body: toMe(tenant, user) };
  },
  updateMe: async ({ actor, body }) => {
    const { user, tenant } = await updateMe(actor, body);
    return { body: toMe(tenant, user), cookies: [languageCookie(user.language ?? tenant.defaultLanguage)] };
  },
});
