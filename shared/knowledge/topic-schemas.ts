/** The API shapes of knowledge topics (issue 9, Q4), validated with zod. */
import * as z from 'zod';
import { singleLine } from '../text.ts';
import { KNOWLEDGE_LIMITS } from './constants.ts';

const Id = z.string().regex(/^[\w-]{1,64}$/);

/** A topic's name in every language, each 1–80 characters. */
export const TopicName = z.object({ de: singleLine(1, KNOWLEDGE_LIMITS.topicName), en: singleLine(1, KNOWLEDGE_LIMITS.topicName) }).meta({ id: 'TopicName' });

/** A topic as other items name it: its names, and `deleted` once it was deleted (render it marked). */
export const TopicRef = z
  .object({ id: z.string(), name: z.object({ de: z.string(), en: z.string() }), deleted: z.boolean().optional() })
  .meta({ id: 'TopicRef' });

export const Topic = z
  .object({
    id: z.string(),
    name: z.object({ de: z.string(), en: z.string() }),
    key: z.string().optional().describe('A well-known role (e.g. the suggestion scheme’s topic)'),
    deleted: z.boolean().optional().describe('Deleted: not offered any more, still names what it was given to'),
    updatedAt: z.string(),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'Topic' });
export type Topic = z.infer<typeof Topic>;

export const TopicList = z.object({ items: z.array(Topic) }).meta({ id: 'TopicList' });
export type TopicList = z.infer<typeof TopicList>;

export const ListTopicsQuery = z
  .object({
    includeDeleted: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true (staff): deleted topics too, marked `deleted`'),
  })
  .meta({ id: 'ListTopicsQuery' });

export const CreateTopicInput = z
  .object({
    name: TopicName,
    key: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .optional()
      .describe('A well-known role, e.g. `improvement-suggestion`; unique in the tenant'),
  })
  .meta({ id: 'CreateTopicInput' });
export type CreateTopicInput = z.input<typeof CreateTopicInput>;

export const UpdateTopicInput = z.object({ name: TopicName, version: z.number().int().min(0) }).meta({ id: 'UpdateTopicInput' });
export type UpdateTopicInput = z.input<typeof UpdateTopicInput>;

export const TopicIdParam = z.object({ id: Id });

export const DeleteTopicQuery = z.object({
  version: z.coerce.number().int().min(0).optional().describe('The version the caller saw: refused with 409 if it changed meanwhile'),
});
