/**
 * Topics as the knowledge-base pages use them: read with the list (the topics part's API), named
 * in the reader's language, a deleted one marked. While the topics API is absent the pages
 * simply offer no topic.
 */
import { api } from '../../../api.ts';
import { lang } from '../../../state.svelte.ts';
import { topicLabel, type TopicRef } from '#shared/knowledge/topic-label.ts';

export interface TopicRow {
  id: string;
  name: { de: string; en: string };
  deleted?: boolean;
}

/** The tenant's topics (staff: deleted ones too, so old assignments stay readable). */
export async function loadTopics(fetch: typeof globalThis.fetch, staff: boolean): Promise<TopicRow[]> {
  return api<{ items: TopicRow[] }>(`/topics${staff ? '?includeDeleted=true' : ''}`, { fetch })
    .then((r) => r.items)
    .catch(() => []);
}

/** A topic's name in the reader's language; a deleted one says so. */
export function topicName(topics: readonly TopicRow[], id: string | undefined): string | undefined {
  const topic = id ? topics.find((x) => x.id === id) : undefined;
  return topic ? topicLabel(topic, lang()) : undefined;
}

/** The topic an article carries (its name as the server resolved it), in the reader's language. */
export const topicOf = (topic: TopicRef | undefined): string | undefined => (topic ? topicLabel(topic, lang()) : undefined);
