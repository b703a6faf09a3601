/**
 * The reply lease of a ticket (K14): the ticket's `lock` attribute, written by its own
 * conditional updates. A lease is not a change of the ticket: these writes leave `version`
 * (and `updatedAt`) alone, so what others loaded stays valid.
 */
import { UpdateCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { tenantClient } from './entities/tenant.ts';
import { EventEntity, TicketEntity } from './entities/tickets.ts';
import type { EventItem, TicketLock } from './items.ts';

const T = () => config.tableName;

/** The entity's update of `lock` (keys, markers), with an extra condition ANDed to "the ticket exists". */
function leaseUpdate(tenantId: string, number: number, lock: TicketLock | undefined, condition: string, values: Record<string, unknown>) {
  const base = (
    lock ? TicketEntity.patch({ tenantId, number }).set({ lock } as never) : TicketEntity.patch({ tenantId, number }).remove(['lock'] as never)
  ).params({
    table: T(),
  }) as { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> };
  return {
    ...base,
    ConditionExpression: `${base.ConditionExpression} AND (${condition})`,
    ExpressionAttributeNames: {
      ...base.ExpressionAttributeNames,
      ...(condition.includes('#lockUntil') && { '#lockUntil': 'until' }),
      ...(condition.includes('#lockUser') && { '#lockUser': 'userId' }),
    },
    ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ...values },
  };
}

const refused = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

/** Take or renew the lease unless another's lease is still live at `now`; false if refused (or no such ticket). */
export async function claimLease(tenantId: string, number: number, lock: TicketLock, now: string): Promise<boolean> {
  const update = leaseUpdate(tenantId, number, lock, 'attribute_not_exists(#lock) OR #lock.#lockUntil < :now OR #lock.#lockUser = :me', {
    ':now': now,
    ':me': lock.userId,
  });
  try {
    await tenantClient(tenantId).send(new UpdateCommand(update as never));
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}

/** Take over exactly the lease that was seen (holder and end), recording the event; false if the lease moved meanwhile. */
export async function takeOverLease(tenantId: string, number: number, lock: TicketLock, seen: TicketLock, event: EventItem): Promise<boolean> {
  const update = leaseUpdate(tenantId, number, lock, '#lock.#lockUser = :seenUser AND #lock.#lockUntil = :seenUntil', {
    ':seenUser': seen.userId,
    ':seenUntil': seen.until,
  });
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [{ Update: update as never }, { Put: EventEntity.create({ ...event, number, tenantId }).params({ table: T() }) as never }],
      }),
    );
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}

/** Give up one's own lease; false if one held none (expired leases of oneself count as held). */
export async function releaseLease(tenantId: string, number: number, userId: string): Promise<boolean> {
  const update = leaseUpdate(tenantId, number, undefined, '#lock.#lockUser = :me', { ':me': userId });
  try {
    await tenantClient(tenantId).send(new UpdateCommand(update as never));
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}
