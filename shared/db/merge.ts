/**
 * Access patterns of merging a duplicate into another ticket (issue 8, K16): a batch of the
 * source's thread moved into the target's partition (copy and delete in one transaction, so a
 * crash between batches leaves every item in exactly one of the two), the requester's tickets of
 * one day (duplicate suggestions), and the once-only record of the requester's notice.
 * Same rules as `store.ts`: the caller's tenant client, ElectroDB's items, conditions on writes.
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { db } from './client.ts';
import { indexKeys } from './keys.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { EventEntity, MessageEntity, TicketEntity } from './entities/tickets.ts';
import type { EventItem, MessageItem, TicketItem } from './items.ts';

const T = () => config.tableName;

/** DynamoDB's limit of items in one transaction: a batch moves half as many (a put and a delete each). */
export const MOVE_BATCH_MAX = 50;

/** Whether a transaction lost against another writer of the same items (another mover, most likely). */
export const lostRace = (err: unknown) =>
  err instanceof TransactionCanceledException &&
  (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');

/**
 * Move messages and events of ticket `from` to ticket `into`, all or nothing: each is copied
 * (same id and instant, so the target's thread stays in time order; `mergedFrom` set) and the
 * original deleted. A copy that exists already, or an original that is gone, cancels the batch
 * (`lostRace`): someone else moved it.
 */
export async function moveThreadItems(tenantId: string, from: number, into: number, items: (MessageItem | EventItem)[]): Promise<void> {
  if (items.length === 0) return;
  if (items.length > MOVE_BATCH_MAX) throw new Error(`at most ${MOVE_BATCH_MAX} items per batch`);
  const ops = items.flatMap((item) => {
    const copy = { ...item, number: into, mergedFrom: item.mergedFrom ?? from, tenantId };
    const original = { ...item, number: from, tenantId };
    if (item.kind === 'message') {
      return [
        { Put: MessageEntity.create(copy as MessageItem & { tenantId: string }).params({ table: T() }) },
        {
          Delete: MessageEntity.delete(original as MessageItem & { tenantId: string })
            .where(({ id }, { exists }) => exists(id))
            .params({ table: T() }),
        },
      ];
    }
    return [
      { Put: EventEntity.create(copy as EventItem & { tenantId: string; number: number }).params({ table: T() }) },
      {
        Delete: EventEntity.delete(original as EventItem & { tenantId: string; number: number })
          .where(({ id }, { exists }) => exists(id))
          .params({ table: T() }),
      },
    ];
  });
  await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: ops as never }));
}

/** Tickets of one requester opened between two instants (inclusive), oldest first; at most `limit`. */
export async function ticketsOfRequesterBetween(tenantId: string, requesterId: string, from: string, to: string, limit: number): Promise<TicketItem[]> {
  const r = await db(tenantId).send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      // `~` sorts after the `#number` that follows the instant in the key.
      ExpressionAttributeValues: { ':pk': indexKeys.requesterTicketsPk(tenantId, requesterId), ':from': from, ':to': `${to}~` },
      Limit: limit,
    }),
  );
  return (r.Items ?? []).map((i) => {
    const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, gsi4pk: _g, gsi4sk: _h, tenantId: _t, ...rest } = i;
    return rest as TicketItem;
  });
}

/** Record that the requester was told of the merge; false when an earlier run already did (the first record stays). */
export async function recordMergeNotice(tenantId: string, number: number, at: string): Promise<boolean> {
  try {
    await TicketEntity.patch({ tenantId, number })
      .set({ mergeNoticeAt: at })
      .where(({ mergeNoticeAt }, { notExists }) => notExists(mergeNoticeAt))
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
