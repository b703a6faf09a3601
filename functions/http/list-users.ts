import { listUsers } from '../../shared/auth/accounts.ts';
import type { ListUsersQuery } from '../../shared/auth/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('listUsers', async ({ actor, query }) => ({ body: { items: await listUsers(actor!, query as ListUsersQuery) } }));
