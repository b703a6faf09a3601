/**
 * Mail id → message (issue 8): one item per RFC 5322 Message-ID we sent or received,
 * `{T}#MAILID#{sha256(id)}` / `MAILID`, naming the ticket and the message it belongs to. The
 * inbound part writes it for each stored mail (a second write of the same id is refused: one mail,
 * one message), the outbound part for each mail it sends; threading by In-Reply-To/References and
 * the bounces (delivery events) read it. The id is hashed: Message-IDs are long and may hold any
 * character a key should not.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const MailIdEntity = new Entity(
  {
    model: { entity: 'mailId', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['mailId'] as const, required: true, default: 'mailId', readOnly: true },
      /** sha256 (hex) of the Message-ID without angle brackets, trimmed, lower case (`mailIdHash`). */
      hash: { type: 'string', required: true, readOnly: true },
      /** The Message-ID as written (for reading the table by hand). */
      mailMessageId: { type: 'string', required: true, readOnly: true },
      /** The ticket and the message (its id and creation instant: the message's key). */
      number: { type: 'number', required: true, readOnly: true },
      messageId: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** `in`: a mail we received; `out`: a mail we sent. */
      direction: { type: ['in', 'out'] as const, required: true, readOnly: true },
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
