/** API shapes of attachments (issue 8, K17). */
import * as z from 'zod';
import { ATTACHMENT_LIMITS } from './constants.ts';

export const AttachmentIdParam = z.object({ attachmentId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) });

/** Announce a file: the server answers with where to put its bytes. */
export const CreateAttachmentUploadInput = z
  .object({
    name: z.string().trim().min(1).max(255),
    size: z.number().int().min(1).max(ATTACHMENT_LIMITS.maxBytes),
    contentType: z.string().max(255).optional().describe('As the browser names it; the stored type is decided from the bytes'),
  })
  .meta({ id: 'CreateAttachmentUploadInput' });

export const AttachmentUpload = z
  .object({
    attachmentId: z.string(),
    uploadUrl: z.string().describe('Presigned PUT URL'),
    headers: z.record(z.string(), z.string()).describe('Headers the PUT must carry'),
    expiresAt: z.string(),
  })
  .meta({ id: 'AttachmentUpload' });

/** An attachment as a message lists it. */
export const AttachmentRef = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    inline: z.boolean().optional().describe('An image shown in the text (mail cid:) rather than listed'),
  })
  .meta({ id: 'AttachmentRef' });
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** `getAttachment`: where to download it (a short-lived presigned URL). */
export const AttachmentDownload = z
  .object({ url: z.string(), name: z.string(), contentType: z.string(), size: z.number().int(), expiresAt: z.string() })
  .meta({ id: 'AttachmentDownload' });

/** `attachmentIds` on createTicket and addTicketMessage (too many: field code `too_many_attachments`). */
export const AttachmentIds = z
  .array(AttachmentIdParam.shape.attachmentId)
  .superRefine((ids, ctx) => {
    if (ids.length > ATTACHMENT_LIMITS.perMessage) {
      ctx.addIssue({ code: 'custom', message: `at most ${ATTACHMENT_LIMITS.perMessage} files`, params: { code: 'too_many_attachments' } });
    }
  })
  .describe(`Uploads of the caller (createAttachmentUpload), at most ${ATTACHMENT_LIMITS.perMessage}`);
