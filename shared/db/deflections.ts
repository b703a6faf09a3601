/**
 * Every read and write of deflection records (issue 9, Q7), each a named access pattern (see
 * README.md). Written in the request path: a deflection opens nothing and sends nothing, so
 * there is no side effect to hand to the stream.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { db } from './client.ts';
import { on } from './entities/tenant.ts';
import { DeflectionEntity } from './entities/deflections.ts';

/** A deflection as stored. */
export interface DeflectionItem {
  month: string;
  day: string;
  userId: string;
  answerKind: 'faq' | 'article';
  answerId: string;
  text?: string;
  at: string;
}

/** Record a deflection once: `false` when the same customer already credited the same answer that day. */
export async function putDeflection(tenantId: string, d: DeflectionItem): Promise<boolean> {
  try {
    await DeflectionEntity.create({ ...d, tenantId }).go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** How many requests were deflected in one UTC month (`YYYY-MM`): `Select: COUNT`, every page. */
export async function countDeflections(tenantId: string, month: string): Promise<number> {
  // the entity's partition template (`entities/deflections.ts`), spelled for a counting Query
  const pk = `${tenantId}#DEFLECT#${month}`;
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db(tenantId).send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :def)',
        ExpressionAttributeValues: { ':pk': pk, ':def': 'DEF#' },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start);
  return count;
}
