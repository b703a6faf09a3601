/** The API shapes of comments and likes on articles and suggestions (issue 9), validated with zod. */
import * as z from 'zod';
import { multiLine } from '../text.ts';
import { KNOWLEDGE_LIMITS } from './constants.ts';

/** What is commented and liked: an article (its id) or a suggestion (its ticket number). */
export const FeedbackTargetParam = z.object({
  target: z.enum(['articles', 'suggestions']),
  id: z.string().regex(/^[\w-]{1,64}$/),
});
export type FeedbackTargetParam = z.infer<typeof FeedbackTargetParam>;

export const Comment = z
  .object({
    id: z.string(),
    authorName: z.string().optional().describe('Left out for a customer reading another customer’s comment (their name is theirs)'),
    byStaff: z.boolean(),
    mine: z.boolean(),
    body: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

export const Feedback = z
  .object({
    comments: z.array(Comment).describe('Oldest first'),
    likes: z.number().int(),
    liked: z.boolean().describe('Whether the caller likes it'),
    mayJoin: z.boolean().describe('Whether the caller may comment and like'),
  })
  .meta({ id: 'Feedback' });
export type Feedback = z.infer<typeof Feedback>;

export const AddCommentInput = z.object({ body: multiLine(1, KNOWLEDGE_LIMITS.comment) }).meta({ id: 'AddCommentInput' });
export type AddCommentInput = z.input<typeof AddCommentInput>;

export const ToggleLikeInput = z
  .object({ like: z.boolean().optional().describe('true: like, false: unlike; absent: the opposite of now') })
  .meta({ id: 'ToggleLikeInput' });
export type ToggleLikeInput = z.input<typeof ToggleLikeInput>;

export const LikeState = z.object({ liked: z.boolean(), likes: z.number().int() }).meta({ id: 'LikeState' });
export type LikeState = z.infer<typeof LikeState>;
