import { api } from '#lib/api.ts';
import { loadTopics } from '#lib/components/knowledge/articles/topics.ts';
import type { Article, ArticleList } from '#shared/knowledge/article-schemas.ts';
import type { PageLoad } from './$types';

/** One article to edit (`new`: a blank one), the topics, and the other articles to relate. */
export const load: PageLoad = async ({ parent, params, fetch, depends }) => {
  depends('app:article');
  await parent();
  const [article, list, topics] = await Promise.all([
    params.id === 'new' ? Promise.resolve(null) : api<Article>(`/articles/${encodeURIComponent(params.id)}`, { fetch }),
    api<ArticleList>('/articles', { fetch }),
    loadTopics(fetch, true),
  ]);
  return { article, others: list.items.filter((a) => a.id !== params.id), topics };
};
