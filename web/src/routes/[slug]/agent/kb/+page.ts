import { api } from '#lib/api.ts';
import type { ArticleList } from '#shared/knowledge/article-schemas.ts';
import type { PageLoad } from './$types';

/** Every article of the tenant for staff, filtered by status (the address keeps the filter). */
export const load: PageLoad = async ({ parent, url, fetch, depends }) => {
  depends('app:articles');
  await parent();
  const status = url.searchParams.get('status') ?? '';
  const articles = await api<ArticleList>(`/articles${status ? `?status=${encodeURIComponent(status)}` : ''}`, { fetch });
  return { articles: articles.items, status };
};
