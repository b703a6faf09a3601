/**
 * The search indexer (issue 9, Q5): turns a batch of committed changes of ONE tenant into index
 * writes through the registered sources and applies them in one transaction. Callers make sure
 * two batches of a tenant never run at once (AWS: SQS FIFO, message group = tenant; locally the
 * per-tenant serial queue of infra/local/search-queue.ts). Replays are harmless: the index
 * upserts and removes by key and never lets an older state overwrite a newer one (fts.ts).
 */
import type { Change } from '../effects/change.ts';
import { searchEngineFor } from './engine.ts';
import type { ApplyResult, IndexOp } from './fts.ts';
import { SEARCH_SOURCES, type SearchSource } from './sources.ts';

/** Every item kind some source reads: changes of other kinds never reach the indexer. */
export const SEARCH_ITEM_KINDS: readonly string[] = [...new Set(SEARCH_SOURCES.flatMap((s) => s.itemKinds))].sort();

const sourceOf = (kind: string, sources: readonly SearchSource[]) => sources.find((s) => s.itemKinds.includes(kind));

/** When a change happened, as far as its item tells (what orders a late replay against newer state). */
function timeOf(item: Record<string, unknown> | undefined): string | undefined {
  const at = item?.updatedAt ?? item?.createdAt;
  return typeof at === 'string' ? at : undefined;
}

/** The index writes of a batch of changes, in order: each change's documents, and removal of the keys it no longer has. */
export function opsOf(changes: readonly Change[], sources: readonly SearchSource[] = SEARCH_SOURCES): IndexOp[] {
  const ops: IndexOp[] = [];
  for (const change of changes) {
    const source = sourceOf(change.kind, sources);
    if (!source) continue;
    const docs = change.type === 'remove' || !change.new ? [] : source.docsOf(change.new);
    const keep = new Set(docs.map((d) => d.key));
    const at = timeOf(change.new) ?? timeOf(change.old) ?? '';
    const keys = new Set([...(change.old ? source.keysOf(change.old) : []), ...(change.new ? source.keysOf(change.new) : [])]);
    for (const doc of docs) ops.push({ upsert: doc });
    for (const key of keys) if (!keep.has(key)) ops.push({ remove: key, at });
  }
  return ops;
}

/** Indexes one batch of one tenant's changes (the whole batch, or nothing: one transaction). */
export async function indexBatch(tenantId: string, changes: readonly Change[]): Promise<ApplyResult> {
  if (changes.some((c) => c.tenantId !== tenantId)) throw new Error('a search batch holds one tenant only');
  const ops = opsOf(changes);
  if (ops.length === 0) return { upserted: 0, removed: 0, skipped: 0 };
  const engine = await searchEngineFor(tenantId);
  return engine.apply(tenantId, ops);
}

/** A batch split by tenant, each tenant's changes in their order. */
export function byTenant(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    if (!SEARCH_ITEM_KINDS.includes(c.kind)) continue;
    const list = groups.get(c.tenantId) ?? [];
    list.push(c);
    groups.set(c.tenantId, list);
  }
  return groups;
}
