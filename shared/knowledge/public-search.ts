/**
 * Search for anonymous visitors of a public portal (issue 9, Q5): the portal's public knowledge
 * only (FAQ, published public articles, public documents), never tickets and never what is kept
 * to customers or staff. The index's `anonymous` viewer decides that (shared/search/fts.ts), the
 * portal's switch whether there is anything to search at all (`publicKnowledgeTenant`: 404 as for
 * an unknown portal). Each search counts against a per-address window, as other anonymous routes.
 */
import { enforceLimits } from '../limits.ts';
import { searchIndex } from '../search/search.ts';
import type { SearchQuery, SearchResult } from '../search/schemas.ts';
import { publicKnowledgeTenant } from './public-access.ts';

/** `searchPublic`: one page of the public knowledge of portal `slug` matching the query. */
export async function searchPublic(slug: string, query: SearchQuery, sourceIp: string): Promise<SearchResult> {
  const tenant = await publicKnowledgeTenant(slug);
  await enforceLimits(tenant.id, [['publicSearch', sourceIp]]);
  const kinds = query.kinds?.filter((k) => k !== 'ticket');
  // Asked for tickets only: there is nothing an anonymous visitor may find.
  if (query.kinds?.length && !kinds?.length) return { items: [] };
  return searchIndex(tenant.id, { role: 'anonymous' }, { ...query, kinds });
}
