/**
 * A tenant's own items and the platform's (before anybody is signed in) as ElectroDB entities:
 * the slug claim, the tenant with its settings, the ticket counter, and the rate windows. Key
 * templates spell today's keys exactly.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

/** Platform: which tenant a portal slug belongs to (`~slug#{slug}` / `SLUG`). */
export const SlugEntity = new Entity(
  {
    model: { entity: 'slug', version: '1', service: 'helpdesk' },
    attributes: {
      slug: { type: 'string', required: true, readOnly: true },
      tenantId: tenantIdAttribute,
    },
    indexes: {
      bySlug: {
        pk: { field: 'pk', composite: ['slug'], template: '~slug#${slug}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'SLUG', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** A tenant: its settings and branding (`{T}` / `TENANT`). */
export const TenantEntity = new Entity(
  {
    model: { entity: 'tenant', version: '1', service: 'helpdesk' },
    attributes: {
      id: tenantIdAttribute,
      kind: { type: ['tenant'] as const, required: true, default: 'tenant', readOnly: true },
      slug: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      branding: { type: 'any', required: true },
      defaultLanguage: { type: ['de', 'en'] as const, required: true },
      timeZone: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Optimistic concurrency: raised by every settings change (missing on old items = 0). */
      version: { type: 'number' },
      // The mail channel (issue 8); see `items.ts` TenantItem.
      mailSecret: { type: 'string' },
      supportAddresses: { type: 'any' },
      reopenGraceDays: { type: 'number' },
      /** Knowledge (issue 9): FAQ and public articles readable without signing in. */
      publicKnowledge: { type: 'boolean' },
      /** Set by the operator (`npm run tenant:suspend`): mail to the tenant is dropped. */
      suspendedAt: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['id'], template: '${id}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'TENANT', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** The last ticket number a tenant gave out (`{T}#COUNTER#ticket` / `COUNTER`). */
export const TicketCounterEntity = new Entity(
  {
    model: { entity: 'ticketCounter', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      value: { type: 'number' },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#COUNTER#ticket', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'COUNTER', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

const windowAttributes = {
  scope: { type: 'string', required: true, readOnly: true },
  id: { type: 'string', required: true, readOnly: true },
  window: { type: 'number', required: true, readOnly: true },
  attempts: { type: 'number' },
  expiresAt: { type: 'number' },
} as const;

/** Attempts of one kind in one fixed window of a tenant (`{T}#RATE#{scope}#{id}#{window}` / `RATE`). */
export const RateWindowEntity = new Entity(
  {
    model: { entity: 'rateWindow', version: '1', service: 'helpdesk' },
    attributes: { tenantId: tenantIdAttribute, ...windowAttributes },
    indexes: {
      byWindow: {
        pk: { field: 'pk', composite: ['tenantId', 'scope', 'id', 'window'], template: '${tenantId}#RATE#${scope}#${id}#${window}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'RATE', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** Platform: attempts before any tenant exists, e.g. sign-up (`~rate#{scope}#{id}#{window}` / `RATE`). */
export const PlatformRateWindowEntity = new Entity(
  {
    model: { entity: 'platformRateWindow', version: '1', service: 'helpdesk' },
    attributes: windowAttributes,
    indexes: {
      byWindow: {
        pk: { field: 'pk', composite: ['scope', 'id', 'window'], template: '~rate#${scope}#${id}#${window}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'RATE', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
