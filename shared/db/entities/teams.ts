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
      /** The team's own business calendar (issue 7); absent: the policy's. */
      calendarId: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
      /** Deleted (issue 6): no members, no name claims; kept for the names of tickets that name it. */
      deletedAt: { type: 'string' },
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

/**
 * A team name claimed in one language (`{T}#TEAMNAME#{language}#{key}`): written with the team in
 * one transaction under `attribute_not_exists`, so two teams of a tenant can never share a name
 * in a language, even when two admins save at the same instant. `key` is the name folded
 * (trimmed, spaces collapsed, lower case).
 */
export const TeamNameEntity = new Entity(
  {
    model: { entity: 'teamName', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['teamName'] as const, required: true, default: 'teamName', readOnly: true },
      language: { type: 'string', required: true, readOnly: true },
      key: { type: 'string', required: true, readOnly: true },
      teamId: { type: 'string', required: true },
    },
    indexes: {
      byName: {
        pk: { field: 'pk', composite: ['tenantId', 'language', 'key'], template: '${tenantId}#TEAMNAME#${language}#${key}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'TEAMNAME', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/**
 * The routing rules of a tenant (K5): one item (`{T}#ROUTING` / `ROUTING`), read once per new
 * ticket and replaced as a whole by the admin at `version`. `nextRuleId` numbers new rules, so a
 * rule keeps its number ("rule 3") when others are removed or moved, and history stays true.
 */
export const RoutingEntity = new Entity(
  {
    model: { entity: 'routing', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['routing'] as const, required: true, default: 'routing', readOnly: true },
      /** The ordered rules: `{ id, when, then }` (shared/teams/constants.ts `RoutingRule`). */
      rules: { type: 'any', required: true },
      nextRuleId: { type: 'number', required: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
      /** Rules removed because their team was deleted (issue 6), newest first: the routing page's record of it. */
      removed: { type: 'any' },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#ROUTING', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'ROUTING', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
