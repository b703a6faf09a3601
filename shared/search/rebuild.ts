/**
 * Rebuilding search indexes from the table (issue 9, Q5): after an analyzer change, for a
 * tenant whose index was lost, and by the local stack for a table without index files. Reads
 * every item of the sources' kinds, builds a NEW file and only then puts it in place (local:
 * renamed over the live file; AWS: published as the next snapshot generation), so searches
 * keep working meanwhile.
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { tenantOfKey } from '../db/keys.ts';
import { scanSearchItems } from '../db/search.ts';
import { closeLiveIndexes, liveDir } from './fts-engine.ts';
import { FtsIndex, type IndexOp } from './fts.ts';
import { SEARCH_ITEM_KINDS } from './indexer.ts';
import { publishRebuilt } from './snapshots.ts';
import { SEARCH_SOURCES } from './sources.ts';

/** The analyzer's version stored in each index (bump with every change of analyzer.ts). */
export const ANALYZER_VERSION = '1';
const CHUNK = 2_000;

/** Index documents of table items, grouped by tenant (what a rebuild writes). */
function docsByTenant(items: Record<string, unknown>[], into: Map<string, IndexOp[]>): void {
  for (const item of items) {
    const tenantId = typeof item.pk === 'string' ? tenantOfKey(item.pk) : undefined;
    const source = SEARCH_SOURCES.find((s) => s.itemKinds.includes(item.kind as string));
    if (!tenantId || !source) continue;
    const ops = into.get(tenantId) ?? [];
    for (const doc of source.docsOf(item)) ops.push({ upsert: doc });
    into.set(tenantId, ops);
  }
}

/** Writes one tenant's documents into a new file and puts it in place; the number of documents. */
async function install(tenantId: string, ops: IndexOp[]): Promise<number> {
  const dir = liveDir() ?? mkdtempSync(join(tmpdir(), 'search-rebuild-'));
  const file = join(dir, `${tenantId}.rebuild.sqlite`);
  rmSync(file, { force: true });
  const index = new FtsIndex(file, { wal: false });
  for (let i = 0; i < ops.length; i += CHUNK) index.apply(ops.slice(i, i + CHUNK));
  index.setMeta('analyzer', ANALYZER_VERSION);
  const docs = index.count();
  index.close();
  if (liveDir()) {
    closeLiveIndexes();
    const target = join(dir, `${tenantId}.sqlite`);
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(file, target);
  } else {
    await publishRebuilt(tenantId, file, docs);
    rmSync(dir, { recursive: true, force: true });
  }
  return docs;
}

/** Rebuilds one tenant's index; the number of documents. */
export async function rebuildTenant(tenantId: string): Promise<number> {
  const byTenant = new Map<string, IndexOp[]>([[tenantId, []]]);
  for await (const page of scanSearchItems(SEARCH_ITEM_KINDS, tenantId)) docsByTenant(page, byTenant);
  return install(tenantId, byTenant.get(tenantId)!);
}

/** Rebuilds every tenant's index (one scan of the table); the number of documents. */
export async function rebuildAll(): Promise<number> {
  const byTenant = new Map<string, IndexOp[]>();
  for await (const page of scanSearchItems(SEARCH_ITEM_KINDS)) docsByTenant(page, byTenant);
  let docs = 0;
  for (const [tenantId, ops] of byTenant) docs += await install(tenantId, ops);
  return docs;
}
