import { registerCustomer } from '../../shared/auth/accounts.ts';
import type { RegisterInput } from '../../shared/auth/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('registerCustomer', async ({ params, body, sourceIp }) => {
  await registerCustomer(params.slug as string, body as RegisterInput, sourceIp);
  return { body: { status: 'accepted' } };
});
