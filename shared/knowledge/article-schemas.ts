/** The API shapes of knowledge-base articles (issue 9, Q2), validated with zod. */
import * as z from 'zod';
import { AttachmentIds, AttachmentRef } from '../attachments/schemas.ts';
import { singleLine } from '../text.ts';
import { ARTICLE_STATUSES, AUDIENCES, KNOWLEDGE_LIMITS } from './constants.ts';
import { TopicRef } from './topic-schemas.ts';

const Id = z.string().regex(/^[\w-]{1,64}$/);

export const ArticleStatus = z.enum(ARTICLE_STATUSES).meta({ id: 'ArticleStatus', description: 'draft → review → published' });
export const Audience = z.enum(AUDIENCES).meta({ id: 'Audience', description: 'public: everybody; customers: signed-in customers; staff: staff only' });

const Tag = singleLine(1, KNOWLEDGE_LIMITS.tag);
const Tags = z.array(Tag).max(KNOWLEDGE_LIMITS.tags).describe('Free tags; the same tag in other case is kept once');
const RelatedIds = z.array(Id).max(KNOWLEDGE_LIMITS.relatedArticles).describe('Related articles of this tenant (unknown ones are refused)');
const Body = z.string().max(KNOWLEDGE_LIMITS.body).describe('Rich text (HTML); sanitised by an allow-list on the server');

/** The solved ticket an article was written from: shown to staff only. */
export const ArticleOrigin = z
  .object({ ticketNumber: z.number().int(), requesterName: z.string(), date: z.string().describe('When the ticket was opened') })
  .meta({ id: 'ArticleOrigin' });

/** A related article as the reader may see it. */
export const ArticleRef = z.object({ id: z.string(), title: z.string() }).meta({ id: 'ArticleRef' });

const Summary = {
  id: z.string(),
  title: z.string(),
  topicId: z.string().optional(),
  topic: TopicRef.optional().describe('The topic it is filed under, marked when deleted since'),
  tags: z.array(z.string()),
  audience: Audience,
  status: ArticleStatus,
  /** The start of the text, for lists. */
  excerpt: z.string(),
  authorName: z.string(),
  reviewerName: z.string().optional(),
  publishedAt: z.string().optional(),
  updatedAt: z.string(),
  origin: ArticleOrigin.optional().describe('Staff only'),
};

export const ArticleSummary = z.object(Summary).meta({ id: 'ArticleSummary' });
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = z
  .object({
    ...Summary,
    body: z.string(),
    relatedIds: z.array(z.string()).describe('Staff: every related id; customers: only those they may read'),
    related: z.array(ArticleRef).describe('The related articles the caller may read, with their titles'),
    attachments: z.array(AttachmentRef).describe('Its files and inline images (`<img data-attachment-id>` in the body); download with getAttachment'),
    authorId: z.string().optional().describe('Staff only'),
    submittedByName: z.string().optional().describe('Staff only: who asked for the review'),
    reviewerId: z.string().optional().describe('Staff only'),
    editorName: z.string().optional().describe('Staff only: who changed it last'),
    createdAt: z.string(),
    revision: z.number().int().describe('Raised by every change of a published article (it stays published)'),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof Article>;

export const ArticleList = z.object({ items: z.array(ArticleSummary) }).meta({ id: 'ArticleList' });
export type ArticleList = z.infer<typeof ArticleList>;

export const ListArticlesQuery = z
  .object({
    topicId: Id.optional(),
    status: ArticleStatus.optional().describe('Staff only (customers see published articles only)'),
    audience: Audience.optional(),
    tag: Tag.optional(),
  })
  .meta({ id: 'ListArticlesQuery' });
export type ListArticlesFilter = z.output<typeof ListArticlesQuery>;

export const CreateArticleInput = z
  .object({
    title: singleLine(1, KNOWLEDGE_LIMITS.title),
    body: Body,
    topicId: Id.optional(),
    tags: Tags.default([]),
    audience: Audience.default('customers'),
    relatedIds: RelatedIds.default([]),
    attachmentIds: AttachmentIds.optional().describe('Uploads of the caller (createAttachmentUpload) the article takes: files and inline images'),
  })
  .meta({ id: 'CreateArticleInput' });
export type CreateArticleInput = z.input<typeof CreateArticleInput>;

export const UpdateArticleInput = z
  .object({
    title: singleLine(1, KNOWLEDGE_LIMITS.title).optional(),
    body: Body.optional(),
    topicId: Id.nullable().optional().describe('null: no topic'),
    tags: Tags.optional(),
    audience: Audience.optional(),
    relatedIds: RelatedIds.optional(),
    attachmentIds: AttachmentIds.optional().describe(
      'Every file the article lists from now on: ids it lists already stay, new ones must be uploads of the caller, left-out ones are dropped (unreadable)',
    ),
    version: z.number().int().min(0),
  })
  .meta({ id: 'UpdateArticleInput' });
export type UpdateArticleInput = z.input<typeof UpdateArticleInput>;

export const PublishArticleInput = z
  .object({
    status: z.enum(['draft', 'review', 'published']).describe('review: ask for a review; published: publish it (the reviewer); draft: back to the author'),
    version: z.number().int().min(0),
  })
  .meta({ id: 'PublishArticleInput' });
export type PublishArticleInput = z.input<typeof PublishArticleInput>;

export const ArticleIdParam = z.object({ id: Id });
export const TicketNumberParam = z.object({ number: z.coerce.number().int().min(1) });
