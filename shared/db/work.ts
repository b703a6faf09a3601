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
 * How many tickets a work queue holds: `Select: COUNT` on gsi3, every page. A count reads (and
 * is billed for) the projected items it counts, 4 KB per read unit, half with eventual
 * consistency: about one unit per 20 summaries, so a tab of 100 tickets costs ~3 RCU.
 */
export async function countQueue(tenantId: string, queue: string): Promise<number> {
  return countAll(tenantId, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': indexKeys.workQueuePk(tenantId, queue) },
  });
}

async function countAll(
  tenantId: string,
  q: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues' | 'FilterExpression' | 'ExpressionAttributeNames'>,
): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db(tenantId).send(new QueryCommand({ TableName: config.tableName, ...q, Select: 'COUNT', ExclusiveStartKey: start }));
    count += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * How many tickets are in one status (gsi1), for the existing tabs, leaving out those parked
 * until a date (they are counted under "pending"); same cost as `countQueue`.
 */
export async function countStatus(tenantId: string, status: string): Promise<number> {
  return countAll(tenantId, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: 'attribute_not_exists(#stage) OR #stage <> :pending',
    ExpressionAttributeNames: { '#stage': 'stage' },
    ExpressionAttributeValues: { ':pk': indexKeys.statusQueuePk(tenantId, status as never), ':pending': 'pending' },
  });
}

/** How many requests one customer has (gsi2), for their own tab. */
export async function countOfRequester(tenantId: string, requesterId: string): Promise<number> {
  return countAll(tenantId, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': indexKeys.requesterTicketsPk(tenantId, requesterId) },
  });
}
