import { invite } from '../../shared/auth/accounts.ts';
import type { InviteInput } from '../../shared/auth/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('inviteUser', async ({ actor, body }) => {
  await invite(actor!, body as InviteInput);
  return { body: { status: 'accepted' } };
});
