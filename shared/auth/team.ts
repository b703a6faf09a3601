/**
 * An admin's hold over the tenant's accounts: changing a staff member's role and removing an
 * account. Sessions carry the role they were signed in with, so both end every session of the
 * user at once; the tenant always keeps a confirmed admin.
 */
import { DomainError, notFound } from '../errors.ts';
import { changeUserRole, deleteSessionsOfUser, getUser, otherAdminOf, removeUser } from '../db/store.ts';
import { requireRole, type Actor } from './actor.ts';
import { isStaffRole } from './constants.ts';
import { ChangeRoleInput, UserIdParam, type User } from './schemas.ts';
import { toUser } from './accounts.ts';
import { leaveTeams } from '../teams/teams.ts';

/**
 * Give a staff member another staff role (admins only). A customer does not become staff this
 * way, nor staff a customer: staff join by invitation, which checks the address they work
 * under and lets them choose their own password, while a customer's account was registered
 * by whoever typed the address. The user's sessions end; the last admin stays one.
 */
export async function changeRole(actor: Actor, rawId: string, raw: ChangeRoleInput): Promise<User> {
  requireRole(actor, ['admin']);
  const { id } = UserIdParam.parse({ id: rawId });
  const input = ChangeRoleInput.parse(raw);
  const user = await getUser(actor.tenantId, id);
  if (!user) throw notFound('User');
  if (!isStaffRole(user.role)) {
    throw new DomainError('validation_failed', 'A customer cannot be given a staff role; invite the person instead', [
      { path: 'role', message: 'customers keep their role', code: 'customer_role' },
    ]);
  }
  if ((user.version ?? 0) !== input.version) throw new DomainError('conflict', 'The user was changed meanwhile; reload and try again');
  if (user.role === input.role) return toUser(user);
  const other = user.role === 'admin' ? await otherAdminOf(actor.tenantId, user.userId) : undefined;
  const changed = await changeUserRole(actor.tenantId, user, input.role, input.version, other);
  await deleteSessionsOfUser(actor.tenantId, user.userId);
  return toUser(changed);
}

/** Remove an account (admins only): its sessions end, it leaves its teams, its address is free again; the last admin stays. */
export async function removeAccount(actor: Actor, rawId: string): Promise<void> {
  requireRole(actor, ['admin']);
  const { id } = UserIdParam.parse({ id: rawId });
  const user = await getUser(actor.tenantId, id);
  if (!user) throw notFound('User');
  const other = user.role === 'admin' ? await otherAdminOf(actor.tenantId, user.userId) : undefined;
  await removeUser(actor.tenantId, user, other);
  await deleteSessionsOfUser(actor.tenantId, user.userId);
  await leaveTeams(actor.tenantId, user.userId);
}
