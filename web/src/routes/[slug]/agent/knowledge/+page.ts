import { api } from '#lib/api.ts';
import type { Faq } from '#shared/knowledge/faq-schemas.ts';
import type { Topic } from '#shared/knowledge/topic-schemas.ts';
import type { PageLoad } from './$types';

/** Staff keep the FAQ and the topics (issue 9, Q1 and Q4): the live topics and every entry. */
export const load: PageLoad = async ({ parent, fetch, depends }) => {
  depends('app:knowledge');
  await parent();
  const [topics, faqs] = await Promise.all([api<{ items: Topic[] }>('/topics', { fetch }), api<{ items: Faq[] }>('/faqs', { fetch })]);
  return { topics: topics.items, faqs: faqs.items };
};
