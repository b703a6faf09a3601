/**
 * A contact's mail suppression (issue 8, bounces and complaints): after a hard bounce or a
 * complaint no mail goes to that address until staff, or the person themselves, clear it
 * (say, the mailbox works again). Staff see it on the requester's contact.
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import { getUser } from '../db/store.ts';
import { clearUserMailSuppression } from '../db/delivery.ts';
import { notFound } from '../errors.ts';
import type { UserItem } from '../db/items.ts';
import type { MailSuppressionView } from './suppression-schemas.ts';

const viewOf = (u: UserItem): MailSuppressionView => (u.mailSuppressed ? { suppressed: true, ...u.mailSuppressed } : { suppressed: false });

/** The user whose suppression the caller may see: staff any of the tenant, a customer only themselves (else 404, as if absent). */
async function visibleUser(actor: Actor, userId: string): Promise<UserItem> {
  if (!isStaff(actor) && userId !== actor.userId) throw notFound('User');
  const u = await getUser(actor.tenantId, userId);
  if (!u) throw notFound('User');
  return u;
}

/** Whether mail to a user is suppressed, and why. */
export async function getMailSuppression(actor: Actor, userId: string): Promise<MailSuppressionView> {
  return viewOf(await visibleUser(actor, userId));
}

/** Mail the user again. */
export async function clearMailSuppression(actor: Actor, userId: string): Promise<MailSuppressionView> {
  await visibleUser(actor, userId);
  if (!(await clearUserMailSuppression(actor.tenantId, userId))) throw notFound('User');
  return { suppressed: false };
}
