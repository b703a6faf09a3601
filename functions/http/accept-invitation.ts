import { acceptInvitation } from '../../shared/auth/accounts.ts';
import type { AcceptInvitationInput } from '../../shared/auth/schemas.ts';
import { httpHandler } from './_lib/http.ts';
import { sessionResult } from './_lib/session.ts';

export const handler = httpHandler('acceptInvitation', async ({ body }) => sessionResult(await acceptInvitation(body as AcceptInvitationInput)));
