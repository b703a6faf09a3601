/**
 * Knowledge-base articles (issue 9, Q2) as an ElectroDB entity. All articles of a tenant share
 * one partition (`{T}#ARTICLES` / `ARTICLE#{id}`): the lists filter in memory what one Query
 * returns (a tenant keeps hundreds, not millions). An article made from a ticket has the id
 * `ticket-{number}`, so a second click on the same ticket finds it instead of writing another.
 */
import { Entity } from 'electrodb';
import { ARTICLE_STATUSES, AUDIENCES } from '../../knowledge/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const ArticleEntity = new Entity(
  {
    model: { entity: 'article', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['article'] as const, required: true, default: 'article', readOnly: true },
      articleId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      /** Sanitised rich text (HTML). */
      body: { type: 'string', required: true },
      /** The body as plain text, kept beside it: what the search index and list excerpts read. */
      text: { type: 'string', required: true },
      topicId: { type: 'string' },
      tags: { type: 'list', items: { type: 'string' }, required: true },
      audience: { type: AUDIENCES, required: true },
      status: { type: ARTICLE_STATUSES, required: true },
      relatedIds: { type: 'list', items: { type: 'string' }, required: true },
      /** Files and inline images (uploads owned by the article: readable by whoever may read it, while listed here). */
      attachments: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            id: { type: 'string', required: true },
            name: { type: 'string', required: true },
            contentType: { type: 'string', required: true },
            size: { type: 'number', required: true },
          },
        },
      },
      /** The solved ticket it was written from (staff only). */
      origin: {
        type: 'map',
        properties: {
          ticketNumber: { type: 'number', required: true },
          requesterName: { type: 'string', required: true },
          date: { type: 'string', required: true },
        },
      },
      authorId: { type: 'string', required: true, readOnly: true },
      authorName: { type: 'string', required: true, readOnly: true },
      /** Who moved it to review, and who published it (the reviewer) and when. */
      submittedById: { type: 'string' },
      submittedByName: { type: 'string' },
      reviewerId: { type: 'string' },
      reviewerName: { type: 'string' },
      publishedAt: { type: 'string' },
      /** Who changed it last. */
      editorId: { type: 'string', required: true },
      editorName: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Published revisions: raised by every change of a published article (it stays readable). */
      revision: { type: 'number', required: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#ARTICLES', casing: AS_IS },
        sk: { field: 'sk', composite: ['articleId'], template: 'ARTICLE#${articleId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
