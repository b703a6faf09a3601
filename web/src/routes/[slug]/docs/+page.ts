import { api } from '#lib/api.ts';
import { requireRole } from '#lib/guard.ts';
import type { DocumentList } from '#shared/knowledge/document-schemas.ts';
import type { TopicRef } from '#shared/knowledge/topic-label.ts';
import type { PageLoad } from './$types';

/** Documentation (issue 9, Q3): what the caller may read, by topic and type (from the address), and the live topics. */
export const load: PageLoad = async ({ parent, fetch, url, depends }) => {
  depends('app:documents');
  const { me, slug } = await parent();
  const user = requireRole(me, slug, url);
  const topicId = url.searchParams.get('topicId') ?? '';
  const type = url.searchParams.get('type') ?? '';
  const q = new URLSearchParams({ ...(topicId ? { topicId } : {}), ...(type ? { type } : {}) });
  const [docs, topics] = await Promise.all([api<DocumentList>(`/knowledge/documents?${q}`, { fetch }), api<{ items: TopicRef[] }>('/topics', { fetch })]);
  return { me: user, slug, documents: docs.items, topics: topics.items, topicId, type };
};
