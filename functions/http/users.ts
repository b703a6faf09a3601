/** The `users` area: a tenant's users and invitations. */
import { invite, listUsers } from '../../shared/auth/accounts.ts';
import { changeRole, removeAccount } from '../../shared/auth/team.ts';
import { clearMailSuppression, getMailSuppression } from '../../shared/mail/suppression.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('users', {
  inviteUser: async ({ actor, body }) => {
    await invite(actor, body);
    return { body: { status: 'accepted' } };
  },
  listUsers: async ({ actor, query }) => ({ body: await listUsers(actor, query) }),
  changeUserRole: async ({ actor, params, body }) => ({ body: await changeRole(actor, params.id, body) }),
  removeUser: async ({ actor, params }) => {
    await removeAccount(actor, params.id);
    return {};
  },
  getMailSuppression: async ({ actor, params }) => ({ body: await getMailSuppression(actor, params.id) }),
  clearMailSuppression: async ({ actor, params }) => ({ body: await clearMailSuppression(actor, params.id) }),
});
