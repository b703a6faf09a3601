/**
 * Items of the mail channel (issue 8): a Message-ID's record in a tenant (`{T}#MAILID#{hash}` /
 * `MAILID`: the ticket and message it belongs to; the de-duplication claim of an inbound mail),
 * and the platform's claim of a support address (`~mailaddr#{address}` / `MAILADDR`: which
 * tenant, which team), written with the tenant's inbound settings.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const MailIdEntity = new Entity(
  {
    model: { entity: 'mailId', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['mailId'] as const, required: true, default: 'mailId', readOnly: true },
      hash: { type: 'string', required: true, readOnly: true },
      number: { type: 'number' },
      messageId: { type: 'string' },
      claimedAt: { type: 'number' },
    },
    indexes: {
      byHash: {
        pk: { field: 'pk', composite: ['tenantId', 'hash'], template: '${tenantId}#MAILID#${hash}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'MAILID', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/** Platform: which tenant (and team) an organisation's own support address belongs to. */
export const MailAddressEntity = new Entity(
  {
    model: { entity: 'mailAddress', version: '1', service: 'helpdesk' },
    attributes: {
      address: { type: 'string', required: true, readOnly: true },
      tenantId: tenantIdAttribute,
      teamId: { type: 'string' },
    },
    indexes: {
      byAddress: {
        pk: { field: 'pk', composite: ['address'], template: '~mailaddr#${address}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'MAILADDR', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
