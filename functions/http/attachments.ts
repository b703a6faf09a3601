/** The `attachments` area: announcing uploads and downloading files (issue 8, K17). */
import { createAttachmentUpload, getAttachment } from '../../shared/attachments/attachments.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('attachments', {
  createAttachmentUpload: async ({ actor, body }) => ({ body: await createAttachmentUpload(actor, body) }),
  getAttachment: async ({ actor, params }) => ({ body: await getAttachment(actor, params.attachmentId) }),
});
