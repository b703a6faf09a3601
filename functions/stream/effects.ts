/**
 * The table's change stream → side effects (workflow.md §3). In AWS an event source mapping
 * invokes this with batches of stream records; locally `infra/local/streams.ts` does the same.
 * A record whose effects failed is reported (partial batch response), so the stream hands it
 * out again; effects that completed for it are not repeated (`shared/effects/run.ts`).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Change, ChangeType } from '../../shared/effects/change.ts';
import { applyEffects } from '../../shared/effects/run.ts';
import { loggerFor } from '../_lib/logger.ts';
import { tenantOfKey } from '../../shared/db/keys.ts';

const TYPES: Record<string, ChangeType> = { INSERT: 'insert', MODIFY: 'modify', REMOVE: 'remove' };
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

function image(raw: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  const item = unmarshall(raw as Record<string, AttributeValue>);
  return Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k)));
}

/** The domain's view of a stream record; undefined for platform items and items without a kind (e.g. effect records). */
export function changeOf(record: DynamoDBRecord): Change | undefined {
  const pk = record.dynamodb?.Keys?.pk?.S;
  const tenantId = pk && tenantOfKey(pk);
  const type = TYPES[record.eventName ?? ''];
  const next = image(record.dynamodb?.NewImage);
  const old = image(record.dynamodb?.OldImage);
  const kind = (next ?? old)?.kind;
  if (!tenantId || !type || !record.eventID || typeof kind !== 'string') return undefined;
  return { id: record.eventID, type, tenantId, kind, new: next, old };
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);
const logger = loggerFor('helpdesk-effects');

async function recordHandler(record: DynamoDBRecord, context: Context): Promise<void> {
  const change = changeOf(record);
  if (!change) return;
  try {
    await applyEffects(change, context);
  } catch (err) {
    // Logged once per failed attempt (names, never contents); the stream hands the record out again.
    logger.error('effects failed', { change: change.id, tenantId: change.tenantId, kind: change.kind, requestId: context.awsRequestId, error: err as Error });
    throw err;
  }
}

/**
 * Changes of one partition (a ticket with its messages) run in stream order, each after the one
 * before succeeded (a later change's effects may build on an earlier one's; when one fails, the
 * ones after it fail too and come again with it); different partitions run side by side, so a
 * burst of new tickets does not queue behind one another.
 */
export function inPartitionOrder(handle: (record: DynamoDBRecord) => Promise<void>): (record: DynamoDBRecord) => Promise<void> {
  const last = new Map<string, Promise<void>>();
  return (record) => {
    const partition = record.dynamodb?.Keys?.pk?.S ?? '';
    const run = (last.get(partition) ?? Promise.resolve()).then(() => handle(record));
    last.set(partition, run);
    return run;
  };
}

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
  processPartialResponse(
    event,
    inPartitionOrder((record) => recordHandler(record, context)),
    processor,
    { context, processInParallel: true },
  );
