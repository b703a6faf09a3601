/**
 * Comments and likes (issue 9, Q6) on articles and suggestions: the rating of the suggestion
 * scheme, and readers' voices on the knowledge base. Who may read them may join: staff always;
 * customers on an article they may read (published, for customers or public), and on
 * suggestions as the tenant decides (./suggestions.ts). Others get 404: nothing confirms the
 * target exists. A like counts once per user, also when many clicks race (../db/feedback.ts).
 */
import { notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { mayReadKnowledge, OWNER_LOOKUPS } from '../attachments/owners.ts';
import { commentsOf, feedbackStats, likes, putComment, setLike, type CommentItem } from '../db/feedback.ts';
import { AddCommentInput, FeedbackTargetParam, ToggleLikeInput, type Comment, type Feedback, type LikeState } from './feedback-schemas.ts';
import { suggestionAccess } from './suggestions.ts';

/** The stored target key (`article#{id}`, `suggestion#{number}`) once the caller may read it; 404 otherwise. */
async function readableTarget(actor: Actor, raw: { target: string; id: string }): Promise<string> {
  const { target, id } = FeedbackTargetParam.parse(raw);
  if (target === 'articles') {
    const article = await OWNER_LOOKUPS.article(actor.tenantId, id);
    if (!article || !mayReadKnowledge(actor, article)) throw notFound('Article');
    return `article#${id}`;
  }
  const number = /^\d{1,12}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(number) || !(await suggestionAccess(actor, number))) throw notFound('Suggestion');
  return `suggestion#${number}`;
}

function toComment(actor: Actor, c: CommentItem): Comment {
  const mine = c.authorId === actor.userId;
  // A customer's name is theirs: other customers read the comment, staff and the author the name too.
  const named = isStaff(actor) || mine || c.byStaff;
  return { id: c.commentId, ...(named ? { authorName: c.authorName } : {}), byStaff: c.byStaff, mine, body: c.body, createdAt: c.createdAt };
}

/** `listComments`: the comments (oldest first), the likes and whether the caller likes it. */
export async function listComments(actor: Actor, raw: { target: string; id: string }): Promise<Feedback> {
  const target = await readableTarget(actor, raw);
  const [comments, stats, liked] = await Promise.all([
    commentsOf(actor.tenantId, target),
    feedbackStats(actor.tenantId, target),
    likes(actor.tenantId, target, actor.userId),
  ]);
  return { comments: comments.map((c) => toComment(actor, c)), likes: stats.likes, liked, mayJoin: true };
}

/** `addComment`: a comment with its author and date, counted with it. */
export async function addComment(actor: Actor, raw: { target: string; id: string }, body: AddCommentInput): Promise<Comment> {
  const input = AddCommentInput.parse(body);
  const target = await readableTarget(actor, raw);
  const c: CommentItem = {
    target,
    commentId: newId(),
    authorId: actor.userId,
    authorName: actor.name,
    byStaff: isStaff(actor),
    body: input.body,
    createdAt: nowIso(),
  };
  await putComment(actor.tenantId, c);
  return toComment(actor, c);
}

/**
 * `toggleLike`: like or unlike (`like`; absent: the opposite of now). Idempotent: liking what
 * the caller already likes changes nothing, so racing clicks count one like.
 */
export async function toggleLike(actor: Actor, raw: { target: string; id: string }, body: ToggleLikeInput | undefined): Promise<LikeState> {
  const input = ToggleLikeInput.parse(body ?? {});
  const target = await readableTarget(actor, raw);
  const want = input.like ?? !(await likes(actor.tenantId, target, actor.userId));
  await setLike(actor.tenantId, target, actor.userId, want, nowIso());
  const [stats, liked] = await Promise.all([feedbackStats(actor.tenantId, target), likes(actor.tenantId, target, actor.userId)]);
  return { liked, likes: stats.likes };
}
