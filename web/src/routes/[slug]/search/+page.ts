import { requireRole } from '#lib/guard.ts';
import { needTexts } from '#lib/state.svelte.ts';
import { SEARCH_KINDS, type SearchKind } from '#shared/knowledge/constants.ts';
import type { PageLoad } from './$types';

/**
 * One search over the tenant's knowledge and (staff; a customer's own) tickets; the query lives
 * in the address. Signed out, a portal whose knowledge is public is searched anonymously (its
 * public knowledge only); any other sends the visitor to sign in.
 */
export const load: PageLoad = async ({ parent, url }) => {
  await needTexts('more', parent);
  const { me, slug, portal } = await parent();
  const kinds = (url.searchParams.get('kinds') ?? '').split(',').filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k));
  const initial = { q: url.searchParams.get('q') ?? '', kinds, topicId: url.searchParams.get('topicId') ?? '' };
  if (!me && portal?.publicKnowledge) return { me: null, initial };
  return { me: requireRole(me, slug, url), initial };
};
