import { api } from '#lib/api.ts';
import { requireRole } from '#lib/guard.ts';
import type { SuggestionList, SuggestionSettings } from '#shared/knowledge/suggestion-schemas.ts';
import type { PageLoad } from './$types';

/** The suggestion scheme (issue 9, Q6): its settings and the suggestions the caller may see. */
export const load: PageLoad = async ({ parent, fetch, url, depends }) => {
  depends('app:suggestions');
  const { me, slug } = await parent();
  const user = requireRole(me, slug, url);
  const [settings, list] = await Promise.all([
    api<SuggestionSettings>('/knowledge/suggestions/settings', { fetch }),
    api<SuggestionList>('/knowledge/suggestions', { fetch }),
  ]);
  return { me: user, slug, settings, suggestions: list.items };
};
