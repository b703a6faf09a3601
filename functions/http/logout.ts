import { endSession } from '../../shared/auth/sessions.ts';
import { httpHandler } from './_lib/http.ts';
import { clearedSessionCookie, clearedSignedInCookie } from './_lib/cookies.ts';

export const handler = httpHandler('logout', async ({ token }) => {
  await endSession(token);
  return { cookies: [clearedSessionCookie(), clearedSignedInCookie()] };
});
