/** The API shapes of the FAQ (issue 9, Q1), validated with zod. */
import * as z from 'zod';
import { singleLine } from '../text.ts';
import { Language } from '../tenancy/schemas.ts';
import { KNOWLEDGE_LIMITS } from './constants.ts';
import { TopicRef } from './topic-schemas.ts';

const Id = z.string().regex(/^[\w-]{1,64}$/);

const Question = singleLine(1, KNOWLEDGE_LIMITS.title);
const Answer = z.string().max(KNOWLEDGE_LIMITS.body).describe('Rich text (HTML); stored cleaned by an allow-list, so what comes back may differ');
const Position = z.number().int().min(0).max(1_000_000).describe('Order on the page, ascending; absent on create: after the last');

export const Faq = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string().describe('Sanitised HTML, safe to show as is'),
    topicId: z.string().optional(),
    topic: TopicRef.optional().describe('Its topic, marked `deleted` if it was deleted since'),
    language: Language.optional().describe('Absent: for readers of every language'),
    position: z.number().int(),
    updatedAt: z.string().describe('Last change: the page shows it as "last updated"'),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'Faq' });
export type Faq = z.infer<typeof Faq>;

export const FaqList = z.object({ items: z.array(Faq) }).meta({ id: 'FaqList' });
export type FaqList = z.infer<typeof FaqList>;

export const ListFaqsQuery = z
  .object({
    topicId: Id.optional().describe('Only the entries of this topic; absent or empty: all'),
    language: Language.optional().describe('Only entries in this language and those for every language'),
  })
  .meta({ id: 'ListFaqsQuery' });
export type ListFaqsFilter = z.output<typeof ListFaqsQuery>;

export const CreateFaqInput = z
  .object({ question: Question, answer: Answer, topicId: Id.optional(), language: Language.optional(), position: Position.optional() })
  .meta({ id: 'CreateFaqInput' });
export type CreateFaqInput = z.input<typeof CreateFaqInput>;

export const UpdateFaqInput = z
  .object({
    question: Question.optional(),
    answer: Answer.optional(),
    topicId: Id.nullable().optional().describe('null: no topic'),
    language: Language.nullable().optional().describe('null: for every language'),
    position: Position.optional(),
    version: z.number().int().min(0),
  })
  .meta({ id: 'UpdateFaqInput' });
export type UpdateFaqInput = z.input<typeof UpdateFaqInput>;

export const FaqIdParam = z.object({ id: Id });

export const DeleteFaqQuery = z.object({
  version: z.coerce.number().int().min(0).optional().describe('The version the caller saw: refused with 409 if it changed meanwhile'),
});

/** The public FAQ of a portal (readable without signing in when the tenant allows it). */
export const PublicFaq = z
  .object({
    portal: z.object({ slug: z.string(), name: z.string() }),
    topics: z.array(TopicRef).describe('The live topics, for the filter'),
    items: z.array(Faq),
  })
  .meta({ id: 'PublicFaq' });
export type PublicFaq = z.infer<typeof PublicFaq>;

export const PublicFaqParams = z.object({ slug: z.string().min(1).max(64) });

/** The public FAQ page's query: a GET form's fields (an empty topic shows all). */
export const FaqPageQuery = z.object({
  topic: z.union([Id, z.literal('')]).optional(),
  lang: Language.optional(),
});
