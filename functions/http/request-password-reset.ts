import { requestPasswordReset } from '../../shared/auth/accounts.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('requestPasswordReset', async ({ params, body }) => {
  await requestPasswordReset(params.slug as string, body as { email: string });
  return { body: { status: 'accepted' } };
});
