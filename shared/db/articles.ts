/**
 * Every read and write of knowledge-base articles (issue 9, Q2), each a named access pattern
 * (see README.md). One partition per tenant; a change lands only at the version its author saw.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../errors.ts';
import type { ArticleStatus, Audience } from '../knowledge/constants.ts';
import { ArticleEntity } from './entities/articles.ts';
import { on } from './entities/tenant.ts';

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

/** Store a new article; false when one with this id exists already (an article from the same ticket). */
export async function putNewArticle(tenantId: string, a: ArticleItem): Promise<boolean> {
  try {
    await ArticleEntity.create({ ...a, tenantId }).go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** Write a changed article, only if it is still at `expectedVersion`; raises the version. */
export async function saveArticle(tenantId: string, a: ArticleItem, expectedVersion: number): Promise<ArticleItem> {
  const { articleId, kind: _k, authorId: _a, authorName: _n, createdAt: _c, topicId, origin: _o, ...fields } = a;
  const optional = {
    submittedById: a.submittedById,
    submittedByName: a.submittedByName,
    reviewerId: a.reviewerId,
    reviewerName: a.reviewerName,
    publishedAt: a.publishedAt,
  };
  const set = Object.fromEntries(Object.entries({ ...fields, topicId }).filter(([, v]) => v !== undefined));
  const remove = Object.entries({ ...optional, topicId })
    .filter(([, v]) => v === undefined)
    .map(([k]) => k) as ('topicId' | keyof typeof optional)[];
  try {
    const r = await ArticleEntity.patch({ tenantId, articleId })
      .set({ ...set, version: expectedVersion + 1 })
      .remove(remove)
      .where(({ version }, { eq }) => eq(version, expectedVersion))
      .go({ ...on(tenantId), response: 'all_new' });
    return asArticle(r.data as Record<string, unknown>);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}
