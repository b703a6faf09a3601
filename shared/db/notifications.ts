/**
 * Access patterns of staff notifications (N1): one partition per recipient,
 * `{T}#NOTIFY#{userId}` (entities/notifications.ts). Rows in `README.md`.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { NotificationEntity, NotificationStateEntity } from './entities/notifications.ts';
import type { NotificationKind } from '../notifications/constants.ts';

/** A notification as stored (minus keys). */
export interface NotificationItem {
  kind: 'notification';
  userId: string;
  id: string;
  type: NotificationKind;
  number: number;
  subject: string;
  actorName: string;
  at: string;
  read: boolean;
  expiresAt: number;
}

/** The recipient's unread counter and mail choices. */
export interface NotificationState {
  unread: number;
  mail: Partial<Record<NotificationKind, boolean>>;
}

const T = () => config.tableName;
const cancelledAt = (err: unknown) =>
  err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed') : -1;
const asItem = (d: Record<string, unknown>): NotificationItem => {
  const { tenantId: _t, ...rest } = d;
  return rest as unknown as NotificationItem;
};

/** Store a notification and count it unread, in one transaction; false when it already exists (a repeated change). */
export async function addNotification(tenantId: string, n: NotificationItem): Promise<boolean> {
  const put = NotificationEntity.create({ ...n, tenantId }).params({ table: T() });
  const count = NotificationStateEntity.update({ tenantId, userId: n.userId }).add({ unread: 1 }).params({ table: T() });
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [{ Put: put as never }, { Update: count as never }] }));
    return true;
  } catch (err) {
    if (cancelledAt(err) === 0) return false;
    throw err;
  }
}

/** One notification of a user, read consistently (has this change notified them already?). */
export async function getNotification(tenantId: string, userId: string, id: string): Promise<NotificationItem | undefined> {
  const r = await NotificationEntity.get({ tenantId, userId, id }).go({ ...on(tenantId), consistent: true });
  return r.data ? asItem(r.data) : undefined;
}

/** A user's notifications, newest first: a page of `limit` before the id `before` (Query descending, `sk < N#{before}`). */
export async function notificationsPage(tenantId: string, userId: string, page: { before?: string; limit: number }): Promise<NotificationItem[]> {
  const q = NotificationEntity.query.byUser({ tenantId, userId });
  const r = await (page.before ? q.lt({ id: page.before }) : q).go({ ...on(tenantId), order: 'desc', limit: page.limit, pages: 1 });
  return r.data.map((d) => asItem(d as Record<string, unknown>));
}

/** The unread counter and mail choices of a user (GetItem `STATE`); nothing stored yet = none unread, defaults. */
export async function getNotificationState(tenantId: string, userId: string): Promise<NotificationState> {
  const r = await NotificationStateEntity.get({ tenantId, userId }).go(on(tenantId));
  return { unread: Math.max(0, r.data?.unread ?? 0), mail: (r.data?.mail as NotificationState['mail'] | undefined) ?? {} };
}

/**
 * Mark one notification read and lower the counter, in one transaction conditioned on it being
 * unread (so two tabs marking it count it once). A counter already at 0 (an unread one expired by
 * TTL) is left alone. False when it was read already or does not exist.
 */
export async function markNotificationRead(tenantId: string, userId: string, id: string): Promise<boolean> {
  const read = NotificationEntity.patch({ tenantId, userId, id })
    .set({ read: true })
    .where(({ read }, { eq }) => eq(read, false))
    .params({ table: T() });
  const lower = NotificationStateEntity.patch({ tenantId, userId })
    .subtract({ unread: 1 })
    .where(({ unread }, { gt }) => gt(unread, 0))
    .params({ table: T() });
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [{ Update: read as never }, { Update: lower as never }] }));
    return true;
  } catch (err) {
    const at = cancelledAt(err);
    if (at === 0) return false;
    if (at !== 1) throw err;
  }
  // The counter was 0 already: mark the item alone.
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [{ Update: read as never }] }));
    return true;
  } catch (err) {
    if (cancelledAt(err) === 0) return false;
    throw err;
  }
}

/** Ids of a user's unread notifications, every page of the partition (Query `begins_with(N#)`, filter `read = false`). */
export async function unreadNotificationIds(tenantId: string, userId: string): Promise<string[]> {
  const r = await NotificationEntity.query
    .byUser({ tenantId, userId })
    .where(({ read }, { eq }) => eq(read, false))
    .go({ ...on(tenantId), pages: 'all', attributes: ['id'] });
  return r.data.map((d) => d.id);
}

/** Store a user's mail choices (UpdateItem `STATE`, the counter untouched). */
export async function putNotificationMail(tenantId: string, userId: string, mail: NotificationState['mail']): Promise<void> {
  await NotificationStateEntity.update({ tenantId, userId })
    .set({ mail })
    .go({ ...on(tenantId), response: 'none' });
}

/** Lower a user's unread count by one, never below 0 (an unread notification expired). */
export async function lowerUnread(tenantId: string, userId: string): Promise<void> {
  try {
    await NotificationStateEntity.patch({ tenantId, userId })
      .subtract({ unread: 1 })
      .where(({ unread }, { gt }) => gt(unread, 0))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}
