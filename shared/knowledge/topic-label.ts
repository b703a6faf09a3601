/**
 * How a topic reads wherever something names it (issue 9, Q4): zod-free, shared by the server
 * (public pages) and the web app. A deleted topic keeps its name and says it is gone, so an
 * FAQ, article or document that still names it stays readable: "Drucker (gelöschtes Thema)".
 */
import type { Language } from '../tenancy/constants.ts';

/** A topic as other items carry it in the API: its names, and whether it was deleted since. */
export interface TopicRef {
  id: string;
  name: { de: string; en: string };
  deleted?: boolean;
}

const DELETED: Record<Language, string> = { de: 'gelöschtes Thema', en: 'deleted topic' };

/** The topic's name in `language`, marked when the topic was deleted. */
export function topicLabel(topic: TopicRef, language: Language): string {
  const name = topic.name[language] || topic.name.de || topic.name.en;
  return topic.deleted ? `${name} (${DELETED[language]})` : name;
}
