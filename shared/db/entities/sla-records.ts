/**
 * The reporting hook of service levels (issue 7, point 6): one item per clock that stopped (met,
 * or completed after its breach), in one partition per tenant and month of its stop
 * (`{T}#SLAREC#{YYYY-MM}` / `REC#{actualAt}#{number:12}#{clock}`), so a month's compliance is
 * one Query and nothing is recomputed. The key is derived from the stop itself: a replayed
 * change writes the same item again.
 */
import { Entity } from 'electrodb';
import { CLOCK_KINDS } from '../../sla/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const SlaRecordEntity = new Entity(
  {
    model: { entity: 'slaRecord', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['sla_record'] as const, required: true, default: 'sla_record', readOnly: true },
      /** UTC month of `actualAt` (`YYYY-MM`): the partition. */
      month: { type: 'string', required: true, readOnly: true },
      number: { type: 'number', required: true, readOnly: true, padding: { length: 12, char: '0' } },
      clock: { type: CLOCK_KINDS, required: true, readOnly: true },
      /** The policy that set the target (absent on the due-date clocks of a ticket without one). */
      policyId: { type: 'string' },
      /** When it was due and when it stopped (ISO). */
      targetAt: { type: 'string', required: true },
      actualAt: { type: 'string', required: true, readOnly: true },
      /** Business minutes used until it stopped, pauses excluded; the target in business minutes (policy clocks). */
      usedMinutes: { type: 'number', required: true },
      targetMinutes: { type: 'number' },
      breached: { type: 'boolean', required: true },
    },
    indexes: {
      byMonth: {
        pk: { field: 'pk', composite: ['tenantId', 'month'], template: '${tenantId}#SLAREC#${month}', casing: AS_IS },
        sk: { field: 'sk', composite: ['actualAt', 'number', 'clock'], template: 'REC#${actualAt}#${number}#${clock}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
