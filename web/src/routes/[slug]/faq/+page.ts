import { api, ApiError } from '#lib/api.ts';
import { needTexts } from '#lib/state.svelte.ts';
import type { Faq, PublicFaq } from '#shared/knowledge/faq-schemas.ts';
import type { TopicRef } from '#shared/knowledge/topic-label.ts';
import type { PageLoad } from './$types';

/**
 * The FAQ (issue 9, Q1): signed in, the tenant's entries and live topics; signed out, the
 * portal's public FAQ, or `available: false` when the tenant keeps it to signed-in users.
 */
export const load: PageLoad = async ({ parent, fetch, depends }) => {
  depends('app:faq');
  await needTexts('more', parent);
  const { me, slug } = await parent();
  if (me) {
    const [faqs, topics] = await Promise.all([api<{ items: Faq[] }>('/faqs', { fetch }), api<{ items: TopicRef[] }>('/topics', { fetch })]);
    return { available: true, faqs: faqs.items, topics: topics.items };
  }
  try {
    const r = await api<PublicFaq>(`/knowledge/${encodeURIComponent(slug)}/faq`, { fetch, allow401: true });
    return { available: true, faqs: r.items, topics: r.topics };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { available: false, faqs: [] as Faq[], topics: [] as TopicRef[] };
    throw err;
  }
};
