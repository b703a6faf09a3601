/** The search API's schemas (issue 9, Q5): operation `search`. */
import * as z from 'zod';
import { KNOWLEDGE_LIMITS, SEARCH_KINDS } from '../knowledge/constants.ts';

const Kind = z.enum(SEARCH_KINDS);

export const SearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(KNOWLEDGE_LIMITS.query)
      .describe('What to find: words in German or English; the last word is matched as a prefix unless followed by a space'),
    kinds: z
      .preprocess(
        (v) =>
          v === undefined
            ? undefined
            : (Array.isArray(v) ? v : [v])
                .flatMap((s) => String(s).split(','))
                .map((s) => s.trim())
                .filter(Boolean),
        z.array(Kind).max(SEARCH_KINDS.length).optional(),
      )
      .describe('Only these kinds (repeat the parameter or a comma list): faq, article, document, ticket'),
    topicId: z.string().trim().min(1).max(64).optional().describe('Only knowledge of this topic'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(KNOWLEDGE_LIMITS.searchPage)
      .optional()
      .describe(`Hits per page, default 20, at most ${KNOWLEDGE_LIMITS.searchPage}`),
    cursor: z
      .string()
      .regex(/^\d{1,5}$/)
      .optional()
      .describe('nextCursor of the previous page'),
  })
  .meta({ id: 'SearchQuery' });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchItem = z
  .object({
    kind: Kind,
    id: z.string().optional().describe('FAQ entry, article or document id'),
    number: z.number().int().optional().describe('Ticket number'),
    title: z.string(),
    snippet: z.string().describe('Plain text; each match between U+E000 and U+E001 (escape, then turn those into <mark>)'),
    topic: z.string().optional().describe('Topic id'),
    score: z.number().describe('Relevance, higher is better (bm25; title matches weigh most)'),
  })
  .meta({ id: 'SearchItem' });
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchResult = z.object({ items: z.array(SearchItem), nextCursor: z.string().optional() }).meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResult>;
