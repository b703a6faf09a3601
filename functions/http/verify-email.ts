import { verifyEmail } from '../../shared/auth/accounts.ts';
import { httpHandler } from './_lib/http.ts';
import { sessionResult } from './_lib/session.ts';

export const handler = httpHandler('verifyEmail', async ({ body }) => sessionResult(await verifyEmail(body as { token: string; portal?: string })));
