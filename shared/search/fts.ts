/**
 * One tenant's search index as a SQLite FTS5 database (`node:sqlite`, built into Node 24): a
 * document table with what a hit shows and who may find it, an FTS5 table over the ANALYSED
 * text (analyzer.ts; contentless, so the text is stored once, in `docs`), and the vocabulary
 * (`terms`) the query side expands typos and compound words from.
 *
 * Access rules and filters are terms of a fifth FTS5 column (`acl`: kind, audience, owner,
 * topic), so one MATCH ranks only what the viewer may see and FTS5 stops after the first page
 * (a WHERE on joined rows would rank every match first: 4–10× slower over 100 000 tickets). A
 * ticket's messages and notes take their head's requester as owner when indexed; when the head
 * comes later (a rebuild reads messages first) or its requester changes, they follow; when the
 * head goes (merged), they go too.
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
import { analyze, analyzedText, editDistance, queryTerms, stem, typosAllowed, words, type QueryTerm } from './analyzer.ts';
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
  /** `all` (default): every word must match, as in a search box; `any`: ranked by how well any match (answers suggested for a typed text). */
  match?: 'all' | 'any';
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
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, extra, acl, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
`;

/** bm25 weights of title, body, extra (requester, company, tags) and acl: a title match ranks first. */
const RANK = `bm25(10.0, 1.0, 3.0, 0.0)`;
/** Compound expansions per query word ("druck" → "netzwerkdruck", "farbdruck", …). */
const MAX_COMPOUNDS = 40;
/** A compound's other part has at least this many letters (so "druck" does not expand to "adruck"). */
const MIN_COMPOUND_HEAD = 3;
/** A trailing part of a typed compound that a snippet marks has at least this many letters (as a compound query word, `expand`). */
const MIN_COMPOUND_PART = 4;
const SNIPPET_CHARS = 180;

const reverse = (s: string) => [...s].reverse().join('');
const strip = (s: string) => s.replace(/[\uE000\uE001]/g, '');
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/**
 * Who may find a row and what it is, as terms of the FTS5 column `acl` (never searched by a
 * user's words: those are limited to the other columns). Access rules and filters are then part
 * of the one MATCH, so FTS5 ranks only rows the viewer may see and stops after the first page.
 */
const acl = {
  kind: (k: string) => `k${k}`,
  audience: (a: string) => `a${a}`,
  owner: (id: string) => `o${hex(id)}`,
  topic: (id: string) => `t${hex(id)}`,
};

interface DocRow {
  id: number;
  key: string;
  kind: SearchKind;
  ref: string;
  head: string;
  title: string;
  body: string;
  topic_id: string | null;
  tags: string | null;
  audience: string;
  owner_id: string | null;
  extra: string | null;
  updated_at: string;
}

/** A tenant's FTS5 index over one SQLite file (or `:memory:`). */
export class FtsIndex {
  readonly db: DatabaseSync;
  private readonly stmts = new Map<string, StatementSync>();
  /** Terms known to be in `terms` (saves an insert per word and document while indexing). */
  private readonly knownTerms = new Set<string>();

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
        result[done]++;
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      this.knownTerms.clear(); // some were rolled back
      throw err;
    }
    return result;
  }

  private row(key: string): DocRow | undefined {
    return this.stmt('SELECT * FROM docs WHERE key = ?').get(key) as DocRow | undefined;
  }

  /** Writes a row's FTS5 entry from its stored text (analysed here) and access terms. */
  private writeFts(row: Omit<DocRow, 'id'>, id: number | bigint): void {
    const title = analyzedText(row.title);
    const body = analyzedText(row.body);
    const tags = row.tags ? (JSON.parse(row.tags) as string[]) : [];
    const extra = analyzedText([row.extra, ...tags].filter(Boolean).join(' '));
    const terms = [acl.kind(row.kind), acl.audience(row.audience)];
    if (row.owner_id) terms.push(acl.owner(row.owner_id));
    if (row.topic_id) terms.push(acl.topic(row.topic_id));
    this.stmt('INSERT INTO fts(rowid, title, body, extra, acl) VALUES (?, ?, ?, ?, ?)').run(id, title, body, extra, terms.join(' '));
    const addTerm = this.stmt('INSERT OR IGNORE INTO terms(term, rev) VALUES (?, ?)');
    for (const term of `${title} ${body} ${extra}`.split(' ')) {
      if (!term || this.knownTerms.has(term)) continue;
      addTerm.run(term, reverse(term));
      this.knownTerms.add(term);
    }
  }

  private upsert(doc: SearchDoc): 'upserted' | 'skipped' {
    const head = `${doc.kind}:${doc.ref}`;
    const isHead = doc.key === head;
    // A ticket's other rows (messages, notes) are found by customers through the head's requester.
    let owner = doc.ownerId ?? null;
    if (doc.kind === 'ticket' && !isHead) {
      const h = this.row(head);
      if (!h && this.goneAt(head) !== undefined) return 'skipped'; // the ticket was merged away
      owner = h?.owner_id ?? null;
    }
    const row: Omit<DocRow, 'id'> = {
      key: doc.key,
      kind: doc.kind,
      ref: doc.ref,
      head,
      title: strip(doc.title),
      body: strip(doc.body),
      topic_id: doc.topicId ?? null,
      tags: doc.tags?.length ? JSON.stringify(doc.tags) : null,
      audience: doc.audience,
      owner_id: owner,
      extra: doc.extra ? strip(doc.extra) : null,
      updated_at: doc.updatedAt,
    };
    const old = this.row(doc.key);
    const gone = this.goneAt(doc.key);
    if (gone !== undefined && gone >= doc.updatedAt) return 'skipped';
    if (old && (old.updated_at > doc.updatedAt || sameRow(old, row))) return 'skipped';
    if (gone !== undefined) this.stmt('DELETE FROM gone WHERE key = ?').run(doc.key);
    let id: number | bigint;
    if (old) {
      id = old.id;
      this.stmt('DELETE FROM fts WHERE rowid = ?').run(id);
      this.stmt(
        'UPDATE docs SET kind=:kind, ref=:ref, head=:head, title=:title, body=:body, topic_id=:topic_id, tags=:tags, audience=:audience, owner_id=:owner_id, extra=:extra, updated_at=:updated_at WHERE key=:key',
      ).run({ ...row });
    } else {
      id = this.stmt(
        'INSERT INTO docs(key, kind, ref, head, title, body, topic_id, tags, audience, owner_id, extra, updated_at) VALUES (:key, :kind, :ref, :head, :title, :body, :topic_id, :tags, :audience, :owner_id, :extra, :updated_at)',
      ).run({ ...row }).lastInsertRowid;
    }
    this.writeFts(row, id);
    if (doc.kind === 'ticket' && isHead) this.followHead(head, owner);
    return 'upserted';
  }

  /** A ticket's head came or changed requester: its other rows follow (they may have come first, as in a rebuild). */
  private followHead(head: string, owner: string | null): void {
    const rows = this.stmt('SELECT * FROM docs WHERE head = ? AND key <> ? AND owner_id IS NOT ?').all(head, head, owner) as unknown as DocRow[];
    for (const r of rows) {
      this.stmt('DELETE FROM fts WHERE rowid = ?').run(r.id);
      this.stmt('UPDATE docs SET owner_id = ? WHERE id = ?').run(owner, r.id);
      this.writeFts({ ...r, owner_id: owner }, r.id);
    }
  }

  private goneAt(key: string): string | undefined {
    return (this.stmt('SELECT at FROM gone WHERE key = ?').get(key) as { at: string } | undefined)?.at;
  }

  private remove(key: string, at: string): 'removed' | 'skipped' {
    const old = this.row(key);
    if (old && old.updated_at > at) return 'skipped';
    const gone = this.goneAt(key);
    if (!old && gone !== undefined && gone >= at) return 'skipped';
    if (old) {
      this.stmt('DELETE FROM fts WHERE rowid = ?').run(old.id);
      this.stmt('DELETE FROM docs WHERE id = ?').run(old.id);
    }
    // A tombstone: an older change of this key delivered late must not bring it back.
    this.stmt('INSERT INTO gone(key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = max(at, excluded.at)').run(key, at);
    // A ticket's head gone (merged into another): its messages and notes go with it.
    if (old && old.kind === 'ticket' && old.key === old.head) {
      for (const r of this.stmt('SELECT key FROM docs WHERE head = ?').all(old.head) as { key: string }[]) this.remove(r.key, at);
    }
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

  /** The FTS5 query: every word (in title, body or extra) AND the viewer's access AND the filters. */
  private matchOf(expanded: { exact: string[]; prefixes: string[] }[], params: SearchParams): string {
    const words = expanded
      .map(({ exact, prefixes }) => `(${[...exact.map((t) => `"${t}"`), ...prefixes.map((p) => `"${p}"*`)].join(' OR ')})`)
      .join(params.match === 'any' ? ' OR ' : ' AND ');
    const parts = [`{title body extra} : (${words})`];
    const any = (terms: string[]) => `acl : (${terms.join(' OR ')})`;
    const v = params.viewer;
    const knowledge = ['faq', 'article', 'document'].map(acl.kind);
    if (v.role === 'customer') {
      // Notes are `staff`, so never; a ticket's rows carry their head's requester.
      parts.push(any([acl.audience('public'), acl.audience('customers')]), any([...knowledge, acl.owner(v.userId)]));
    } else if (v.role === 'anonymous') {
      parts.push(any([acl.audience('public')]), any(knowledge));
    }
    if (params.kinds?.length) parts.push(any(params.kinds.map(acl.kind)));
    if (params.topicId) parts.push(any([acl.topic(params.topicId)]));
    return parts.join(' AND ');
  }

  /** Ranked hits, one per FAQ entry, article, document or ticket, that the viewer may see. */
  search(params: SearchParams): SearchPage {
    // A typed text (match `any`) counts with its first 30 distinct words.
    const all = queryTerms(params.q);
    const terms = params.match === 'any' ? all.filter((t, n) => all.findIndex((u) => u.stem === t.stem) === n).slice(0, 30) : all;
    if (terms.length === 0) return { hits: [], more: false };
    const expanded = terms.map((t) => this.expand(t));
    const match = this.matchOf(expanded, params);
    // FTS5 ranks and cuts in one pass; rows of one ticket collapse into its best, so read ahead.
    const need = params.offset + params.limit + 1;
    let best: { row: DocRow; rank: number }[];
    for (let k = need * 3 + 20; ; k *= 4) {
      const ranked = this.stmt(`SELECT rowid AS id, rank FROM fts WHERE fts MATCH ? AND rank MATCH '${RANK}' ORDER BY rank LIMIT ?`).all(match, k) as {
        id: number;
        rank: number;
      }[];
      const seen = new Set<string>();
      best = [];
      const byId = this.rowsById(ranked.map((r) => r.id));
      for (const r of ranked) {
        const row = byId.get(r.id);
        if (!row || seen.has(row.head)) continue;
        seen.add(row.head);
        best.push({ row, rank: r.rank });
      }
      if (best.length >= need || ranked.length < k) break;
    }
    // A typed text: an entry sharing more of its words comes first, then the better match
    // (bm25 alone may rank one word in a title above three in a body).
    if (params.match === 'any') {
      const count = new Map(best.map((b) => [b.row.id, matchedWords(b.row, expanded)]));
      best.sort((x, y) => count.get(y.row.id)! - count.get(x.row.id)! || x.rank - y.rank);
    }
    const page = best.slice(params.offset, params.offset + params.limit);
    const heads = this.rowsByKey(page.filter((b) => b.row.key !== b.row.head).map((b) => b.row.head));
    const marks = markersOf(terms, expanded);
    const hits = page.map(({ row, rank }) => {
      const head = row.key === row.head ? row : (heads.get(row.head) ?? row);
      const topicId = head.topic_id ?? row.topic_id ?? undefined;
      return {
        kind: row.kind,
        ref: row.ref,
        title: head.title || row.title,
        snippet: snippetOf(snippetSource(row, marks), marks),
        ...(topicId && { topicId }),
        score: Number((-rank).toPrecision(4)),
      };
    });
    return { hits, more: best.length > params.offset + params.limit };
  }

  private rowsById(ids: number[]): Map<number, DocRow> {
    const out = new Map<number, DocRow>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM docs WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as unknown as DocRow[];
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  private rowsByKey(keys: string[]): Map<string, DocRow> {
    const out = new Map<string, DocRow>();
    for (const key of new Set(keys)) {
      const r = this.row(key);
      if (r) out.set(key, r);
    }
    return out;
  }
}

function sameRow(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(y).every((k) => (x[k] ?? null) === (y[k] ?? null));
}

/** What a snippet marks: the query's terms with their expansions, words being typed, and the parts of a compound query word. */
export interface Markers {
  exact: Set<string>;
  prefixes: string[];
  /** Trailing parts of a compound the user typed ("druck" of "netzwerkdruck"): the text's "Drucker" is what they look for, too. */
  parts?: Set<string>;
}

/** The markers of a query: its expanded terms, and the trailing parts of each typed word long enough to be a compound. */
function markersOf(terms: readonly QueryTerm[], expanded: { exact: string[]; prefixes: string[] }[]): Markers {
  const parts = new Set<string>();
  for (const { stem: typed } of terms) {
    for (let head = MIN_COMPOUND_HEAD; typed.length - head >= MIN_COMPOUND_PART; head++) parts.add(typed.slice(head));
  }
  return { exact: new Set(expanded.flatMap((e) => e.exact)), prefixes: expanded.flatMap((e) => e.prefixes), parts };
}

/** Whether a written word matches one of the query's terms. */
function matches(word: string, m: Markers): boolean {
  const s = stem(word);
  return m.exact.has(s) || m.prefixes.some((p) => word.startsWith(p) || s.startsWith(p)) || (m.parts?.has(s) ?? false);
}

/** Whether a text has a word the snippet would mark. */
const hasMark = (text: string | null, m: Markers) => Boolean(text && (text.match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => matches(words(w)[0] ?? '', m)));

/**
 * The text a hit's snippet is cut from: the body, where the words usually are; when only the
 * title (or requester, company, tags) matched, that field, so a snippet always shows why it was found.
 */
function snippetSource(row: DocRow, m: Markers): string {
  if (!row.body || hasMark(row.body, m)) return row.body || row.title;
  const tags = row.tags ? (JSON.parse(row.tags) as string[]).join(', ') : '';
  return [row.title, row.extra, tags].find((text) => hasMark(text, m)) ?? row.body;
}

/** How many of the query's words a row contains (in title, body, requester, company or tags). */
function matchedWords(row: DocRow, expanded: { exact: string[]; prefixes: string[] }[]): number {
  const terms = new Set(analyze([row.title, row.body, row.extra, row.tags].filter(Boolean).join(' ')));
  const all = [...terms];
  return expanded.filter(({ exact, prefixes }) => exact.some((t) => terms.has(t)) || prefixes.some((p) => all.some((t) => t.startsWith(p)))).length;
}

/**
 * A window of the text around its first match, with every matching word between the marks.
 * Plain text in, plain text out: the web escapes it and only then turns the marks into <mark>.
 */
export function snippetOf(text: string, m: Markers): string {
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
