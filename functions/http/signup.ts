import { signup } from '../../shared/tenancy/tenants.ts';
import type { SignupInput } from '../../shared/tenancy/schemas.ts';
import { httpHandler } from './_lib/http.ts';
import { sessionResult } from './_lib/session.ts';

export const handler = httpHandler('signup', async ({ body, sourceIp }) => {
  const { tenant, admin, session } = await signup(body as SignupInput, sourceIp);
  return sessionResult({ tenant, user: admin, session });
});
