/**
 * The search index's items in the table (issue 9, Q5): the pointer to a tenant's current
 * snapshot generation, and the full walk a rebuild reads. The pointer has no `kind`, so its
 * writes cause no effects and no index changes.
 */
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { db } from './client.ts';

/** Where a tenant's current search snapshot is. */
export interface SearchPointer {
  generation: number;
  /** Object key of the snapshot (gzip'd SQLite file). */
  objectKey: string;
  docs: number;
  bytes: number;
  updatedAt: string;
}

const pointerKey = (tenantId: string) => ({ pk: `${tenantId}#SEARCH`, sk: 'POINTER' });

/** The tenant's search pointer (one GetItem per search: the reader's check for a new generation). */
export async function getSearchPointer(tenantId: string): Promise<SearchPointer | undefined> {
  const res = await db(tenantId).send(new GetCommand({ TableName: config.tableName, Key: pointerKey(tenantId), ConsistentRead: true }));
  if (!res.Item) return undefined;
  const { generation, objectKey, docs, bytes, updatedAt } = res.Item as SearchPointer;
  return { generation, objectKey, docs, bytes, updatedAt };
}

/**
 * Moves the pointer to a new generation if it still is at `previous` (0 = none yet); false when
 * another writer moved it first (its snapshot wins; this batch is applied again on top of it).
 */
export async function putSearchPointer(tenantId: string, previous: number, pointer: SearchPointer): Promise<boolean> {
  try {
    await db(tenantId).send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...pointerKey(tenantId), ...pointer },
        ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'generation = :previous',
        ...(previous !== 0 && { ExpressionAttributeValues: { ':previous': previous } }),
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * Every item of the given kinds, of one tenant or (no tenant) of all, page by page: the
 * rebuild, an operator's command with the table's own credentials, not a request (a Scan).
 */
export async function* scanSearchItems(kinds: readonly string[], tenantId?: string): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  const names = kinds.map((_, i) => `:k${i}`);
  do {
    const res = await db(null).send(
      new ScanCommand({
        TableName: config.tableName,
        FilterExpression: `${tenantId ? 'begins_with(pk, :tenant) AND ' : ''}#kind IN (${names.join(', ')})`,
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ...(tenantId && { ':tenant': `${tenantId}#` }), ...Object.fromEntries(kinds.map((k, i) => [names[i], k])) },
        ExclusiveStartKey: start,
      }),
    );
    if (res.Items?.length) yield res.Items;
    start = res.LastEvaluatedKey;
  } while (start);
}
