/** Staff notifications (N1) as the API serves them: the bell's list, marking read, the mail choices. */
import { DomainError } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import {
  getNotificationState,
  markNotificationRead,
  notificationsPage,
  putNotificationMail,
  unreadNotificationIds,
  type NotificationItem,
  type NotificationState,
} from '../db/notifications.ts';
import { DEFAULT_MAIL, NOTIFICATION_KINDS, NOTIFICATION_PAGE, type NotificationKind } from './constants.ts';
import type { MarkReadInput, Notification, NotificationList, NotificationSettings, UpdateNotificationSettingsInput } from './schemas.ts';

const ID = /^[\w:.+-]{1,120}$/;
const invalidCursor = () =>
  new DomainError('validation_failed', 'The cursor is not one this list gave out', [{ path: 'cursor', message: 'invalid cursor', code: 'invalid_cursor' }]);

/** What the API shows of a stored notification. */
export const notificationView = (n: NotificationItem): Notification => ({
  id: n.id,
  kind: n.type,
  ticketNumber: n.number,
  subject: n.subject,
  actorName: n.actorName,
  at: n.at,
  read: n.read,
});

/**
 * The caller's notifications, newest first, a page at a time, with the unread count of all of
 * them. The cursor is the last id given out; the key is rebuilt for the caller, so a cursor can
 * never reach into another user's or tenant's partition.
 */
export async function listNotifications(actor: Actor, query: { cursor?: string }): Promise<NotificationList> {
  const before = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : undefined;
  if (before !== undefined && !ID.test(before)) throw invalidCursor();
  const [items, state] = await Promise.all([
    notificationsPage(actor.tenantId, actor.userId, { before, limit: NOTIFICATION_PAGE + 1 }),
    getNotificationState(actor.tenantId, actor.userId),
  ]);
  const page = items.slice(0, NOTIFICATION_PAGE);
  const more = items.length > NOTIFICATION_PAGE;
  return {
    items: page.map(notificationView),
    unread: state.unread,
    ...(more ? { nextCursor: Buffer.from(page.at(-1)!.id, 'utf8').toString('base64url') } : {}),
  };
}

/** Mark the named notifications of the caller read (ids of others simply match nothing), or all of them; returns the unread count. */
export async function markRead(actor: Actor, input: MarkReadInput): Promise<{ unread: number }> {
  const ids = 'all' in input ? await unreadNotificationIds(actor.tenantId, actor.userId) : [...new Set(input.ids)];
  // A few at a time: each is a small transaction of two items.
  for (let i = 0; i < ids.length; i += 10) {
    await Promise.all(ids.slice(i, i + 10).map((id) => markNotificationRead(actor.tenantId, actor.userId, id)));
  }
  return { unread: (await getNotificationState(actor.tenantId, actor.userId)).unread };
}

/** Every kind with its mail choice: the user's own, else the default. */
export function mailChoices(stored: NotificationState['mail']): Record<NotificationKind, boolean> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored[k] ?? DEFAULT_MAIL[k]])) as Record<NotificationKind, boolean>;
}

/** The caller's mail choices per kind. */
export async function getSettings(actor: Actor): Promise<NotificationSettings> {
  return { mail: mailChoices((await getNotificationState(actor.tenantId, actor.userId)).mail) };
}

/** Change some of the caller's mail choices (kinds left out keep theirs); returns all of them. */
export async function updateSettings(actor: Actor, input: UpdateNotificationSettingsInput): Promise<NotificationSettings> {
  const current = mailChoices((await getNotificationState(actor.tenantId, actor.userId)).mail);
  const mail = { ...current, ...input.mail };
  await putNotificationMail(actor.tenantId, actor.userId, mail);
  return { mail };
}
