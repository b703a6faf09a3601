import { api } from '#lib/api.ts';
import { requireRole, STAFF } from '#lib/guard.ts';
import type { Article } from '#shared/knowledge/article-schemas.ts';
import type { PageLoad } from './$types';

/** One article as its reader may see it (404 for one they may not read). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  const { me, slug } = await parent();
  const who = requireRole(me, slug, url);
  const staff = STAFF.includes(who.user.role);
  const article = await api<Article>(`/articles/${encodeURIComponent(params.id)}`, { fetch });
  return { article, staff };
};
