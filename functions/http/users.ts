/** The `users` area: a tenant's users and invitations. */
import { invite, listUsers } from '../../shared/auth/accounts.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('users', {
  inviteUser: async ({ actor, body }) => {
    await invite(actor, body);
    return { body: { status: 'accepted' } };
  },
  listUsers: async ({ actor, query }) => ({ body: { items: await listUsers(actor, query) } }),
});
