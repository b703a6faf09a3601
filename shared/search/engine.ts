/**
 * The search module's one interface (issue 9, Q5) and which implementation a tenant uses:
 * SQLite FTS5 (every tenant by default; `fts-engine.ts`), or OpenSearch (`opensearch.ts`) for a
 * tenant listed in `SEARCH_OPENSEARCH_TENANTS` once it passes the threshold in infra/README.md.
 */
import type { ApplyResult, IndexOp, SearchPage, SearchParams } from './fts.ts';

export interface SearchEngine {
  readonly name: 'fts' | 'opensearch';
  /** One page of hits the viewer may see. */
  search(tenantId: string, params: SearchParams): Promise<SearchPage>;
  /** Applies one batch of index writes of one tenant (idempotent; never two at once per tenant). */
  apply(tenantId: string, ops: readonly IndexOp[]): Promise<ApplyResult>;
}

/** Tenants served by OpenSearch: a deployment setting, so a search costs no extra read. */
function openSearchTenants(): Set<string> {
  return new Set(
    (process.env.SEARCH_OPENSEARCH_TENANTS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** The engine of one tenant. */
export async function searchEngineFor(tenantId: string): Promise<SearchEngine> {
  if (openSearchTenants().has(tenantId)) {
    const { openSearchEngine } = await import('./opensearch.ts');
    return openSearchEngine();
  }
  const { ftsEngine } = await import('./fts-engine.ts');
  return ftsEngine;
}
