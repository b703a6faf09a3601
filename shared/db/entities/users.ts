/**
 * The user item and its address item as ElectroDB entities. The key templates spell today's
 * keys exactly (`{T}#USER#{id}` / `USER`, `{T}#EMAIL#{email}` / `EMAIL`), so items written
 * before the entities existed read and update the same.
 */
import { Entity } from 'electrodb';
import { ROLES } from '../../auth/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

const LANGUAGES = ['de', 'en'] as const;

export const UserEntity = new Entity(
  {
    model: { entity: 'user', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['user'] as const, required: true, default: 'user', readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** The name as the index sorts and matches it (lower case); follows `name`. */
      nameKey: { type: 'string', hidden: true, watch: ['name'], set: (_: unknown, item: { name?: string }) => item.name?.toLowerCase() },
      email: { type: 'string', required: true, readOnly: true },
      role: { type: ROLES, required: true },
      language: { type: LANGUAGES },
      phone: { type: 'string' },
      company: { type: 'string' },
      department: { type: 'string' },
      passwordHash: { type: 'string' },
      emailVerified: { type: 'boolean', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'number' },
      registeredAt: { type: 'number' },
      /** Optimistic concurrency: raised by every change an admin makes (missing on old items = 0). */
      version: { type: 'number' },
      /** Issue 8: mail to this address stopped (`items.ts` MailSuppression). */
      mailSuppressed: { type: 'any' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'userId'], template: '${tenantId}#USER#${userId}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'USER', casing: AS_IS },
      },
      /** gsi1: users by role, then (lower-cased) name: the team list, and a name's start. */
      byName: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#USERS', casing: AS_IS },
        sk: { field: 'gsi1sk', composite: ['role', 'nameKey', 'userId'], template: '${role}#${nameKey}#${userId}', casing: AS_IS },
      },
      /** gsi2: users by role, then email address: an address's start. */
      byEmail: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId'], template: '${tenantId}#USERS', casing: AS_IS },
        sk: { field: 'gsi2sk', composite: ['role', 'email', 'userId'], template: '${role}#${email}#${userId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** Which user an email address belongs to (unique within a tenant). */
export const UserEmailEntity = new Entity(
  {
    model: { entity: 'userEmail', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      email: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true },
      expiresAt: { type: 'number' },
    },
    indexes: {
      byEmail: {
        pk: { field: 'pk', composite: ['tenantId', 'email'], template: '${tenantId}#EMAIL#${email}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'EMAIL', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** A signed-in session, stored under the hash of its token, listed among its user's sessions. */
export const SessionEntity = new Entity(
  {
    model: { entity: 'session', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      tokenHash: { type: 'string', required: true, readOnly: true },
      kind: { type: ['session'] as const, required: true, default: 'session', readOnly: true },
      userId: { type: 'string', required: true },
      role: { type: ROLES, required: true },
      name: { type: 'string', required: true },
      email: { type: 'string', required: true },
      createdAt: { type: 'string', required: true },
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byToken: {
        pk: { field: 'pk', composite: ['tenantId', 'tokenHash'], template: '${tenantId}#SESSION#${tokenHash}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'SESSION', casing: AS_IS },
      },
      /** gsi2: the sessions of one user, to end them all at once. */
      byUser: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'userId'], template: '${tenantId}#SESSIONS#${userId}', casing: AS_IS },
        sk: { field: 'gsi2sk', composite: ['createdAt'], template: '${createdAt}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** A one-time token (verify, reset, invite, sign-in), stored under the hash of its secret. */
export const TokenEntity = new Entity(
  {
    model: { entity: 'token', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      tokenHash: { type: 'string', required: true, readOnly: true },
      kind: { type: ['token'] as const, required: true, default: 'token', readOnly: true },
      purpose: { type: ['verify', 'reset', 'invite', 'signin'] as const, required: true },
      userId: { type: 'string' },
      email: { type: 'string' },
      role: { type: ROLES },
      name: { type: 'string' },
      /** `verify` only: the registration the link confirms. */
      registration: { type: 'any' },
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byHash: {
        pk: { field: 'pk', composite: ['tenantId', 'tokenHash'], template: '${tenantId}#TOKEN#${tokenHash}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'TOKEN', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
