/**
 * The FAQ's search source (issue 9, Q5): one search document per entry, its answer as plain
 * text. Audience `public`: the FAQ is readable by every signed-in user of the tenant, and by
 * anonymous visitors where the tenant allows it; the search part applies that tenant rule.
 */
import type { SearchDoc, SearchSource } from '../search/sources.ts';
import { richTextToPlain } from './rich-text.ts';

const keyOf = (faqId: string) => `faq:${faqId}`;

export const FAQ_SEARCH_SOURCE: SearchSource = {
  itemKinds: ['faq'],
  docsOf(item): SearchDoc[] {
    if (item.kind !== 'faq' || typeof item.faqId !== 'string') return [];
    return [
      {
        kind: 'faq',
        key: keyOf(item.faqId),
        ref: item.faqId,
        title: String(item.question ?? ''),
        body: richTextToPlain(String(item.answer ?? '')),
        ...(typeof item.topicId === 'string' ? { topicId: item.topicId } : {}),
        audience: 'public',
        updatedAt: String(item.updatedAt ?? ''),
      },
    ];
  },
  keysOf: (item) => (typeof item.faqId === 'string' ? [keyOf(item.faqId)] : []),
};
