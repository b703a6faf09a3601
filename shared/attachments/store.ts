/**
 * Files stored server side (mail attachments, seeds) and the bytes of an attachment (outgoing
 * mail). Uploads from the browser go through ./attachments.ts instead.
 */
import { newId, nowIso } from '../ids.ts';
import { putAttachment, pendingExpiry } from '../db/attachments.ts';
import { attachmentKey, getObjectBytes, putObject } from '../files/storage.ts';
import { ATTACHMENT_LIMITS } from './constants.ts';
import type { AttachmentRef } from './schemas.ts';
import type { KnowledgeOwner } from './owners.ts';
import { cleanFileName, sniffContentType, SNIFF_BYTES } from './sniff.ts';

export interface StoreAttachmentInput {
  name: string;
  bytes: Uint8Array;
  /** What the sender said it is (kept for reference; the stored type comes from the bytes). */
  declaredType?: string;
  /** An image shown in the text (mail `cid:`) rather than listed. */
  inline?: boolean;
  cid?: string;
  /** The user it comes from (a mail's sender contact). */
  by: string;
  /**
   * Where it will be listed: pass the ticket and the id of the message you are about to write,
   * so downloads are authorised by that message. Without it the file stays a pending upload of
   * `by` (expires unless attached like a browser upload).
   */
  at?: { number: number; messageId?: string };
  /** Issue 9: owned by a knowledge item (seeds); readable by whoever may read it once it lists the file. */
  owner?: KnowledgeOwner;
}

/**
 * Store a file's bytes and its attachment item; the type is told from the bytes (`file-type`,
 * else text/plain for UTF-8 text, else application/octet-stream). Returns the ref a message lists.
 */
export async function storeAttachment(tenantId: string, input: StoreAttachmentInput): Promise<AttachmentRef> {
  const id = newId();
  const name = cleanFileName(input.name, ATTACHMENT_LIMITS.maxNameLength);
  const contentType = await sniffContentType(input.bytes.subarray(0, SNIFF_BYTES));
  await putObject(attachmentKey(tenantId, id), input.bytes, contentType);
  await putAttachment(tenantId, {
    kind: 'attachment',
    attachmentId: id,
    uploadedBy: input.by,
    name,
    size: input.bytes.byteLength,
    declaredType: input.declaredType,
    contentType,
    inline: input.inline || undefined,
    cid: input.cid,
    createdAt: nowIso(),
    ...(input.owner
      ? { state: 'attached' as const, ownerKind: input.owner.kind, ownerId: input.owner.id }
      : input.at
        ? { state: 'attached' as const, number: input.at.number, messageId: input.at.messageId }
        : { state: 'pending' as const, expiresAt: pendingExpiry() }),
  });
  return { id, name, contentType, size: input.bytes.byteLength, ...(input.inline ? { inline: true } : {}) };
}

/** The bytes of an attachment a message lists (e.g. to send it with a mail). */
export async function attachmentBytes(tenantId: string, ref: Pick<AttachmentRef, 'id'>): Promise<Uint8Array> {
  return getObjectBytes(attachmentKey(tenantId, ref.id));
}
