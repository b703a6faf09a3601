/**
 * Documents (issue 9, Q3) as an ElectroDB entity. All documents of a tenant share one partition
 * (`{T}#DOCS` / `DOC#{documentId}`): the documentation page reads them with one Query and
 * filters by topic, tag and type (a tenant keeps dozens to a few hundred, not millions).
 */
import { Entity } from 'electrodb';
import { AUDIENCES, DOCUMENT_TYPES } from '../../knowledge/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const DocumentEntity = new Entity(
  {
    model: { entity: 'document', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['document'] as const, required: true, default: 'document', readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string' },
      topicId: { type: 'string' },
      tags: { type: 'list', items: { type: 'string' } },
      /** manual | guideline | image | video | other (`kind` is taken: it tells item kinds apart). */
      docType: { type: DOCUMENT_TYPES, required: true },
      audience: { type: AUDIENCES, required: true },
      /** The one file: an attachment owned by this document (`ownerKind: document`). */
      file: {
        type: 'map',
        required: true,
        properties: {
          id: { type: 'string', required: true },
          name: { type: 'string', required: true },
          contentType: { type: 'string', required: true },
          size: { type: 'number', required: true },
        },
      },
      authorId: { type: 'string', required: true, readOnly: true },
      authorName: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#DOCS', casing: AS_IS },
        sk: { field: 'sk', composite: ['documentId'], template: 'DOC#${documentId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
