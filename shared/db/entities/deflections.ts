/**
 * Deflected requests (issue 9, Q7): one item per "this solved it" — a customer who found the
 * answer while typing a request and opened nothing. One partition per tenant and UTC month
 * (`{T}#DEFLECT#{YYYY-MM}` / `DEF#{day}#{userId}#{answerKind}#{answerId}`), so the statistics
 * count a month with one Query. The key is the click's meaning (who, which answer, which day):
 * a double click or a retried request records it once.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const DeflectionEntity = new Entity(
  {
    model: { entity: 'deflection', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['deflection'] as const, required: true, default: 'deflection', readOnly: true },
      /** UTC month of `at` (`YYYY-MM`): the partition. */
      month: { type: 'string', required: true, readOnly: true },
      /** UTC day of `at` (`YYYY-MM-DD`). */
      day: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      /** The helpful answer: an FAQ entry or an article. */
      answerKind: { type: ['faq', 'article'] as const, required: true, readOnly: true },
      answerId: { type: 'string', required: true, readOnly: true },
      /** What the customer had typed (subject and description), for the statistics' examples. */
      text: { type: 'string' },
      at: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byMonth: {
        pk: { field: 'pk', composite: ['tenantId', 'month'], template: '${tenantId}#DEFLECT#${month}', casing: AS_IS },
        sk: {
          field: 'sk',
          composite: ['day', 'userId', 'answerKind', 'answerId'],
          template: 'DEF#${day}#${userId}#${answerKind}#${answerId}',
          casing: AS_IS,
        },
      },
    },
  },
  { ignoreOwnership: true },
);
