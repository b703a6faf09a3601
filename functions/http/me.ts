import { me, toMe } from '../../shared/auth/accounts.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('me', async ({ actor }) => {
  const { user, tenant } = await me(actor!);
  return { body: toMe(tenant, user) };
});
