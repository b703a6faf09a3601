/**
 * The workflow's work lists (issue 6): each a page of one indexed query (gsi3 work queues,
 * gsi4 team overview), and their counts. Partition keys come from the caller's tenant; a
 * cursor only carries sort-key positions.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { db } from './client.ts';
import { indexKeys } from './keys.ts';
import type { TicketItem } from './items.ts';

/** A ticket of a list page with its position (the index sort key) in that list. */
export interface Positioned {
  sk: string;
  item: TicketItem;
}

const KEY_FIELDS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'];

function positioned(items: Record<string, unknown>[] | undefined, skField: string): Positioned[] {
  return (items ?? []).map((i) => ({
    sk: String(i[skField]),
    item: Object.fromEntries(Object.entries(i).filter(([k]) => !KEY_FIELDS.includes(k))) as unknown as TicketItem,
  }));
}

/** Tickets in one work queue (gsi3), soonest due, most urgent, oldest first: a page after a position. */
export async function ticketsInQueue(tenantId: string, queue: string, page: { after?: string; limit: number }): Promise<Positioned[]> {
  const r = await db(tenantId).send(
    new QueryCommand({
      TableName: config.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: page.after ? 'gsi3pk = :pk AND gsi3sk > :after' : 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.workQueuePk(tenantId, queue), ...(page.after ? { ':after': page.after } : {}) },
      Limit: page.limit,
    }),
  );
  return positioned(r.Items, 'gsi3sk');
}

/**
 * One team's part of the overview (gsi4; `-`: tickets without team) within a sort-key range
 * (`tickets/queues.ts` overviewRange: a stage, or current or closed ones): a page after a position.
 */
export async function ticketsInOverview(
  tenantId: string,
  teamId: string,
  range: { from: string; to: string },
  page: { after?: string; limit: number },
): Promise<Positioned[]> {
  const r = await db(tenantId).send(
    new QueryCommand({
      TableName: config.tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': indexKeys.teamOverviewPk(tenantId, teamId),
        ':from': page.after ? `${page.after}\u0000` : range.from,
        ':to': range.to,
      },
      Limit: page.limit,
    }),
  );
  return positioned(r.Items, 'gsi4sk');
}

/**
 * Where a tab's count stops: a count reads (and is billed for) the projected summaries it counts,
 * 4 KB per read unit, half with eventual consistency, so counting a whole busy list on every poll
 * cost tens of RCU. Counting stops at `COUNT_CAP` (the tab then says "99+"), which bounds a tab's
 * cost at about 5 RCU, however long the list grows; below it the count is exact and as live as the
 * index. Chosen over counter items kept from the change stream (exact, O(1) to read, but one more
 * idempotent write per ticket change, a recount for tickets stored before, and drift to guard
 * against) and over a KEYS_ONLY count index (still O(list), and a new index whose CloudFormation
 * update competes with the overview's key change): nobody acts on the 140th ticket of a tab.
 */
export const COUNT_CAP = 100;

/** A tab's count: exact below `COUNT_CAP`; `COUNT_CAP` means that many or more. */
export type Count = number;

/** How many tickets a work queue holds (gsi3), counting up to `COUNT_CAP`. */
export async function countQueue(tenantId: string, queue: string): Promise<Count> {
  return countUpTo(tenantId, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': indexKeys.workQueuePk(tenantId, queue) },
  });
}

/** `Select: COUNT` pages until the cap or the end; `Limit` (what a page evaluates) stops the read at the cap. */
async function countUpTo(
  tenantId: string,
  q: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues' | 'FilterExpression' | 'ExpressionAttributeNames'>,
): Promise<Count> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db(tenantId).send(
      new QueryCommand({ TableName: config.tableName, ...q, Select: 'COUNT', Limit: COUNT_CAP - count, ExclusiveStartKey: start }),
    );
    count += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start && count < COUNT_CAP);
  return Math.min(count, COUNT_CAP);
}

/**
 * How many tickets are in one status (gsi1), for the existing tabs, leaving out those parked
 * until a date (they are counted under "pending"); up to `COUNT_CAP`, like `countQueue`.
 */
export async function countStatus(tenantId: string, status: string): Promise<Count> {
  return countUpTo(tenantId, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: 'attribute_not_exists(#stage) OR #stage <> :pending',
    ExpressionAttributeNames: { '#stage': 'stage' },
    ExpressionAttributeValues: { ':pk': indexKeys.statusQueuePk(tenantId, status as never), ':pending': 'pending' },
  });
}

/** How many requests one customer has (gsi2), for their own tab; up to `COUNT_CAP`. */
export async function countOfRequester(tenantId: string, requesterId: string): Promise<Count> {
  return countUpTo(tenantId, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': indexKeys.requesterTicketsPk(tenantId, requesterId) },
  });
}
