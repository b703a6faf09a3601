/**
 * Answers suggested while a customer types a request (issue 9, Q7): the FAQ entries and
 * articles the caller may read that share meaningful words with subject and description.
 * The engine's query is an AND of its words (a search box narrows as one types); a request
 * is prose, so each meaningful word is asked on its own and the hits are merged: one matching
 * word is enough, and an answer matching more words (or matching them better) ranks higher.
 */
import type { Actor } from '../auth/actor.ts';
import { searchIndex, viewerOf } from '../search/search.ts';
import type { SearchItem } from '../search/schemas.ts';
import { MARK_START } from '../search/marks.ts';
import { meaningfulTerms } from './terms.ts';
import { SuggestAnswersInput, type SuggestedAnswer, type SuggestedAnswers } from './schemas.ts';

/** How many answers the form shows: a few good ones, not a result list. */
export const SUGGESTIONS = 5;

const marks = (snippet: string) => snippet.split(MARK_START).length - 1;

/** The best few FAQ entries and articles for a request as typed, as the caller may read them. */
export async function suggestAnswers(actor: Actor, raw: SuggestAnswersInput): Promise<SuggestedAnswers> {
  const { text } = SuggestAnswersInput.parse(raw);
  const terms = meaningfulTerms(text);
  if (terms.length === 0) return { items: [] };
  // The word being typed (the text ends in it) may be unfinished: it is matched as a prefix.
  const typing = /[\p{L}\p{N}]$/u.test(text) ? terms.at(-1) : undefined;
  const viewer = viewerOf(actor);
  const pages = await Promise.all(
    terms.map((term) =>
      searchIndex(actor.tenantId, viewer, {
        q: term === typing && text.toLowerCase().endsWith(term) ? term : `${term} `,
        kinds: ['faq', 'article'],
        limit: 10,
      }),
    ),
  );
  const merged = new Map<string, { hit: SearchItem; score: number; words: number }>();
  for (const page of pages)
    for (const hit of page.items) {
      const key = `${hit.kind}:${hit.id}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { hit, score: hit.score, words: 1 });
      else {
        seen.score += hit.score;
        seen.words += 1;
        // the snippet that shows most of the matched words (each term's own search marks only its word)
        if (marks(hit.snippet) > marks(seen.hit.snippet)) seen.hit = hit;
      }
    }
  const items = [...merged.values()]
    .sort((a, b) => b.words - a.words || b.score - a.score)
    .slice(0, SUGGESTIONS)
    .map(({ hit, score }): SuggestedAnswer => ({
      kind: hit.kind as SuggestedAnswer['kind'],
      id: hit.id ?? '',
      title: hit.title,
      snippet: hit.snippet,
      ...(hit.topic ? { topic: hit.topic } : {}),
      score,
    }));
  return { items };
}
