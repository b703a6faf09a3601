/**
 * What the search index holds and where it comes from (issue 9, Q5). Each knowledge area
 * registers a source that turns its table items into search documents; the indexer (fed by the
 * table's change stream) upserts what `docsOf(new)` returns and removes the keys of
 * `keysOf(old)` that are gone, and a rebuild walks every item of the sources' kinds. A source
 * is a pure function of one item: no reads, so a replayed change gives the same documents.
 */
import type { Audience, SearchKind } from '../knowledge/constants.ts';
import { ticketSource } from './ticket-source.ts';
import { FAQ_SEARCH_SOURCE } from '../knowledge/faq-search.ts'; // topics and faq (issue 9)

/** One row of a tenant's search index. */
export interface SearchDoc {
  kind: SearchKind;
  /** Unique within the tenant, stable across changes: e.g. `faq:<id>`, `ticket:42`, `ticket:42:msg:<id>`. */
  key: string;
  /** What a hit opens: the id of an FAQ entry, article or document, or a ticket's number. */
  ref: string;
  title: string;
  /** Plain text (HTML already stripped); what snippets are cut from. */
  body: string;
  topicId?: string;
  tags?: readonly string[];
  /** Who may find it; a ticket's documents are `staff`, plus their requester (`ownerId`). */
  audience: Audience;
  /** A ticket's requester: a customer finds only tickets whose `ownerId` is theirs. */
  ownerId?: string;
  /** Further names a hit should be found by (requester, company). */
  extra?: string;
  updatedAt: string;
}

/** Turns one kind of table item into search documents. */
export interface SearchSource {
  /** The items' `kind` attribute values this source reads. */
  itemKinds: readonly string[];
  /** The documents the item stands for now; none when it must not be found (a draft, a deleted or merged ticket). */
  docsOf(item: Record<string, unknown>): SearchDoc[];
  /** Every key the item may ever have produced, so the indexer can remove what `docsOf` no longer returns. */
  keysOf(item: Record<string, unknown>): string[];
}

/** Every source, one block per area. */
export const SEARCH_SOURCES: SearchSource[] = [
  // ==== topics and faq (issue 9) ====
  FAQ_SEARCH_SOURCE,
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  // ==== end documents and suggestions ====
  // ==== search (issue 9) ====
  ticketSource,
  // ==== end search ====
];
