/**
 * Every read and write of comments and likes (issue 9), each a named access pattern (see
 * README.md). A like is an item per user written only if absent (removed only if present), in
 * one transaction with the counter: however many tabs click at once, a user's like counts once.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { CommentEntity, FeedbackStatsEntity, LikeEntity } from './entities/feedback.ts';

/** A comment as stored. */
export interface CommentItem {
  target: string;
  commentId: string;
  authorId: string;
  authorName: string;
  byStaff: boolean;
  body: string;
  createdAt: string;
}

const T = () => config.tableName;
const refused = (err: unknown) =>
  err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

/** The comments of a target, oldest first (Query `COMMENT#` prefix, every page). */
export async function commentsOf(tenantId: string, target: string): Promise<CommentItem[]> {
  const r = await CommentEntity.query.byTarget({ tenantId, target }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map(({ tenantId: _t, kind: _k, ...c }) => c as CommentItem);
}

/** A target's counters (consistent GetItem `STATS`; none yet = 0). */
export async function feedbackStats(tenantId: string, target: string): Promise<{ likes: number; comments: number }> {
  const r = await FeedbackStatsEntity.get({ tenantId, target }).go({ ...on(tenantId), consistent: true });
  return { likes: Math.max(0, r.data?.likes ?? 0), comments: Math.max(0, r.data?.comments ?? 0) };
}

/** Whether a user likes a target (consistent GetItem `LIKE#{userId}`). */
export async function likes(tenantId: string, target: string, userId: string): Promise<boolean> {
  const r = await LikeEntity.get({ tenantId, target, userId }).go({ ...on(tenantId), consistent: true });
  return Boolean(r.data);
}

/** Store a comment and count it, in one transaction. */
export async function putComment(tenantId: string, c: CommentItem): Promise<void> {
  const put = CommentEntity.create({ ...c, tenantId }).params({ table: T() });
  const count = FeedbackStatsEntity.update({ tenantId, target: c.target }).add({ comments: 1 }).params({ table: T() });
  await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [{ Put: put as never }, { Update: count as never }] }));
}

/**
 * Like (`on`) or unlike a target for a user, with the counter in the same transaction. The like
 * item is put only if absent and deleted only if present: false when it already was so (a
 * second tab, a double click), and then nothing is counted.
 */
export async function setLike(tenantId: string, target: string, userId: string, on_: boolean, at: string): Promise<boolean> {
  const like = on_
    ? { Put: LikeEntity.create({ tenantId, target, userId, createdAt: at }).params({ table: T() }) }
    : {
        Delete: LikeEntity.delete({ tenantId, target, userId })
          .where(({ userId: u }, { exists }) => exists(u))
          .params({ table: T() }),
      };
  const count = FeedbackStatsEntity.update({ tenantId, target })
    .add({ likes: on_ ? 1 : -1 })
    .params({ table: T() });
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [like as never, { Update: count as never }] }));
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}
