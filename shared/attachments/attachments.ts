/**
 * Attachments (issue 8, K17): announcing an upload (a presigned PUT of exactly the announced
 * size), attaching uploads to a message (only the caller's own pending uploads, whose bytes
 * are there; the type decided from the bytes) and downloading (a presigned GET, for those who
 * may see the message that lists the file; everyone else gets 404, existence is not confirmed).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DomainError, notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { getTicketPartition } from '../db/store.ts';
import { attachUpdate, ownUpdate, getAttachmentItem, getAttachmentItems, pendingExpiry, putAttachment, type AttachmentItem } from '../db/attachments.ts';
import type { MessageItem, TicketItem } from '../db/items.ts';
import { attachmentKey, getObjectStart, headObject, markAttached, presignGet, presignPut } from '../files/storage.ts';
import { customerMaySee } from '../tickets/view.ts';
import { isPartOfAnother } from '../tickets/split.ts';
import { ATTACHMENT_LIMITS } from './constants.ts';
import { mayReadOwnedFile, type KnowledgeOwner } from './owners.ts';
import type * as z from 'zod';
import { CreateAttachmentUploadInput, type AttachmentRef } from './schemas.ts';
import { cleanFileName, isInlineImage, isInlineVideo, sniffContentType, SNIFF_BYTES } from './sniff.ts';

/** The type the presigned PUT is signed with: what the browser named, if it is a plain MIME type. */
const uploadType = (declared: string | undefined) =>
  declared && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(declared) ? declared.toLowerCase() : 'application/octet-stream';

/**
 * `createAttachmentUpload`: announce a file; any signed-in user of the tenant. Answers a
 * presigned PUT that takes exactly `size` bytes with the signed content type; the pending item
 * expires unless the file is attached (and the bucket's lifecycle rule removes its object).
 */
export async function createAttachmentUpload(actor: Actor, raw: z.input<typeof CreateAttachmentUploadInput>) {
  const input = CreateAttachmentUploadInput.parse(raw);
  const attachmentId = newId();
  const declaredType = uploadType(input.contentType);
  await putAttachment(actor.tenantId, {
    kind: 'attachment',
    attachmentId,
    uploadedBy: actor.userId,
    name: cleanFileName(input.name, ATTACHMENT_LIMITS.maxNameLength),
    size: input.size,
    declaredType,
    state: 'pending',
    createdAt: nowIso(),
    expiresAt: pendingExpiry(),
  });
  const put = await presignPut(attachmentKey(actor.tenantId, attachmentId), { size: input.size, contentType: declaredType });
  return { attachmentId, uploadUrl: put.url, headers: put.headers, expiresAt: put.expiresAt };
}

/** Uploads checked for a message or a knowledge item: the refs it lists and the transaction items that attach them. */
export interface ResolvedUploads {
  refs: AttachmentRef[];
  /** Conditional updates (pending → attached) to write with the message of ticket `number`, in the same transaction. */
  updates: (number: number, messageId: string) => Record<string, unknown>[];
  /** Issue 9: conditional updates (pending → attached) that give them to a knowledge item, written in the item's transaction. */
  ownedBy: (owner: KnowledgeOwner) => Record<string, unknown>[];
}

/**
 * Check `attachmentIds` for a new message: each must be the caller's own pending upload of this
 * tenant (else `attachment_not_found`, also for another tenant's or user's id, an attached one,
 * a repeated one), its object must be there (`attachment_not_uploaded`) with exactly the
 * announced size (`attachment_too_large` if more arrived, `attachment_not_uploaded` if less).
 * The type is decided from the bytes.
 */
export async function resolveUploads(actor: Actor, ids: readonly string[] | undefined): Promise<ResolvedUploads> {
  if (!ids || ids.length === 0) return { refs: [], updates: () => [], ownedBy: () => [] };
  if (ids.length > ATTACHMENT_LIMITS.perMessage) {
    throw new DomainError('validation_failed', 'Too many attachments', [
      {
        path: 'attachmentIds',
        message: `at most ${ATTACHMENT_LIMITS.perMessage}`,
        code: 'too_many_attachments',
        params: { maximum: ATTACHMENT_LIMITS.perMessage },
      },
    ]);
  }
  const items = new Map((await getAttachmentItems(actor.tenantId, [...new Set(ids)])).map((a) => [a.attachmentId, a]));
  const checked = await Promise.all(
    ids.map(async (id, i) => {
      const a = items.get(id);
      if (!a || a.state !== 'pending' || a.uploadedBy !== actor.userId || ids.indexOf(id) !== i) {
        throw new DomainError('attachment_not_found', 'No such upload of yours', undefined, { attachmentId: id });
      }
      const key = attachmentKey(actor.tenantId, id);
      const head = await headObject(key);
      if (!head) throw new DomainError('attachment_not_uploaded', 'The file has not been uploaded yet', undefined, { attachmentId: id, name: a.name });
      if (head.size > a.size) {
        throw new DomainError('attachment_too_large', 'The file is larger than announced', undefined, { attachmentId: id, name: a.name, maximum: a.size });
      }
      if (head.size < a.size) throw new DomainError('attachment_not_uploaded', 'The upload is incomplete', undefined, { attachmentId: id, name: a.name });
      const contentType = await sniffContentType((await getObjectStart(key, SNIFF_BYTES)) ?? new Uint8Array());
      return { item: a, contentType };
    }),
  );
  return {
    refs: checked.map(({ item, contentType }) => ({ id: item.attachmentId, name: item.name, contentType, size: item.size })),
    updates: (number, messageId) =>
      checked.map(({ item, contentType }) =>
        attachUpdate(actor.tenantId, { attachmentId: item.attachmentId, uploadedBy: actor.userId, contentType, number, messageId }),
      ),
    ownedBy: (owner) =>
      checked.map(({ item, contentType }) =>
        ownUpdate(actor.tenantId, { attachmentId: item.attachmentId, uploadedBy: actor.userId, contentType, ownerKind: owner.kind, ownerId: owner.id }),
      ),
  };
}

/**
 * Run the write that attaches `uploads`; if it is refused because one of them was attached
 * meanwhile (a retry, a race), say so (`attachment_not_found`) instead of a bare failure.
 */
export async function attachingUploads<R>(actor: Actor, uploads: ResolvedUploads, write: () => Promise<R>): Promise<R> {
  // Before the write: should it fail, an object merely outlives its upload (never the other way round).
  await Promise.all(uploads.refs.map((r) => markAttached(attachmentKey(actor.tenantId, r.id))));
  try {
    return await write();
  } catch (err) {
    if (uploads.refs.length && err instanceof TransactionCanceledException) {
      const now = await getAttachmentItems(
        actor.tenantId,
        uploads.refs.map((r) => r.id),
      );
      const gone = uploads.refs.find((r) => !now.some((a) => a.attachmentId === r.id && a.state === 'pending'));
      if (gone) throw new DomainError('attachment_not_found', 'The upload was attached meanwhile', undefined, { attachmentId: gone.id });
    }
    throw err;
  }
}

/** The message listing an attached file, following a merge (`mergedInto`) once. */
async function listedOn(tenantId: string, a: AttachmentItem): Promise<{ ticket: TicketItem; message: MessageItem } | undefined> {
  if (a.number === undefined) return undefined;
  const p = await getTicketPartition(tenantId, a.number);
  if (!p) return undefined;
  const message = p.messages.find((m) => m.id === a.messageId || m.attachments?.some((r) => r.id === a.attachmentId));
  if (message) return { ticket: p.ticket, message };
  const into = (p.ticket as TicketItem & { mergedInto?: number }).mergedInto;
  if (into === undefined) return undefined;
  const q = await getTicketPartition(tenantId, into);
  const moved = q?.messages.find((m) => m.attachments?.some((r) => r.id === a.attachmentId));
  return q && moved ? { ticket: q.ticket, message: moved } : undefined;
}

/**
 * Whether the caller may download: the uploader their own pending upload; staff any file on a
 * ticket of the tenant; a customer only files of public messages (no notes, partial answers,
 * answers awaiting review) of their own tickets. A knowledge item's file (issue 9): whoever may
 * read the item while it lists the file (./owners.ts).
 */
async function mayDownload(actor: Actor, a: AttachmentItem): Promise<boolean> {
  if (a.state === 'pending') return a.uploadedBy === actor.userId;
  if (a.ownerKind && a.ownerId) return mayReadOwnedFile(actor, { kind: a.ownerKind, id: a.ownerId }, a.attachmentId);
  const at = await listedOn(actor.tenantId, a);
  if (!at) return false;
  if (isStaff(actor)) return true;
  return at.ticket.requesterId === actor.userId && !isPartOfAnother(at.ticket) && customerMaySee(at.message);
}

/**
 * `getAttachment`: a short-lived presigned GET. The answer's type is the one told from the
 * bytes; it is shown inline only for the few raster image types and mp4/webm videos (issue 9),
 * everything else (HTML and SVG above all) comes as a download. 404 for everyone who may not see it.
 */
export async function getAttachment(actor: Actor, attachmentId: string) {
  const a = await getAttachmentItem(actor.tenantId, attachmentId);
  if (!a || !(await mayDownload(actor, a))) throw notFound('Attachment');
  const key = attachmentKey(actor.tenantId, attachmentId);
  // A pending upload has no sniffed type yet: tell it now (the uploader previewing their own file).
  const contentType = a.contentType ?? (await sniffContentType((await getObjectStart(key, SNIFF_BYTES)) ?? new Uint8Array()));
  const get = await presignGet(key, { fileName: a.name, contentType, inline: isInlineImage(contentType) || isInlineVideo(contentType) });
  return { url: get.url, name: a.name, contentType, size: a.size, expiresAt: get.expiresAt };
}
