/**
 * Support teams (T4) as an ElectroDB entity. All teams of a tenant share one partition
 * (`{T}#TEAMS` / `TEAM#{teamId}`): a tenant has a handful, so one Query lists them all, and
 * membership checks (take, "my teams") read that one page.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const TeamEntity = new Entity(
  {
    model: { entity: 'team', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['team'] as const, required: true, default: 'team', readOnly: true },
      teamId: { type: 'string', required: true, readOnly: true },
      /** The team's name in each language (`{ de, en }`). */
      name: { type: 'any', required: true },
      /** User ids of its members (agents and coordinators). */
      memberIds: { type: 'list', items: { type: 'string' }, required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#TEAMS', casing: AS_IS },
        sk: { field: 'sk', composite: ['teamId'], template: 'TEAM#${teamId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
