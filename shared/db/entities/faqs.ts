/**
 * FAQ entries (issue 9, Q1) as an ElectroDB entity. All entries of a tenant share one partition
 * (`{T}#FAQS` / `FAQ#{id}`): the FAQ page shows them all (filtered by topic in memory), and a
 * tenant keeps dozens to a few hundred.
 */
import { Entity } from 'electrodb';
import { LANGUAGES } from '../../tenancy/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const FaqEntity = new Entity(
  {
    model: { entity: 'faq', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['faq'] as const, required: true, default: 'faq', readOnly: true },
      faqId: { type: 'string', required: true, readOnly: true },
      question: { type: 'string', required: true },
      /** Sanitised HTML (`shared/knowledge/rich-text.ts`): safe to show as is. */
      answer: { type: 'string', required: true },
      topicId: { type: 'string' },
      /** The language it is written in; absent: shown to readers of every language. */
      language: { type: LANGUAGES },
      /** Order on the page (ascending). */
      position: { type: 'number', required: true },
      /** The stored images its answer shows (`<img data-attachment-id>`): readable while listed here. */
      attachmentIds: { type: 'list', items: { type: 'string' } },
      authorId: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#FAQS', casing: AS_IS },
        sk: { field: 'sk', composite: ['faqId'], template: 'FAQ#${faqId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
