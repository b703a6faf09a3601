import { login } from '../../shared/auth/accounts.ts';
import type { LoginInput } from '../../shared/auth/schemas.ts';
import { httpHandler } from './_lib/http.ts';
import { sessionResult } from './_lib/session.ts';

export const handler = httpHandler('login', async ({ params, body, sourceIp }) =>
  sessionResult(await login(params.slug as string, body as LoginInput, sourceIp)),
);
