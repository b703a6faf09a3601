/**
 * Every read and write of knowledge-base articles (issue 9, Q2), each a named access pattern
 * (see README.md). One partition per tenant; a change lands only at the version its author saw.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AttachmentRef } from '../attachments/schemas.ts';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { ArticleStatus, Audience } from '../knowledge/constants.ts';
import { ArticleEntity } from './entities/articles.ts';
import { on, tenantClient } from './entities/tenant.ts';

/** The solved ticket an article was written from (staff only). */
export interface ArticleOrigin {
  ticketNumber: number;
  requesterName: string;
  /** When the ticket was opened (ISO). */
  date: string;
}

/** An article as stored. */
export interface ArticleItem {
  kind: 'article';
  articleId: string;
  title: string;
  body: string;
  text: string;
  topicId?: string;
  tags: string[];
  audience: Audience;
  status: ArticleStatus;
  relatedIds: string[];
  /** Files and inline images it owns (issue 8's uploads). */
  attachments?: AttachmentRef[];
  origin?: ArticleOrigin;
  authorId: string;
  authorName: string;
  submittedById?: string;
  submittedByName?: string;
  reviewerId?: string;
  reviewerName?: string;
  publishedAt?: string;
  editorId: string;
  editorName: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
  version: number;
}

const conflict = (by?: string) => new DomainError('conflict', 'The article was changed meanwhile; reload and try again', undefined, by ? { by } : undefined);

/** Whether the first item of a transaction (the article) was refused by its condition. */
const articleRefused = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed');

/** The article's own write alone, or with the uploads it takes (`attach`) in one transaction. */
async function write(tenantId: string, first: { Put?: unknown; Update?: unknown }, attach: readonly Record<string, unknown>[]): Promise<void> {
  await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [first, ...attach.map((u) => ({ Update: u }))] as never }));
}

function asArticle(data: Record<string, unknown>): ArticleItem {
  const { tenantId: _t, ...item } = data;
  return item as unknown as ArticleItem;
}

/** Every article of a tenant (one partition, every page). */
export async function listArticleItems(tenantId: string): Promise<ArticleItem[]> {
  const r = await ArticleEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map((d) => asArticle(d));
}

/** An article by id. */
export async function getArticleItem(tenantId: string, articleId: string): Promise<ArticleItem | undefined> {
  const r = await ArticleEntity.get({ tenantId, articleId }).go(on(tenantId));
  return r.data ? asArticle(r.data) : undefined;
}

/** Articles by id (related articles); missing ones are left out. */
export async function getArticleItems(tenantId: string, articleIds: readonly string[]): Promise<ArticleItem[]> {
  if (articleIds.length === 0) return [];
  const r = await ArticleEntity.get(articleIds.map((articleId) => ({ tenantId, articleId }))).go(on(tenantId));
  return r.data.map((d) => asArticle(d));
}

/** Store a new article with the uploads it takes (`attach`, one transaction); false when one with this id exists already (from the same ticket). */
export async function putNewArticle(tenantId: string, a: ArticleItem, attach: readonly Record<string, unknown>[] = []): Promise<boolean> {
  try {
    await write(tenantId, { Put: ArticleEntity.create({ ...a, tenantId }).params({ table: config.tableName }) }, attach);
    return true;
  } catch (err) {
    if (articleRefused(err)) return false;
    throw err;
  }
}

/** Write a changed article with the uploads it takes (`attach`, one transaction), only if it is still at `expectedVersion`; raises the version. */
export async function saveArticle(
  tenantId: string,
  a: ArticleItem,
  expectedVersion: number,
  attach: readonly Record<string, unknown>[] = [],
): Promise<ArticleItem> {
  const { articleId, kind: _k, authorId: _a, authorName: _n, createdAt: _c, topicId, origin: _o, attachments, ...fields } = a;
  const optional = {
    submittedById: a.submittedById,
    submittedByName: a.submittedByName,
    reviewerId: a.reviewerId,
    reviewerName: a.reviewerName,
    publishedAt: a.publishedAt,
    topicId,
    attachments: attachments?.length ? attachments : undefined,
  };
  const set = Object.fromEntries(Object.entries({ ...fields, ...optional }).filter(([, v]) => v !== undefined));
  const remove = Object.entries(optional)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k) as (keyof typeof optional)[];
  const update = ArticleEntity.patch({ tenantId, articleId })
    .set({ ...set, version: expectedVersion + 1 })
    .remove(remove)
    .where(({ version }, { eq }) => eq(version, expectedVersion))
    .params({ table: config.tableName });
  try {
    await write(tenantId, { Update: update }, attach);
  } catch (err) {
    if (articleRefused(err)) throw conflict();
    throw err;
  }
  return { ...a, version: expectedVersion + 1 };
}
