/**
 * Access patterns of the ticket backfill (`tickets/backfill.ts`, `npm run tickets:backfill`):
 * the highest ticket number a tenant gave out, and re-deriving one ticket's index attributes
 * with the very update a change writes (`ticketUpdate`, store.ts), keeping its version.
 */
import { isDeepStrictEqual } from 'node:util';
import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { db } from './client.ts';
import { on } from './entities/tenant.ts';
import { TicketCounterEntity } from './entities/tenancy.ts';
import { TicketEntity } from './entities/tickets.ts';
import { keys } from './keys.ts';
import type { TicketItem } from './items.ts';
import { ticketUpdate } from './store.ts';

/** Every tenant's portal address (the slug claims): a Scan, for an operator's run over all tenants, never a request. */
export async function listTenantSlugs(): Promise<string[]> {
  const slugs: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db(null).send(
      new ScanCommand({
        TableName: config.tableName,
        FilterExpression: 'begins_with(pk, :slug) AND sk = :sk',
        ExpressionAttributeValues: { ':slug': '~slug#', ':sk': 'SLUG' },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: start,
      }),
    );
    slugs.push(...(r.Items ?? []).map((i) => String(i.pk).slice('~slug#'.length)));
    start = r.LastEvaluatedKey;
  } while (start);
  return slugs.sort();
}

/** The highest ticket number the tenant gave out (0: none); numbers below it may be missing (a creation that failed). */
export async function highestTicketNumber(tenantId: string): Promise<number> {
  const r = await TicketCounterEntity.get({ tenantId }).go(on(tenantId));
  return Number(r.data?.value ?? 0);
}

interface UpdateParams {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** Whether the stored item already holds what the update would write (every SET equal, every REMOVE absent). */
function alreadyHolds(item: Record<string, unknown>, p: UpdateParams): boolean {
  const [setPart = '', removePart = ''] = p.UpdateExpression.replace(/^SET /, '').split(' REMOVE ');
  const sets = [...setPart.matchAll(/(#\w+) = (:\w+)/g)].map(([, n, v]) => [p.ExpressionAttributeNames[n!]!, p.ExpressionAttributeValues[v!]] as const);
  const removes = [...removePart.matchAll(/#\w+/g)].map(([n]) => p.ExpressionAttributeNames[n]!);
  // The version is kept as it is (an item from before versions reads as 0): not a difference.
  return sets.every(([name, value]) => name === 'version' || isDeepStrictEqual(item[name], value)) && removes.every((name) => item[name] === undefined);
}

/**
 * Re-derive one ticket's index attributes (work queue, due key, team overview, index keys, and
 * whatever else a change derives) by the update every change writes, at the ticket's version
 * and keeping it: no history, `updatedAt` and every field as they are, so the change stream's
 * effects see no change of anything they act on. Nothing to do → no write (a second run writes
 * nothing). A change by someone else in between → read again (their change derived them anyway).
 */
export async function reindexTicket(tenantId: string, number: number): Promise<'changed' | 'unchanged' | 'missing'> {
  for (let attempt = 0; ; attempt++) {
    const raw = (await db(tenantId).send(new GetCommand({ TableName: config.tableName, Key: keys.ticket(tenantId, number), ConsistentRead: true }))).Item;
    if (!raw) return 'missing';
    const { tenantId: _t, ...ticket } = TicketEntity.parse({ Item: raw }, { ignoreOwnership: true }).data as Record<string, unknown>;
    const version = Number(raw.version ?? 0);
    const params = ticketUpdate(tenantId, ticket as unknown as TicketItem, version, version) as unknown as UpdateParams;
    if (alreadyHolds(raw, params)) return 'unchanged';
    try {
      await db(tenantId).send(new UpdateCommand(params as never));
      return 'changed';
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException) || attempt >= 4) throw err;
    }
  }
}
