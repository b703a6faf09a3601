/**
 * An uploaded file (issue 8, K17) as an ElectroDB entity, one item per file
 * (`{T}#ATT#{attachmentId}` / `ATT`): who uploaded it, its name, the type told from its bytes,
 * its size and where it is attached. A pending upload carries `expiresAt` (TTL; the bucket's
 * lifecycle rule removes its object); attaching it removes that.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';
import { KNOWLEDGE_OWNER_KINDS } from '../../attachments/constants.ts';

export const ATTACHMENT_STATES = ['pending', 'attached'] as const;

export const AttachmentEntity = new Entity(
  {
    model: { entity: 'attachment', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['attachment'] as const, required: true, default: 'attachment', readOnly: true },
      attachmentId: { type: 'string', required: true, readOnly: true },
      /** The user who uploaded it (only they may attach it, or download it while pending). */
      uploadedBy: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** The size announced (pending) and stored; the presigned upload accepts no other. */
      size: { type: 'number', required: true },
      /** What the browser or the mail said it is (never trusted for serving). */
      declaredType: { type: 'string' },
      /** Told from the bytes once they are there (`file-type`, else text/plain or octet-stream). */
      contentType: { type: 'string' },
      inline: { type: 'boolean' },
      /** Mail: the Content-ID an inline image is referenced by. */
      cid: { type: 'string' },
      state: { type: ATTACHMENT_STATES, required: true },
      /** Once attached: the ticket and message listing it (messageId absent for a ticket's own files). */
      number: { type: 'number' },
      messageId: { type: 'string' },
      /** Or owned by a knowledge item (issue 9): readable by whoever may read that article or document. */
      ownerKind: { type: KNOWLEDGE_OWNER_KINDS },
      ownerId: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds; DynamoDB TTL removes a pending upload nobody attached. */
      expiresAt: { type: 'number' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'attachmentId'], template: '${tenantId}#ATT#${attachmentId}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'ATT', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
