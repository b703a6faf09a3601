/**
 * The table's change stream → the search indexer's SQS FIFO queue (issue 9, Q5). One message
 * per tenant and stream batch, message group = tenant, so the indexer Lambda never runs two
 * batches of a tenant at once; the deduplication id is made of the records' event ids, so a
 * redelivered stream batch is queued once. Only item kinds some search source reads get here
 * (the event source mapping filters on them).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Change } from '../../shared/effects/change.ts';
import { byTenant } from '../../shared/search/indexer.ts';
import { changeOf } from './effects.ts';

/** The changes of a stream batch that matter to search, per tenant. */
export function searchChangesOf(event: DynamoDBStreamEvent): Map<string, Change[]> {
  return byTenant(event.Records.flatMap((r) => changeOf(r) ?? []));
}

/** The body of one queue message: one tenant's changes of a stream batch. */
export interface SearchBatch {
  tenantId: string;
  changes: Change[];
}

/** SQS takes 256 KB per message: a larger batch goes out in parts, in order. */
const MAX_MESSAGE = 240_000;

export function messagesOf(tenantId: string, changes: Change[]): SearchBatch[] {
  const parts: SearchBatch[] = [];
  let part: Change[] = [];
  let size = 0;
  for (const c of changes) {
    const s = JSON.stringify(c).length;
    if (part.length && size + s > MAX_MESSAGE) {
      parts.push({ tenantId, changes: part });
      part = [];
      size = 0;
    }
    part.push(c);
    size += s;
  }
  if (part.length) parts.push({ tenantId, changes: part });
  return parts;
}

let sqs: SQSClient | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  sqs ??= new SQSClient({});
  for (const [tenantId, changes] of searchChangesOf(event)) {
    for (const batch of messagesOf(tenantId, changes)) {
      const dedup = createHash('sha256')
        .update(batch.changes.map((c) => c.id).join(','))
        .digest('hex');
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: process.env.SEARCH_QUEUE_URL,
          MessageBody: JSON.stringify(batch),
          MessageGroupId: tenantId,
          MessageDeduplicationId: dedup,
        }),
      );
    }
  }
};
