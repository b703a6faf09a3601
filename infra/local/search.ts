/**
 * Search indexing in the local stack (issue 9, Q5): a second consumer of the table's stream (as
 * the forwarder Lambda is in AWS) hands each tenant's changes to a per-tenant serial queue (the
 * FIFO queue's stand-in), which runs the same indexer code on live index files under
 * `<dataDir>/search` (a temporary folder without a data folder). A table of an earlier run
 * whose index is missing is re-indexed from the table first.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Change } from '../../shared/effects/change.ts';
import { serialQueues } from './search-queue.ts';
import { startStreamPoller } from './streams.ts';

export interface SearchIndexing {
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSearchIndexing(opts: {
  endpoint: string;
  tableName: string;
  dataDir: string | null;
  tableCreated: boolean;
  log: (line: string) => void;
}): Promise<SearchIndexing> {
  const temporary = opts.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'helpdesk-search-'));
  const dir = opts.dataDir ? `${opts.dataDir}/search` : temporary!;
  const missing = !existsSync(dir);
  process.env.SEARCH_DIR = dir;
  // Loaded now: the domain reads the environment set by the stack.
  const { indexBatch } = await import('../../shared/search/indexer.ts');
  const { searchChangesOf } = await import('../../functions/stream/search-forward.ts');
  const { closeLiveIndexes } = await import('../../shared/search/fts-engine.ts');
  const queue = serialQueues<Change[]>((tenantId, changes) => indexBatch(tenantId, changes));
  const handler = async (event: DynamoDBStreamEvent) => {
    await Promise.all([...searchChangesOf(event)].map(([tenantId, changes]) => queue.push(tenantId, changes)));
  };
  if (!opts.tableCreated && missing) {
    const { rebuildAll } = await import('../../shared/search/rebuild.ts');
    const n = await rebuildAll();
    opts.log(`search index rebuilt from the table (${n} documents)`);
  }
  const poller = await startStreamPoller({
    endpoint: opts.endpoint,
    tableName: opts.tableName,
    handler,
    dataDir: opts.dataDir && `${opts.dataDir}/streams-search`,
    startAt: opts.tableCreated ? 'TRIM_HORIZON' : 'LATEST',
    log: opts.log,
  });
  return {
    async settle() {
      await poller.settle();
      await queue.settle();
    },
    async stop() {
      await poller.stop();
      await queue.settle();
      closeLiveIndexes();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
