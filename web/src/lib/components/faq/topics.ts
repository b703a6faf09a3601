/** What the knowledge pages (issue 9) share about topics: their label in the UI's language. */
import { topicLabel, type TopicRef } from '#shared/knowledge/topic-label.ts';
import { lang } from '#lib/state.svelte.ts';
import type { Topic } from '#shared/knowledge/topic-schemas.ts';

export type { Topic, TopicRef };

/** A topic's name in the UI's language, marked "(deleted topic)" when it was deleted. */
export const labelOf = (topic: TopicRef | Topic): string => topicLabel(topic, lang());
