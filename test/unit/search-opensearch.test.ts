/**
 * The OpenSearch adapter (issue 9, Q5) builds the requests a tenant past the FTS5 threshold
 * needs: an index with German and English analyses, bulk writes that refuse older versions,
 * a query with the same access rules, filters, one hit per ticket and marked snippets. Checked
 * against the request shapes (no cluster here); the engine is picked per tenant.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bulkLines, indexMapping, indexName, openSearchEngine, pageOf, searchBody, type OsRequest } from '../../shared/search/opensearch.ts';
import { searchEngineFor } from '../../shared/search/engine.ts';
import { MARK_END, MARK_START } from '../../shared/search/marks.ts';
import type { SearchParams } from '../../shared/search/fts.ts';

const T = '00000000000000a1';
const base: SearchParams = { q: 'Drucker Pasword', limit: 20, offset: 0, viewer: { role: 'staff' } };

describe('index mapping', () => {
  it('folds umlauts and stems German and English on sub-fields; access fields are keywords', () => {
    const m = indexMapping();
    expect(m.settings.analysis.analyzer.german_folded.filter).toEqual(['lowercase', 'german_normalization', 'german_stemmer']);
    expect(m.mappings.properties.title.fields).toEqual({ de: { type: 'text', analyzer: 'german_folded' }, en: { type: 'text', analyzer: 'english' } });
    for (const f of ['kind', 'head', 'audience', 'ownerId', 'topicId'] as const) expect(m.mappings.properties[f].type).toBe('keyword');
  });
});

describe('bulk lines', () => {
  it('index by key with the change time as external version; delete likewise', () => {
    const lines = bulkLines(T, [
      { upsert: { kind: 'faq', key: 'faq:1', ref: '1', title: 'T', body: 'B', audience: 'public', topicId: 'x', updatedAt: '2026-01-02T00:00:00.000Z' } },
      { remove: 'faq:2', at: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(lines).toEqual([
      { index: { _index: indexName(T), _id: 'faq:1', version: Date.parse('2026-01-02T00:00:00.000Z'), version_type: 'external_gte' } },
      {
        key: 'faq:1',
        kind: 'faq',
        ref: '1',
        head: 'faq:1',
        title: 'T',
        body: 'B',
        extra: '',
        topicId: 'x',
        audience: 'public',
        updatedAt: '2026-01-02T00:00:00.000Z',
      },
      { delete: { _index: indexName(T), _id: 'faq:2', version: Date.parse('2026-01-03T00:00:00.000Z'), version_type: 'external_gte' } },
    ]);
  });
});

describe('search body', () => {
  it('all words must match, title weighs most, typos tolerated, one hit per ticket, marked snippets', () => {
    const b = searchBody({ ...base, q: 'Drucker Pasword ' });
    expect(b.query.bool.must[0]).toMatchObject({ multi_match: { type: 'best_fields', operator: 'and', fuzziness: 'AUTO' } });
    expect(b.query.bool.must[0]!.multi_match.fields).toContain('title^10');
    expect(b.collapse).toEqual({ field: 'head' });
    expect(b.highlight.pre_tags).toEqual([MARK_START]);
    expect(b.highlight.post_tags).toEqual([MARK_END]);
    expect(b.size).toBe(21);
  });

  it('the word being typed is a prefix', () => {
    expect(searchBody({ ...base, q: 'Netzwerkdr' }).query.bool.must[0]).toMatchObject({ multi_match: { type: 'bool_prefix' } });
  });

  it('a customer: public and customer knowledge, and ticket rows of their own only; anonymous: public, no tickets', () => {
    expect(searchBody({ ...base, viewer: { role: 'customer', userId: 'cora' } }).query.bool.filter).toEqual([
      { terms: { audience: ['public', 'customers'] } },
      { bool: { should: [{ bool: { must_not: { term: { kind: 'ticket' } } } }, { term: { ownerId: 'cora' } }], minimum_should_match: 1 } },
    ]);
    expect(searchBody({ ...base, viewer: { role: 'anonymous' } }).query.bool.filter).toEqual([
      { term: { audience: 'public' } },
      { bool: { must_not: { term: { kind: 'ticket' } } } },
    ]);
    expect(searchBody(base).query.bool.filter).toEqual([]);
  });

  it('kinds and topic filter', () => {
    expect(searchBody({ ...base, kinds: ['faq', 'article'], topicId: 't1' }).query.bool.filter).toEqual([
      { terms: { kind: ['faq', 'article'] } },
      { term: { topicId: 't1' } },
    ]);
  });

  it('an answer becomes a page of hits', () => {
    const json = {
      hits: { hits: [{ _score: 3.5, _source: { kind: 'ticket', ref: '7', title: 'Drucker' }, highlight: { body: [`der ${MARK_START}Drucker${MARK_END}`] } }] },
    };
    expect(pageOf(base, json)).toEqual({
      hits: [{ kind: 'ticket', ref: '7', title: 'Drucker', snippet: `der ${MARK_START}Drucker${MARK_END}`, score: 3.5 }],
      more: false,
    });
  });
});

describe('the engine over a transport', () => {
  it('creates the index once, gives a ticket’s rows their head’s requester, removes a merged ticket’s rows', async () => {
    const sent: OsRequest[] = [];
    const engine = openSearchEngine(async (req) => {
      sent.push(req);
      if (req.method === 'HEAD') return { status: 404, json: undefined };
      if (req.path.endsWith('/_mget')) return { status: 200, json: { docs: [{ _id: 'ticket:7', found: true, _source: { ownerId: 'cora' } }] } };
      if (req.path === '/_bulk')
        return {
          status: 200,
          json: {
            items: req.ndjson!.filter((l: any) => l.index || l.delete).map((l: any) => (l.index ? { index: { status: 201 } } : { delete: { status: 200 } })),
          },
        };
      return { status: 200, json: {} };
    });
    const result = await engine.apply(T, [
      { upsert: { kind: 'ticket', key: 'ticket:7:msg:a', ref: '7', title: '', body: 'Antwort', audience: 'customers', updatedAt: '2026-01-01T00:00:00Z' } },
      { remove: 'ticket:8', at: '2026-01-01T00:00:00Z' },
    ]);
    expect(result).toEqual({ upserted: 1, removed: 1, skipped: 0 });
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      `HEAD /${indexName(T)}`,
      `PUT /${indexName(T)}`,
      `POST /${indexName(T)}/_mget`,
      'POST /_bulk',
      `POST /${indexName(T)}/_delete_by_query`,
    ]);
    expect(sent[3]!.ndjson![1]).toMatchObject({ key: 'ticket:7:msg:a', ownerId: 'cora' });
    expect(sent[4]!.body).toEqual({ query: { terms: { head: ['ticket:8'] } } });
  });

  it('a replay (version conflict) counts as skipped, not as an error', async () => {
    const engine = openSearchEngine(async (req) =>
      req.path === '/_bulk' ? { status: 200, json: { items: [{ index: { status: 409 } }] } } : { status: 200, json: { docs: [] } },
    );
    expect(await engine.apply(T, [{ upsert: { kind: 'faq', key: 'faq:1', ref: '1', title: 'x', body: '', audience: 'public', updatedAt: 'a' } }])).toEqual({
      upserted: 0,
      removed: 0,
      skipped: 1,
    });
  });
});

describe('searchEngineFor', () => {
  afterEach(() => {
    delete process.env.SEARCH_OPENSEARCH_TENANTS;
  });

  it('FTS5 for every tenant, OpenSearch for a tenant listed in SEARCH_OPENSEARCH_TENANTS', async () => {
    expect((await searchEngineFor(T)).name).toBe('fts');
    process.env.SEARCH_OPENSEARCH_TENANTS = `other,${T}`;
    process.env.OPENSEARCH_ENDPOINT = 'https://collection.eu-central-1.aoss.amazonaws.com';
    expect((await searchEngineFor(T)).name).toBe('opensearch');
    expect((await searchEngineFor('00000000000000b2')).name).toBe('fts');
  });
});
