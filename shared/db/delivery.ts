/**
 * Access patterns of outgoing mail (issue 8): a message's delivery state, and a contact's mail
 * suppression (hard bounce, complaint). The Message-ID records are in `mail.ts`. Rows in `README.md`.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { EventEntity, MessageEntity } from './entities/tickets.ts';
import { UserEntity } from './entities/users.ts';
import type { EventItem, MailSuppression } from './items.ts';
import type { DeliveryStatus } from '../mail/constants.ts';

const T = () => config.tableName;
const refused = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

/**
 * A message's mail went out: its Message-ID and `sent`, only when no state is recorded yet (a
 * repeated send, or a delivery event that overtook the send, is not undone). Writing the message
 * changes it (a `modify`), which no effect of an insert reacts to: no loop.
 */
export async function recordMessageSent(
  tenantId: string,
  m: { number: number; createdAt: string; id: string },
  mailMessageId: string,
  status: DeliveryStatus = 'sent',
): Promise<boolean> {
  try {
    await MessageEntity.patch({ tenantId, number: m.number, createdAt: m.createdAt, id: m.id })
      .set({ mailMessageId, deliveryStatus: status })
      .where(({ deliveryStatus }, { notExists }) => notExists(deliveryStatus))
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}

/** A message that was not mailed (the address is suppressed): `suppressed`, once. */
export async function recordMessageSuppressed(tenantId: string, m: { number: number; createdAt: string; id: string }): Promise<void> {
  try {
    await MessageEntity.patch({ tenantId, number: m.number, createdAt: m.createdAt, id: m.id })
      .set({ deliveryStatus: 'suppressed' })
      .where(({ deliveryStatus }, { notExists }) => notExists(deliveryStatus))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (!refused(err)) throw err;
  }
}

/**
 * What an SES event (or a bounce mail) says about a message's mail, with the ticket's history
 * entry for a failure, in one transaction. Conditioned on the state moving on: `delivered` only
 * over `sent` (never over a bounce that came first), a failure only once per status, so a
 * repeated event changes nothing and adds no second history entry. False when nothing changed.
 */
export async function recordMessageDelivery(
  tenantId: string,
  m: { number: number; createdAt: string; id: string },
  status: Exclude<DeliveryStatus, 'sent' | 'suppressed'>,
  detail: string,
  history?: EventItem,
): Promise<boolean> {
  const update = MessageEntity.patch({ tenantId, number: m.number, createdAt: m.createdAt, id: m.id })
    .set({ deliveryStatus: status, deliveryDetail: detail })
    .where(({ deliveryStatus }, { eq, ne, notExists }) => {
      if (status === 'delivered') return `(${notExists(deliveryStatus)} OR ${eq(deliveryStatus, 'sent')})`;
      return `(${notExists(deliveryStatus)} OR ${status === 'bounced' ? ne(deliveryStatus, 'bounced') : ne(deliveryStatus, 'complained')})`;
    })
    .params({ table: T() });
  const put = history && EventEntity.create({ ...history, number: m.number, tenantId }).params({ table: T() });
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [{ Update: update as never }, ...(put ? [{ Put: put as never }] : [])] }));
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}

/** Stop mail to a contact (hard bounce, complaint); the first reason stays until cleared. False when already suppressed. */
export async function suppressUserMail(tenantId: string, userId: string, suppression: MailSuppression): Promise<boolean> {
  try {
    await UserEntity.patch({ tenantId, userId })
      .set({ mailSuppressed: suppression })
      .where(({ mailSuppressed }, { notExists }) => notExists(mailSuppressed))
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}

/** Mail a contact again (staff or the user cleared the suppression). False when the user does not exist. */
export async function clearUserMailSuppression(tenantId: string, userId: string): Promise<boolean> {
  try {
    await UserEntity.patch({ tenantId, userId })
      .remove(['mailSuppressed'])
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}
