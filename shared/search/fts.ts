/**
 * One tenant's search index as a SQLite FTS5 database (`node:sqlite`, built into Node 24): a
 * document table with what a hit shows and who may find it, an FTS5 table over the ANALYSED
 * text (analyzer.ts; contentless, so the text is stored once, in `docs`), and the vocabulary
 * (`terms`) the query side expands typos and compound words from.
 *
 * Why our own `terms` table rather than `fts5vocab`: a compound match ("Drucker" finds
 * "Netzwerkdrucker") looks up every term ENDING in a stem, which is a range scan on the reversed
 * term here, while `fts5vocab` would walk (and count) the whole index per query. It costs a few
 * per cent of the file and is never pruned (a stale term only expands to nothing).
 *
 * Snippets are cut and marked in JavaScript (`snippetOf`), not with FTS5's `snippet()`: the FTS
 * table holds stems, and a snippet must show the words as written.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SearchKind } from '../knowledge/constants.ts';
import type { SearchDoc } from './sources.ts';
import { analyzedText, editDistance, queryTerms, stem, typosAllowed, words, type QueryTerm } from './analyzer.ts';
import { MARK_END, MARK_START } from './marks.ts';

/** Who is searching: decides which documents may be found (the WHERE clauses below). */
export type Viewer = { role: 'staff' } | { role: 'customer'; userId: string } | { role: 'anonymous' };

export interface SearchParams {
  q: string;
  kinds?: readonly SearchKind[];
  topicId?: string;
  limit: number;
  offset: number;
  viewer: Viewer;
}

/** One hit: the best matching document of one FAQ entry, article, document or ticket. */
export interface SearchHit {
  kind: SearchKind;
  /** An id, or a ticket's number. */
  ref: string;
  title: string;
  /** Plain text with matches between MARK_START and MARK_END. */
  snippet: string;
  topicId?: string;
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  /** More hits follow after `offset + hits.length`. */
  more: boolean;
}

/** What one batch did to the index. */
export interface ApplyResult {
  upserted: number;
  removed: number;
  /** Operations an equal or newer state already covered (a replay, or an out-of-order older change). */
  skipped: number;
}

/** One write of a batch: a document to store, or a key to remove as of a time. */
export type IndexOp = { upsert: SearchDoc } | { remove: string; at: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, ref TEXT NOT NULL,
  head TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, topic_id TEXT, tags TEXT,
  audience TEXT NOT NULL, owner_id TEXT, extra TEXT, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_head ON docs(head);
CREATE TABLE IF NOT EXISTS gone(key TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, rev TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS terms_rev ON terms(rev);
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, extra, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
`;

/** bm25 weights of title, body and extra (requester, company, tags): a title match ranks first. */
const WEIGHTS = '10.0, 1.0, 3.0';
/** Compound expansions per query word ("druck" → "netzwerkdruck", "farbdruck", …). */
const MAX_COMPOUNDS = 40;
/** A compound's other part has at least this many letters (so "druck" does not expand to "adruck"). */
const MIN_COMPOUND_HEAD = 3;
const SNIPPET_CHARS = 180;

const reverse = (s: string) => [...s].reverse().join('');
const strip = (s: string) => s.replace(/[\uE000\uE001]/g, '');

/** A tenant's FTS5 index over one SQLite file (or `:memory:`). */
export class FtsIndex {
  readonly db: DatabaseSync;
  private readonly stmts = new Map<string, StatementSync>();

  /** `wal`: a live file read while written (local); a snapshot file to upload keeps a rollback journal. */
  constructor(path: string, opts: { readOnly?: boolean; wal?: boolean } = {}) {
    this.db = new DatabaseSync(path, { readOnly: opts.readOnly ?? false });
    if (!opts.readOnly) {
      if (opts.wal ?? true) this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      this.db.exec(SCHEMA);
    }
  }

  private stmt(sql: string): StatementSync {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  close(): void {
    this.db.close();
  }

  /** A value of the index's own bookkeeping (e.g. the analyzer version it was built with). */
  meta(name: string): string | undefined {
    return (this.stmt('SELECT value FROM meta WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  }

  setMeta(name: string, value: string): void {
    this.stmt('INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
  }

  /** Documents in the index. */
  count(): number {
    return (this.stmt('SELECT count(*) AS n FROM docs').get() as { n: number }).n;
  }

  /**
   * Applies a batch in one transaction. Idempotent and order-safe per key: a document older than
   * the stored one (or than its removal) is skipped, an equal one that changes nothing too.
   */
  apply(ops: readonly IndexOp[]): ApplyResult {
    const result: ApplyResult = { upserted: 0, removed: 0, skipped: 0 };
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const op of ops) {
        const done = 'upsert' in op ? this.upsert(op.upsert) : this.remove(op.remove, op.at);
        if (done === 'skipped') result.skipped++;
        else if (done === 'upserted') result.upserted++;
        else result.removed++;
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
    return result;
  }

  private upsert(doc: SearchDoc): 'upserted' | 'skipped' {
    const row = {
      key: doc.key,
      kind: doc.kind,
      ref: doc.ref,
      head: `${doc.kind}:${doc.ref}`,
      title: strip(doc.title),
      body: strip(doc.body),
      topic_id: doc.topicId ?? null,
      tags: doc.tags?.length ? JSON.stringify(doc.tags) : null,
      audience: doc.audience,
      owner_id: doc.ownerId ?? null,
      extra: doc.extra ? strip(doc.extra) : null,
      updated_at: doc.updatedAt,
    };
    const old = this.stmt('SELECT * FROM docs WHERE key = ?').get(doc.key) as (typeof row & { id: number }) | undefined;
    const gone = this.stmt('SELECT at FROM gone WHERE key = ?').get(doc.key) as { at: string } | undefined;
    if (gone && gone.at >= doc.updatedAt) return 'skipped';
    if (old && (old.updated_at > doc.updatedAt || sameRow(old, row))) return 'skipped';
    if (gone) this.stmt('DELETE FROM gone WHERE key = ?').run(doc.key);
    let id: number | bigint;
    if (old) {
      id = old.id;
      this.stmt('DELETE FROM fts WHERE rowid = ?').run(id);
      this.stmt(
        'UPDATE docs SET kind=:kind, ref=:ref, head=:head, title=:title, body=:body, topic_id=:topic_id, tags=:tags, audience=:audience, owner_id=:owner_id, extra=:extra, updated_at=:updated_at WHERE key=:key',
      ).run(row);
    } else {
      id = this.stmt(
        'INSERT INTO docs(key, kind, ref, head, title, body, topic_id, tags, audience, owner_id, extra, updated_at) VALUES (:key, :kind, :ref, :head, :title, :body, :topic_id, :tags, :audience, :owner_id, :extra, :updated_at)',
      ).run(row).lastInsertRowid;
    }
    const title = analyzedText(row.title);
    const body = analyzedText(row.body);
    const extra = analyzedText([row.extra, ...(doc.tags ?? [])].filter(Boolean).join(' '));
    this.stmt('INSERT INTO fts(rowid, title, body, extra) VALUES (?, ?, ?, ?)').run(id, title, body, extra);
    const addTerm = this.stmt('INSERT OR IGNORE INTO terms(term, rev) VALUES (?, ?)');
    for (const term of new Set(`${title} ${body} ${extra}`.split(' '))) if (term) addTerm.run(term, reverse(term));
    return 'upserted';
  }

  private remove(key: string, at: string): 'removed' | 'skipped' {
    const old = this.stmt('SELECT id, updated_at FROM docs WHERE key = ?').get(key) as { id: number; updated_at: string } | undefined;
    const gone = this.stmt('SELECT at FROM gone WHERE key = ?').get(key) as { at: string } | undefined;
    if (old && old.updated_at > at) return 'skipped';
    if (!old && gone && gone.at >= at) return 'skipped';
    if (old) {
      this.stmt('DELETE FROM fts WHERE rowid = ?').run(old.id);
      this.stmt('DELETE FROM docs WHERE id = ?').run(old.id);
    }
    // A tombstone: an older change of this key delivered late must not bring it back.
    this.stmt('INSERT INTO gone(key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = max(at, excluded.at)').run(key, at);
    return old ? 'removed' : 'skipped';
  }

  /** The alternatives one query word matches in the index: its stem, typo neighbours, compounds. */
  private expand(term: QueryTerm): { exact: string[]; prefixes: string[] } {
    const prefixes = term.prefix ? [...new Set([term.stem, term.folded])] : [];
    const exact = new Set([term.stem]);
    // A word being typed is known when some term begins with it; a finished word when it is a term.
    const known = term.prefix
      ? prefixes.some((p) => this.stmt('SELECT 1 FROM terms WHERE term >= ? AND term < ? LIMIT 1').get(p, `${p}\uffff`) !== undefined)
      : this.stmt('SELECT 1 FROM terms WHERE term = ?').get(term.stem) !== undefined;
    const typos = typosAllowed(term.stem);
    if (!known && typos > 0) {
      // Neighbours share the first letter (a typo there is rare, and this keeps the scan short).
      const first = term.stem[0]!;
      const rows = this.stmt('SELECT term FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? LIMIT 50000').all(
        first,
        `${first}\uffff`,
        term.stem.length - typos,
        term.stem.length + typos,
      ) as { term: string }[];
      for (const { term: t } of rows) if (editDistance(term.stem, t, typos) <= typos) exact.add(t);
    }
    if (term.stem.length >= 4) {
      const rev = reverse(term.stem);
      const rows = this.stmt('SELECT term FROM terms WHERE rev > ? AND rev < ? AND length(term) >= ? LIMIT ?').all(
        rev,
        `${rev}\uffff`,
        term.stem.length + MIN_COMPOUND_HEAD,
        MAX_COMPOUNDS,
      ) as { term: string }[];
      for (const { term: t } of rows) exact.add(t);
    }
    return { exact: [...exact], prefixes };
  }

  /** Ranked hits, one per FAQ entry, article, document or ticket, that the viewer may see. */
  search(params: SearchParams): SearchPage {
    const terms = queryTerms(params.q);
    if (terms.length === 0) return { hits: [], more: false };
    const expanded = terms.map((t) => this.expand(t));
    const match = expanded.map(({ exact, prefixes }) => `(${[...exact.map((t) => `"${t}"`), ...prefixes.map((p) => `"${p}"*`)].join(' OR ')})`).join(' AND ');
    const where = ['fts MATCH :match'];
    const args: Record<string, string | number> = { match, limit: params.limit + 1, offset: params.offset };
    const v = params.viewer;
    if (v.role === 'staff') where.push(`(d.kind <> 'ticket' OR h.id IS NOT NULL)`);
    else if (v.role === 'customer') {
      // A ticket's rows are found through its head row's requester: notes are `staff`, so never.
      where.push(`d.audience IN ('public', 'customers') AND (d.kind <> 'ticket' OR h.owner_id = :user)`);
      args.user = v.userId;
    } else where.push(`d.audience = 'public' AND d.kind <> 'ticket'`);
    if (params.kinds?.length) {
      where.push(`d.kind IN (${params.kinds.map((_, i) => `:k${i}`).join(', ')})`);
      params.kinds.forEach((k, i) => (args[`k${i}`] = k));
    }
    if (params.topicId) {
      where.push('coalesce(h.topic_id, d.topic_id) = :topic');
      args.topic = params.topicId;
    }
    const sql = `
      WITH hits AS (
        SELECT d.key, d.kind, d.ref, d.head, d.title, d.body, d.topic_id, h.title AS head_title, h.topic_id AS head_topic,
               bm25(fts, ${WEIGHTS}) AS score
        FROM fts JOIN docs d ON d.id = fts.rowid LEFT JOIN docs h ON h.key = d.head
        WHERE ${where.join(' AND ')}
      ), best AS (
        SELECT *, row_number() OVER (PARTITION BY head ORDER BY score, key) AS n FROM hits
      )
      SELECT * FROM best WHERE n = 1 ORDER BY score, key LIMIT :limit OFFSET :offset`;
    const rows = this.db.prepare(sql).all(args) as {
      kind: SearchKind;
      ref: string;
      title: string;
      body: string;
      topic_id: string | null;
      head_title: string | null;
      head_topic: string | null;
    }[] &
      { score: number }[];
    const matches = {
      exact: new Set(expanded.flatMap((e) => e.exact)),
      prefixes: expanded.flatMap((e) => e.prefixes),
    };
    const hits = rows.slice(0, params.limit).map((r) => {
      const title = r.head_title ?? r.title;
      const topicId = r.head_topic ?? r.topic_id ?? undefined;
      return {
        kind: r.kind,
        ref: r.ref,
        title,
        snippet: snippetOf(r.body || r.title, matches),
        ...(topicId && { topicId }),
        score: Number((-(r as unknown as { score: number }).score).toPrecision(4)),
      };
    });
    return { hits, more: rows.length > params.limit };
  }
}

function sameRow(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(b).every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** Whether a written word matches one of the query's terms. */
function matches(word: string, m: { exact: Set<string>; prefixes: string[] }): boolean {
  const s = stem(word);
  return m.exact.has(s) || m.prefixes.some((p) => word.startsWith(p) || s.startsWith(p));
}

/**
 * A window of the text around its first match, with every matching word between the marks.
 * Plain text in, plain text out: the web escapes it and only then turns the marks into <mark>.
 */
export function snippetOf(text: string, m: { exact: Set<string>; prefixes: string[] }): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const spans: [number, number][] = [];
  for (const w of flat.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (matches(words(w[0])[0] ?? '', m)) spans.push([w.index, w.index + w[0].length]);
  }
  let start = 0;
  if (spans.length && spans[0]![0] > SNIPPET_CHARS / 3) {
    start = flat.lastIndexOf(' ', spans[0]![0] - SNIPPET_CHARS / 3) + 1;
  }
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  if (end < flat.length) end = Math.max(flat.lastIndexOf(' ', end), spans.find(([, e]) => e > start)?.[1] ?? end);
  let out = '';
  let at = start;
  for (const [s, e] of spans) {
    if (s < start || e > end) continue;
    out += `${flat.slice(at, s)}${MARK_START}${flat.slice(s, e)}${MARK_END}`;
    at = e;
  }
  out += flat.slice(at, end);
  return `${start > 0 ? '… ' : ''}${out}${end < flat.length ? ' …' : ''}`;
}
