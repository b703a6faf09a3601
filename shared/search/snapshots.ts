/**
 * Search snapshots in AWS (issue 9, Q5): the indexer (one batch of a tenant at a time, SQS FIFO
 * group = tenant) keeps the tenant's file in /tmp while warm, brings it up to the pointer's
 * generation if another instance wrote since, applies the batch, uploads the file gzip'd as a
 * new generation (`<tenant>/search/<generation>.sqlite.gz`: tenant first, like every key of the
 * bucket, so a tenant-scoped policy covers it) and moves the pointer with a condition on the
 * generation it started from. The reader reads the pointer (one GetItem) and downloads only a
 * new generation into /tmp. After a move, generations older than the one before the current are
 * deleted (`pruneGenerations`): a reader may still be loading the previous one, none an older.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { deleteObjects, getObjectBytes, putObject } from '../files/storage.ts';
import { isTenantId } from '../ids.ts';
import { getSearchPointer, putSearchPointer } from '../db/search.ts';
import { FtsIndex } from './fts.ts';

interface Cached {
  generation: number;
  index: FtsIndex;
  file: string;
}

const readers = new Map<string, Cached>();
const writers = new Map<string, Cached>();

function folder(kind: 'read' | 'write', tenantId: string): string {
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id');
  const dir = join(process.env.SEARCH_TMP_DIR ?? tmpdir(), `search-${kind}`, tenantId);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Object key of one generation of a tenant's snapshot. */
export const snapshotKey = (tenantId: string, generation: number) => `${tenantId}/search/${generation}.sqlite.gz`;

/** Generations kept behind the current one: a reader that read the pointer just before it moved may still be loading it. */
const KEEP_BEHIND = 1;
/** How many older generations each prune deletes: a prune that failed is made up for by the next ones. */
export const PRUNE_REACH = 20;

/**
 * Deletes the tenant's generations older than the one before `current` (the newest `PRUNE_REACH`
 * of them: older ones went with earlier prunes). Deleting a missing object succeeds, so a prune
 * may repeat. Without list rights (the functions get none), the keys are named by generation.
 */
export async function pruneGenerations(tenantId: string, current: number, reach = PRUNE_REACH): Promise<void> {
  const newest = current - 1 - KEEP_BEHIND;
  const keys: string[] = [];
  for (let g = newest; g >= 1 && g > newest - reach; g--) keys.push(snapshotKey(tenantId, g));
  await deleteObjects(keys);
}

/** After a pointer move: prune, never failing the batch (its generation is published; the next prune reaches back). */
async function pruneQuietly(tenantId: string, current: number, reach = PRUNE_REACH): Promise<void> {
  try {
    await pruneGenerations(tenantId, current, reach);
  } catch (err) {
    console.warn(JSON.stringify({ level: 'WARN', message: 'old search snapshots not deleted', tenantId, generation: current, error: String(err) }));
  }
}

async function download(kind: 'read' | 'write', tenantId: string, generation: number, objectKey: string): Promise<string> {
  const file = join(folder(kind, tenantId), `${generation}.sqlite`);
  if (!existsSync(file)) writeFileSync(file, gunzipSync(await getObjectBytes(objectKey)));
  return file;
}

function replace(cache: Map<string, Cached>, tenantId: string, next: Cached): FtsIndex {
  const old = cache.get(tenantId);
  cache.set(tenantId, next);
  if (old && old.file !== next.file) {
    old.index.close();
    rmSync(old.file, { force: true });
  }
  return next.index;
}

/** The tenant's current snapshot for reading, or undefined when it has none yet. */
export async function readSnapshot(tenantId: string): Promise<FtsIndex | undefined> {
  const pointer = await getSearchPointer(tenantId);
  if (!pointer) return undefined;
  const cached = readers.get(tenantId);
  if (cached?.generation === pointer.generation) return cached.index;
  const file = await download('read', tenantId, pointer.generation, pointer.objectKey);
  return replace(readers, tenantId, { generation: pointer.generation, file, index: new FtsIndex(file, { readOnly: true }) });
}

/** Applies `write` to the tenant's newest snapshot and publishes the result as the next generation. */
export async function writeSnapshot<R extends { upserted: number; removed: number }>(tenantId: string, write: (index: FtsIndex) => R): Promise<R> {
  for (;;) {
    const pointer = await getSearchPointer(tenantId);
    const generation = pointer?.generation ?? 0;
    let cached = writers.get(tenantId);
    if (!cached || cached.generation !== generation) {
      const file = pointer ? await download('write', tenantId, generation, pointer.objectKey) : join(folder('write', tenantId), '0.sqlite');
      replace(writers, tenantId, (cached = { generation, file, index: new FtsIndex(file, { wal: false }) }));
    }
    const result = write(cached.index);
    if (result.upserted + result.removed === 0) return result;
    const bytes = gzipSync(readFileSync(cached.file));
    const next = generation + 1;
    const objectKey = snapshotKey(tenantId, next);
    await putObject(objectKey, bytes, 'application/gzip');
    const moved = await putSearchPointer(tenantId, generation, {
      generation: next,
      objectKey,
      docs: cached.index.count(),
      bytes: bytes.byteLength,
      updatedAt: new Date().toISOString(),
    });
    if (moved) {
      // Our file now IS generation `next`: keep it open, no download on the next batch.
      cached.generation = next;
      await pruneQuietly(tenantId, next);
      return result;
    }
    // Another writer published first (a FIFO group is never processed twice at once, so only
    // after a redelivery): start again from its generation; the batch is idempotent.
    writers.delete(tenantId);
    cached.index.close();
  }
}

/** Publishes a freshly built file (a rebuild) as the tenant's next generation, whatever is there now. */
export async function publishRebuilt(tenantId: string, file: string, docs: number): Promise<number> {
  const bytes = gzipSync(readFileSync(file));
  for (;;) {
    const generation = (await getSearchPointer(tenantId))?.generation ?? 0;
    const objectKey = snapshotKey(tenantId, generation + 1);
    await putObject(objectKey, bytes, 'application/gzip');
    if (
      await putSearchPointer(tenantId, generation, {
        generation: generation + 1,
        objectKey,
        docs,
        bytes: bytes.byteLength,
        updatedAt: new Date().toISOString(),
      })
    ) {
      writers.delete(tenantId);
      // A rebuild also clears what came before pruning existed: every older generation.
      await pruneQuietly(tenantId, generation + 1, generation + 1);
      return generation + 1;
    }
  }
}
