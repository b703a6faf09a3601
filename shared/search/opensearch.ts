/**
 * The OpenSearch implementation of the search interface (issue 9, Q5), for a tenant past the
 * FTS5 threshold (infra/README.md): an OpenSearch Serverless collection, one index per tenant
 * (`helpdesk-<tenant>`), fed from the same change stream and indexer. Only request bodies are
 * built here (unit-tested against their shapes, test/unit/search-opensearch.test.ts); the
 * transport signs them with SigV4 for service `aoss`.
 *
 * Differences to FTS5, because OpenSearch has no joins: a ticket's rows carry their head's
 * requester as `ownerId`, looked up (mget) when they are indexed; removing a ticket's head
 * removes its rows (delete by query on `head`). One hit per ticket is `collapse` on `head`.
 * German and English stemming are OpenSearch's own analyzers on sub-fields (`.de`, `.en`), with
 * `german_normalization` folding umlauts; typos are `fuzziness: AUTO`, the word being typed
 * `bool_prefix`.
 */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { SearchEngine } from './engine.ts';
import type { ApplyResult, IndexOp, SearchPage, SearchParams } from './fts.ts';
import { MARK_END, MARK_START } from './marks.ts';
import type { SearchDoc } from './sources.ts';
import { queryTerms } from './analyzer.ts';

/** One HTTP request to the collection. */
export interface OsRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  path: string;
  body?: unknown;
  /** NDJSON lines (bulk), sent as they are. */
  ndjson?: unknown[];
}
export type OsTransport = (req: OsRequest) => Promise<{ status: number; json: any }>;

/** The index of one tenant. */
export const indexName = (tenantId: string) => `helpdesk-${tenantId}`;

const TEXT = () => ({
  type: 'text',
  analyzer: 'folded',
  fields: { de: { type: 'text', analyzer: 'german_folded' }, en: { type: 'text', analyzer: 'english' } },
});

/** The index's settings and mapping: keyword fields for the access rules and filters, three analyses of the text. */
export function indexMapping() {
  return {
    settings: {
      analysis: {
        filter: { german_stemmer: { type: 'stemmer', language: 'light_german' } },
        analyzer: {
          folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'german_normalization', 'asciifolding'] },
          german_folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'german_normalization', 'german_stemmer'] },
        },
      },
    },
    mappings: {
      dynamic: 'strict',
      properties: {
        key: { type: 'keyword' },
        kind: { type: 'keyword' },
        ref: { type: 'keyword' },
        head: { type: 'keyword' },
        title: TEXT(),
        body: TEXT(),
        extra: TEXT(),
        topicId: { type: 'keyword' },
        tags: { type: 'keyword', copy_to: 'extra' },
        audience: { type: 'keyword' },
        ownerId: { type: 'keyword' },
        updatedAt: { type: 'date' },
      },
    },
  };
}

const headOf = (d: Pick<SearchDoc, 'kind' | 'ref'>) => `${d.kind}:${d.ref}`;
/** External version from the change time, so an older change delivered late is refused by OpenSearch itself. */
const versionOf = (at: string) => Date.parse(at) || 0;

/** The `_bulk` lines of a batch (owners of ticket rows already filled in). */
export function bulkLines(tenantId: string, ops: readonly IndexOp[]): unknown[] {
  const _index = indexName(tenantId);
  return ops.flatMap((op): unknown[] => {
    if ('remove' in op) return [{ delete: { _index, _id: op.remove, version: versionOf(op.at), version_type: 'external_gte' } }];
    const d = op.upsert;
    return [
      { index: { _index, _id: d.key, version: versionOf(d.updatedAt), version_type: 'external_gte' } },
      {
        key: d.key,
        kind: d.kind,
        ref: d.ref,
        head: headOf(d),
        title: d.title,
        body: d.body,
        extra: d.extra ?? '',
        ...(d.topicId && { topicId: d.topicId }),
        ...(d.tags?.length && { tags: d.tags }),
        audience: d.audience,
        ...(d.ownerId && { ownerId: d.ownerId }),
        updatedAt: d.updatedAt,
      },
    ];
  });
}

/** The access rules of fts.ts as filters: a ticket's rows count for a customer through `ownerId`. */
function accessFilter(viewer: SearchParams['viewer']) {
  if (viewer.role === 'staff') return [];
  if (viewer.role === 'anonymous') return [{ term: { audience: 'public' } }, { bool: { must_not: { term: { kind: 'ticket' } } } }];
  return [
    { terms: { audience: ['public', 'customers'] } },
    { bool: { should: [{ bool: { must_not: { term: { kind: 'ticket' } } } }, { term: { ownerId: viewer.userId } }], minimum_should_match: 1 } },
  ];
}

/** The `_search` body of a query: all words must match, title first, typos and the word being typed tolerated. */
export function searchBody(params: SearchParams) {
  const fields = ['title^10', 'title.de^10', 'title.en^10', 'body', 'body.de', 'body.en', 'extra^3', 'extra.de^3', 'extra.en^3'];
  const typing = queryTerms(params.q).some((t) => t.prefix);
  const operator = params.match === 'any' ? 'or' : 'and';
  return {
    from: params.offset,
    size: params.limit + 1,
    query: {
      bool: {
        must: [
          typing
            ? { multi_match: { query: params.q, type: 'bool_prefix', fields, operator, fuzziness: 'AUTO' } }
            : { multi_match: { query: params.q, type: 'best_fields', fields, operator, fuzziness: 'AUTO' } },
        ],
        filter: [
          ...accessFilter(params.viewer),
          ...(params.kinds?.length ? [{ terms: { kind: params.kinds } }] : []),
          ...(params.topicId ? [{ term: { topicId: params.topicId } }] : []),
        ],
      },
    },
    collapse: { field: 'head' },
    highlight: {
      pre_tags: [MARK_START],
      post_tags: [MARK_END],
      encoder: 'default',
      fields: { body: { fragment_size: 180, number_of_fragments: 1, no_match_size: 180 }, title: { number_of_fragments: 0 } },
    },
    _source: ['kind', 'ref', 'head', 'title', 'topicId'],
  };
}

/** Hits of a `_search` answer as the interface returns them. */
export function pageOf(params: SearchParams, json: any): SearchPage {
  const hits = (json?.hits?.hits ?? []) as any[];
  return {
    hits: hits.slice(0, params.limit).map((h) => ({
      kind: h._source.kind,
      ref: h._source.ref,
      title: h._source.title,
      snippet: (h.highlight?.body?.[0] ?? h.highlight?.title?.[0] ?? '') as string,
      ...(h._source.topicId && { topicId: h._source.topicId }),
      score: h._score ?? 0,
    })),
    more: hits.length > params.limit,
  };
}

/** SigV4 SHA-256 from node:crypto (the signer takes a hash class). */
type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Bytes) => (typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
class Sha256 {
  private readonly h;
  constructor(secret?: Bytes) {
    this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Bytes) {
    this.h.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset() {}
}

/** The signed HTTP transport to the collection at OPENSEARCH_ENDPOINT. */
export function awsTransport(endpoint = process.env.OPENSEARCH_ENDPOINT ?? ''): OsTransport {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service: 'aoss', region: process.env.AWS_REGION ?? 'eu-central-1', credentials: fromNodeProviderChain(), sha256: Sha256 });
  return async (req) => {
    const body = req.ndjson ? `${req.ndjson.map((l) => JSON.stringify(l)).join('\n')}\n` : req.body === undefined ? undefined : JSON.stringify(req.body);
    const [path, query] = req.path.split('?');
    const signed = await signer.sign({
      method: req.method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: path!,
      query: Object.fromEntries(new URLSearchParams(query ?? '')),
      headers: {
        host: url.hostname,
        'content-type': req.ndjson ? 'application/x-ndjson' : 'application/json',
        'x-amz-content-sha256': createHash('sha256')
          .update(body ?? '')
          .digest('hex'),
      },
      body,
    });
    const res = await fetch(`${url.origin}${req.path}`, { method: req.method, headers: signed.headers, body });
    return { status: res.status, json: res.status === 204 ? undefined : await res.json().catch(() => undefined) };
  };
}

/** Fills in the requester of ticket rows from their heads (OpenSearch cannot join at query time). */
async function withOwners(tenantId: string, ops: readonly IndexOp[], send: OsTransport): Promise<IndexOp[]> {
  const heads = new Map<string, string | undefined>();
  for (const op of ops) if ('upsert' in op && op.upsert.kind === 'ticket' && op.upsert.key === headOf(op.upsert)) heads.set(op.upsert.key, op.upsert.ownerId);
  const missing = [
    ...new Set(
      ops.flatMap((op) =>
        'upsert' in op && op.upsert.kind === 'ticket' && op.upsert.audience !== 'staff' && !heads.has(headOf(op.upsert)) ? [headOf(op.upsert)] : [],
      ),
    ),
  ];
  if (missing.length) {
    const r = await send({ method: 'POST', path: `/${indexName(tenantId)}/_mget`, body: { ids: missing } });
    for (const d of r.json?.docs ?? []) heads.set(d._id, d.found ? d._source?.ownerId : undefined);
  }
  return ops.map((op) =>
    'upsert' in op && op.upsert.kind === 'ticket' && op.upsert.audience !== 'staff' && !op.upsert.ownerId && heads.get(headOf(op.upsert))
      ? { upsert: { ...op.upsert, ownerId: heads.get(headOf(op.upsert)) } }
      : op,
  );
}

/** The engine over a transport (default: the signed one to OPENSEARCH_ENDPOINT). */
export function openSearchEngine(send: OsTransport = awsTransport()): SearchEngine {
  return {
    name: 'opensearch',
    async search(tenantId, params) {
      const r = await send({ method: 'POST', path: `/${indexName(tenantId)}/_search`, body: searchBody(params) });
      if (r.status === 404) return { hits: [], more: false };
      if (r.status >= 300) throw new Error(`OpenSearch search failed: ${r.status}`);
      return pageOf(params, r.json);
    },
    async apply(tenantId, ops): Promise<ApplyResult> {
      const index = indexName(tenantId);
      if ((await send({ method: 'HEAD', path: `/${index}` })).status === 404) await send({ method: 'PUT', path: `/${index}`, body: indexMapping() });
      const lines = bulkLines(tenantId, await withOwners(tenantId, ops, send));
      const r = await send({ method: 'POST', path: '/_bulk', ndjson: lines });
      if (r.status >= 300) throw new Error(`OpenSearch bulk failed: ${r.status}`);
      const result: ApplyResult = { upserted: 0, removed: 0, skipped: 0 };
      for (const item of (r.json?.items ?? []) as any[]) {
        const [action, res] = Object.entries(item)[0] as [string, { status: number; error?: { type?: string } }];
        // 409 = an equal or newer version is there already (a replay): nothing to do.
        if (res.status === 409 || (action === 'delete' && res.status === 404)) result.skipped++;
        else if (res.status >= 300) throw new Error(`OpenSearch ${action} failed: ${res.error?.type ?? res.status}`);
        else if (action === 'delete') result.removed++;
        else result.upserted++;
      }
      // A ticket's head removed (merged): its rows go with it.
      const goneHeads = ops.flatMap((op) => ('remove' in op && /^ticket:\d+$/.test(op.remove) ? [op.remove] : []));
      if (goneHeads.length) await send({ method: 'POST', path: `/${index}/_delete_by_query`, body: { query: { terms: { head: goneHeads } } } });
      return result;
    },
  };
}
