/**
 * The progress of a tenant's re-targeting sweep (issue 7): ONE item, `{T}#SLA#RETARGET` / `RUN`.
 * Each write of it is a change on the stream, and that change runs the sweep's next page
 * (`shared/sla/retarget.ts`). Kept outside the `{T}#SLA` partition, which every ticket write
 * reads whole as the tenant's configuration.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const RetargetRunEntity = new Entity(
  {
    model: { entity: 'slaRetarget', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['slaRetarget'] as const, required: true, default: 'slaRetarget', readOnly: true },
      /** Which sweep: the id of the rule change that started it (a newer change starts a new one). */
      run: { type: 'string', required: true },
      /** Pages done in this sweep: the next page's write is conditioned on it, so each page advances it once. */
      step: { type: 'number', required: true },
      /** The status whose tickets the next page reads (the sweep goes through the open statuses in turn). */
      status: { type: 'string', required: true },
      /** Position (status index sort key) of the last ticket done in `status`; absent at its start. */
      after: { type: 'string' },
      /** Tickets re-targeted so far. */
      changed: { type: 'number', required: true },
      /** Every open ticket was looked at. */
      done: { type: 'boolean', required: true },
      startedAt: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#SLA#RETARGET', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'RUN', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
