import { resetPassword } from '../../shared/auth/accounts.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('resetPassword', async ({ body }) => {
  await resetPassword(body as { token: string; password: string });
});
