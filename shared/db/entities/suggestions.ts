/**
 * The suggestion scheme (issue 9, Q6): the tenant's settings (`{T}#SUGGESTIONS` / `SETTINGS`)
 * and one index entry per suggestion (`SUGGESTION#{number:12}`), written from the change stream
 * when a ticket under the suggestion topic appears, so the list is one Query. The entry holds
 * only what the ticket does not: when the suggestion was accepted, and into which article.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

const pk = { field: 'pk', composite: ['tenantId'], template: '${tenantId}#SUGGESTIONS', casing: AS_IS } as const;

export const SuggestionSettingsEntity = new Entity(
  {
    model: { entity: 'suggestionSettings', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['suggestionSettings'] as const, required: true, default: 'suggestionSettings', readOnly: true },
      enabled: { type: 'boolean', required: true },
      /** Other customers see the suggestions and may comment and like (the author always may). */
      customersJoin: { type: 'boolean', required: true },
      /** The topic suggestions come in under (key SUGGESTION_TOPIC_KEY), created on first enabling. */
      topicId: { type: 'string' },
      version: { type: 'number', required: true },
    },
    indexes: { byTenant: { pk, sk: { field: 'sk', composite: [], template: 'SETTINGS', casing: AS_IS } } },
  },
  { ignoreOwnership: true },
);

export const SuggestionEntity = new Entity(
  {
    model: { entity: 'suggestion', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['suggestion'] as const, required: true, default: 'suggestion', readOnly: true },
      number: { type: 'number', required: true, readOnly: true, padding: { length: 12, char: '0' } },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Set once: the article it became, who accepted it and when. */
      articleId: { type: 'string' },
      acceptedBy: { type: 'string' },
      acceptedAt: { type: 'string' },
    },
    indexes: {
      byTenant: {
        pk,
        sk: { field: 'sk', composite: ['number'], template: 'SUGGESTION#${number}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
