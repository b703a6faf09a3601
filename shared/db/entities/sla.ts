/**
 * Service-level configuration (issue 7) as ElectroDB entities in ONE partition per tenant
 * (`{T}#SLA`): business calendars (`CALENDAR#{id}`), SLA policies (`POLICY#{id}`) and the head
 * (`HEAD`: the policies' matching order and the calendars' ids). The `slaConfig` collection
 * reads all of them with one Query, so every ticket write and every timer wake-up pays one read
 * for the whole configuration (a tenant keeps at most 20 calendars and 50 policies).
 */
import { Entity, Service } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

/** The tenant's SLA partition. */
const slaPartition = { field: 'pk', composite: ['tenantId'], template: '${tenantId}#SLA', casing: AS_IS } as const;

/** A business calendar: time zone, business hours per weekday, holidays (or always open). */
export const CalendarEntity = new Entity(
  {
    model: { entity: 'slaCalendar', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['slaCalendar'] as const, required: true, default: 'slaCalendar', readOnly: true },
      calendarId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      timeZone: { type: 'string', required: true },
      alwaysOpen: { type: 'boolean', required: true },
      /** Weekday → `[{ from, to }]` (`HH:MM`); absent when always open. */
      week: { type: 'any' },
      /** `[{ date, name, recurring? }]`. */
      holidays: { type: 'any', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        collection: 'slaConfig',
        pk: slaPartition,
        sk: { field: 'sk', composite: ['calendarId'], template: 'CALENDAR#${calendarId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** An SLA policy: what it matches, on which calendar, its targets, warning and escalation. Its position is kept by the head. */
export const PolicyEntity = new Entity(
  {
    model: { entity: 'slaPolicy', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['slaPolicy'] as const, required: true, default: 'slaPolicy', readOnly: true },
      policyId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** `{ priorities, categories?, companies?, teamIds? }`. */
      match: { type: 'any', required: true },
      calendarId: { type: 'string', required: true },
      /** `{ firstResponseMinutes, nextResponseMinutes?, resolutionMinutes }` (business minutes). */
      targets: { type: 'any', required: true },
      warnAtPercent: { type: 'number', required: true },
      /** `[{ afterMinutes, actions, teamId? }]`. */
      escalation: { type: 'any', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: { collection: 'slaConfig', pk: slaPartition, sk: { field: 'sk', composite: ['policyId'], template: 'POLICY#${policyId}', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

/**
 * The head of the partition: the policies in matching order and the calendars' ids. Every
 * creation, removal and move writes it in the same transaction as the item, conditioned on its
 * `version`, so the order stays dense and the limits hold even when two admins save at once.
 */
export const SlaHeadEntity = new Entity(
  {
    model: { entity: 'slaHead', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['slaHead'] as const, required: true, default: 'slaHead', readOnly: true },
      policyIds: { type: 'list', items: { type: 'string' }, required: true },
      calendarIds: { type: 'list', items: { type: 'string' }, required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: { collection: 'slaConfig', pk: slaPartition, sk: { field: 'sk', composite: [], template: 'HEAD', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

/** The SLA area: `collections.slaConfig({ tenantId })` is every calendar and policy and the head. */
export const SlaConfigService = new Service({ calendar: CalendarEntity, policy: PolicyEntity, head: SlaHeadEntity });
