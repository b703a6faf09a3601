/** The API shapes of answer suggestions and deflections (issue 9, Q7) and the ticket list's text search (V1). */
import * as z from 'zod';
import { KNOWLEDGE_LIMITS } from '../knowledge/constants.ts';

/** What may solve a request by itself: an FAQ entry or an article. */
export const AnswerKind = z.enum(['faq', 'article']).meta({ id: 'AnswerKind' });
export type AnswerKind = z.infer<typeof AnswerKind>;

const AnswerId = z.string().regex(/^[\w-]{1,64}$/);

/** Subject and description as typed: long text is fine, only its first meaningful words are used. */
export const SuggestAnswersInput = z
  .object({ text: z.string().max(40_000).describe('Subject and description of the request as typed so far') })
  .meta({ id: 'SuggestAnswersInput' });
export type SuggestAnswersInput = z.infer<typeof SuggestAnswersInput>;

export const SuggestedAnswer = z
  .object({
    kind: AnswerKind,
    id: z.string(),
    title: z.string(),
    snippet: z.string().describe('Plain text; the matched words between \u0002 and \u0003 (the web shows them marked)'),
    topic: z.string().optional(),
    score: z.number(),
  })
  .meta({ id: 'SuggestedAnswer' });
export type SuggestedAnswer = z.infer<typeof SuggestedAnswer>;

export const SuggestedAnswers = z.object({ items: z.array(SuggestedAnswer) }).meta({ id: 'SuggestedAnswers' });
export type SuggestedAnswers = z.infer<typeof SuggestedAnswers>;

export const RecordDeflectionInput = z
  .object({
    kind: AnswerKind,
    id: AnswerId.describe('The FAQ entry or article that solved it'),
    text: z.string().max(KNOWLEDGE_LIMITS.description).optional().describe('What the customer had typed (kept for the statistics)'),
  })
  .meta({ id: 'RecordDeflectionInput' });
export type RecordDeflectionInput = z.infer<typeof RecordDeflectionInput>;

export const DeflectionRecorded = z
  .object({ recorded: z.boolean().describe('false: this customer had already credited this answer today (counted once)') })
  .meta({ id: 'DeflectionRecorded' });
export type DeflectionRecorded = z.infer<typeof DeflectionRecorded>;

export const SearchTicketsQuery = z
  .object({
    q: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.query),
    limit: z.coerce.number().int().min(1).max(KNOWLEDGE_LIMITS.searchPage).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,5}$/)
      .optional()
      .describe('nextCursor of the previous page'),
  })
  .meta({ id: 'SearchTicketsQuery' });
export type SearchTicketsQuery = z.infer<typeof SearchTicketsQuery>;
