/**
 * The FTS5 engine: where a tenant's index file lives and how writer and reader get it.
 * Locally (`SEARCH_DIR` set, infra/local/stack.ts) the indexer writes the live file
 * `<SEARCH_DIR>/<tenant>.sqlite` and the reader reads it through the same connection. In AWS
 * the indexer publishes snapshot generations to S3 and the reader caches them in /tmp
 * (snapshots.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isTenantId } from '../ids.ts';
import type { SearchEngine } from './engine.ts';
import { FtsIndex } from './fts.ts';
import { readSnapshot, writeSnapshot } from './snapshots.ts';

const live = new Map<string, FtsIndex>();

/** The folder of live index files, when this process keeps them (the local stack, tests, the bench). */
export function liveDir(): string | undefined {
  return process.env.SEARCH_DIR || undefined;
}

/** A tenant's live index file, opened once per process. */
export function liveIndex(tenantId: string): FtsIndex {
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id');
  let index = live.get(tenantId);
  if (!index) {
    const dir = liveDir()!;
    mkdirSync(dir, { recursive: true });
    live.set(tenantId, (index = new FtsIndex(join(dir, `${tenantId}.sqlite`))));
  }
  return index;
}

/** Closes the live files (a stopping local stack; a rebuild replacing a file). */
export function closeLiveIndexes(): void {
  for (const index of live.values()) index.close();
  live.clear();
}

export const ftsEngine: SearchEngine = {
  name: 'fts',
  async search(tenantId, params) {
    const index = liveDir() ? liveIndex(tenantId) : await readSnapshot(tenantId);
    return index ? index.search(params) : { hits: [], more: false };
  },
  async apply(tenantId, ops) {
    if (liveDir()) return liveIndex(tenantId).apply(ops);
    return writeSnapshot(tenantId, (index) => index.apply(ops));
  },
};
