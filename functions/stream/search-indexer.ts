/**
 * The search indexer Lambda (issue 9, Q5), fed by the SQS FIFO queue (message group = tenant,
 * so one tenant's batches come one after another). A failed message is reported (partial batch
 * response) and, FIFO, blocks the messages of its group behind it until it succeeds.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { indexBatch } from '../../shared/search/indexer.ts';
import type { SearchBatch } from './search-forward.ts';
import { loggerFor } from '../_lib/logger.ts';

const logger = loggerFor('helpdesk-search-indexer');

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const [i, record] of event.Records.entries()) {
    try {
      const batch = JSON.parse(record.body) as SearchBatch;
      const result = await indexBatch(batch.tenantId, batch.changes);
      logger.info('indexed', { tenantId: batch.tenantId, changes: batch.changes.length, ...result });
    } catch (err) {
      logger.error('indexing failed', { messageId: record.messageId, error: err as Error });
      // FIFO: nothing after a failed message may run before it.
      failures.push(...event.Records.slice(i).map((r) => ({ itemIdentifier: r.messageId })));
      break;
    }
  }
  return { batchItemFailures: failures };
};
