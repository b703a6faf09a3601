import { requireRole } from '#lib/guard.ts';
import { SEARCH_KINDS, type SearchKind } from '#shared/knowledge/constants.ts';
import type { PageLoad } from './$types';

/** One search over the tenant's knowledge and (staff; a customer's own) tickets; the query lives in the address. */
export const load: PageLoad = async ({ parent, url }) => {
  const { me, slug } = await parent();
  const kinds = (url.searchParams.get('kinds') ?? '').split(',').filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k));
  return {
    me: requireRole(me, slug, url),
    initial: { q: url.searchParams.get('q') ?? '', kinds, topicId: url.searchParams.get('topicId') ?? '' },
  };
};
