/**
 * Answer and acceptance templates (K13) as an ElectroDB entity. All templates of a tenant share
 * one partition (`{T}#TEMPLATES` / `TEMPLATE#{id}`): the management page and the reply box's
 * picker read them with one Query (a tenant keeps dozens, not thousands).
 */
import { Entity } from 'electrodb';
import { LANGUAGES } from '../../tenancy/constants.ts';
import { TEMPLATE_KINDS } from '../../templates/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const TemplateEntity = new Entity(
  {
    model: { entity: 'template', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['template'] as const, required: true, default: 'template', readOnly: true },
      templateId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** acceptance | answer (`kind` is taken: it tells item kinds apart for the stream). */
      purpose: { type: TEMPLATE_KINDS, required: true },
      language: { type: LANGUAGES, required: true },
      /** Only this team's members see it in the picker; absent: every staff member. */
      teamId: { type: 'string' },
      body: { type: 'string', required: true },
      authorId: { type: 'string', required: true, readOnly: true },
      authorName: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#TEMPLATES', casing: AS_IS },
        sk: { field: 'sk', composite: ['templateId'], template: 'TEMPLATE#${templateId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
