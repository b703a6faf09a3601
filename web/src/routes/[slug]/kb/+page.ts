import { api } from '#lib/api.ts';
import { loadTopics } from '#lib/components/knowledge/articles/topics.ts';
import { requireRole } from '#lib/guard.ts';
import type { ArticleList } from '#shared/knowledge/article-schemas.ts';
import type { PageLoad } from './$types';

/** The knowledge base as its reader may see it (customers: published articles meant for them), filtered by topic and tag. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { me, slug } = await parent();
  requireRole(me, slug, url);
  const topicId = url.searchParams.get('topic') ?? '';
  const tag = url.searchParams.get('tag') ?? '';
  const query = new URLSearchParams({ status: 'published', ...(topicId ? { topicId } : {}), ...(tag ? { tag } : {}) });
  const [articles, topics] = await Promise.all([api<ArticleList>(`/articles?${query}`, { fetch }), loadTopics(fetch, false)]);
  return { articles: articles.items, topics, topicId, tag };
};
