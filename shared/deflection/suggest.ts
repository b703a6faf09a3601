/**
 * Answers suggested while a customer types a request (issue 9, Q7): the FAQ entries and
 * articles the caller may read that share meaningful words with subject and description.
 * A search box narrows as one types (every word must match); a request is prose, so its
 * meaningful words go to the engine in one query in its `any` mode: one matching word is
 * enough, and an answer sharing more of the words (or matching them better) ranks higher.
 */
import type { Actor } from '../auth/actor.ts';
import { searchIndex, viewerOf } from '../search/search.ts';
import { meaningfulTerms } from './terms.ts';
import { SuggestAnswersInput, type SuggestedAnswer, type SuggestedAnswers } from './schemas.ts';

/** How many answers the form shows: a few good ones, not a result list. */
export const SUGGESTIONS = 5;

/** The best few FAQ entries and articles for a request as typed, as the caller may read them. */
export async function suggestAnswers(actor: Actor, raw: SuggestAnswersInput): Promise<SuggestedAnswers> {
  const { text } = SuggestAnswersInput.parse(raw);
  const terms = meaningfulTerms(text);
  if (terms.length === 0) return { items: [] };
  // The word being typed (the text ends in it) may be unfinished: the query then ends without a
  // space, and the engine matches its last word as a prefix.
  const typing = /[\p{L}\p{N}]$/u.test(text) && text.toLowerCase().endsWith(terms.at(-1)!);
  const page = await searchIndex(actor.tenantId, viewerOf(actor), {
    q: `${terms.join(' ')}${typing ? '' : ' '}`,
    kinds: ['faq', 'article'],
    limit: SUGGESTIONS,
    match: 'any',
  });
  const items = page.items.map((hit): SuggestedAnswer => ({
    kind: hit.kind as SuggestedAnswer['kind'],
    id: hit.id ?? '',
    title: hit.title,
    snippet: hit.snippet,
    ...(hit.topic ? { topic: hit.topic } : {}),
    score: hit.score,
  }));
  return { items };
}
