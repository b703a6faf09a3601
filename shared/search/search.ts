/**
 * The search every caller uses (issue 9, Q5): the `search` route, and other parts' features on
 * top of it (answers suggested while a customer types). Who may find what is decided by the
 * viewer, derived from the signed-in actor, never from the request.
 */
import type { Actor } from '../auth/actor.ts';
import { isStaff } from '../auth/actor.ts';
import type { SearchKind } from '../knowledge/constants.ts';
import type { Viewer } from './fts.ts';
import { searchEngineFor } from './engine.ts';
import type { SearchQuery, SearchResult } from './schemas.ts';

const DEFAULT_LIMIT = 20;

/** The viewer an actor searches as: staff see everything, a customer public knowledge and their own tickets. */
export function viewerOf(actor: Actor | undefined): Viewer {
  if (!actor) return { role: 'anonymous' };
  return isStaff(actor) ? { role: 'staff' } : { role: 'customer', userId: actor.userId };
}

/** One page of hits for a tenant and viewer. */
export async function searchIndex(
  tenantId: string,
  viewer: Viewer,
  query: { q: string; kinds?: readonly SearchKind[]; topicId?: string; limit?: number; cursor?: string; match?: 'all' | 'any' },
): Promise<SearchResult> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.cursor ? Number(query.cursor) : 0;
  const engine = await searchEngineFor(tenantId);
  const page = await engine.search(tenantId, { q: query.q, kinds: query.kinds, topicId: query.topicId, limit, offset, viewer, match: query.match });
  return {
    items: page.hits.map((h) => ({
      kind: h.kind,
      ...(h.kind === 'ticket' ? { number: Number(h.ref) } : { id: h.ref }),
      title: h.title,
      snippet: h.snippet,
      ...(h.topicId && { topic: h.topicId }),
      score: h.score,
    })),
    ...(page.more && { nextCursor: String(offset + page.hits.length) }),
  };
}

/** The `search` operation: the caller's tenant, as the caller may see it. */
export function search(actor: Actor, query: SearchQuery): Promise<SearchResult> {
  return searchIndex(actor.tenantId, viewerOf(actor), query);
}
