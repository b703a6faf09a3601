/**
 * Access patterns of attachment items (issue 8, K17); see entities/attachments.ts and the
 * table in README.md.
 */
import { config } from '../config.ts';
import { ATTACHMENT_LIMITS, type KnowledgeOwnerKind } from '../attachments/constants.ts';
import { AttachmentEntity } from './entities/attachments.ts';
import { on } from './entities/tenant.ts';

/** An attachment item as the domain knows it. */
export interface AttachmentItem {
  kind: 'attachment';
  attachmentId: string;
  uploadedBy: string;
  name: string;
  size: number;
  declaredType?: string;
  contentType?: string;
  inline?: boolean;
  cid?: string;
  state: 'pending' | 'attached';
  number?: number;
  messageId?: string;
  /** Issue 9: owned by a knowledge item instead of a message. */
  ownerKind?: KnowledgeOwnerKind;
  ownerId?: string;
  createdAt: string;
  expiresAt?: number;
}

const T = () => config.tableName;
const strip = (d: Record<string, unknown>): AttachmentItem => {
  const { tenantId: _t, ...item } = d;
  return item as unknown as AttachmentItem;
};

/** Epoch seconds after which a pending upload is gone (TTL). */
export const pendingExpiry = (now = Date.now()) => Math.floor(now / 1000) + ATTACHMENT_LIMITS.pendingDays * 86400;

/** Store a new attachment item (a pending upload, or a file stored server side and attached right after). */
export async function putAttachment(tenantId: string, a: AttachmentItem): Promise<void> {
  await AttachmentEntity.create({ ...a, tenantId }).go({ ...on(tenantId), response: 'none' });
}

/** One attachment item by id. */
export async function getAttachmentItem(tenantId: string, attachmentId: string): Promise<AttachmentItem | undefined> {
  const r = await AttachmentEntity.get({ tenantId, attachmentId }).go({ ...on(tenantId), consistent: true });
  return r.data ? strip(r.data) : undefined;
}

/** Several attachment items by id (missing ones are left out). */
export async function getAttachmentItems(tenantId: string, ids: readonly string[]): Promise<AttachmentItem[]> {
  if (ids.length === 0) return [];
  const r = await AttachmentEntity.get(ids.map((attachmentId) => ({ tenantId, attachmentId }))).go({ ...on(tenantId), consistent: true });
  return r.data.map((d) => strip(d as Record<string, unknown>));
}

/**
 * The transaction item that attaches an upload to a message: only while it is still the
 * uploader's pending upload, so one file can never be attached twice (a retry, a race).
 */
export function attachUpdate(
  tenantId: string,
  a: { attachmentId: string; uploadedBy: string; contentType: string; number: number; messageId?: string },
): Record<string, unknown> {
  const patch = AttachmentEntity.patch({ tenantId, attachmentId: a.attachmentId })
    .set({ state: 'attached', contentType: a.contentType, number: a.number, ...(a.messageId ? { messageId: a.messageId } : {}) })
    .remove(['expiresAt'])
    .where((attr, { eq }) => `${eq(attr.state, 'pending')} AND ${eq(attr.uploadedBy, a.uploadedBy)}`);
  return patch.params({ table: T() }) as Record<string, unknown>;
}

/**
 * The transaction item that gives an upload to a knowledge item (issue 9): like `attachUpdate`,
 * only while it is still the uploader's pending upload.
 */
export function ownUpdate(
  tenantId: string,
  a: { attachmentId: string; uploadedBy: string; contentType: string; ownerKind: KnowledgeOwnerKind; ownerId: string },
): Record<string, unknown> {
  const patch = AttachmentEntity.patch({ tenantId, attachmentId: a.attachmentId })
    .set({ state: 'attached', contentType: a.contentType, ownerKind: a.ownerKind, ownerId: a.ownerId })
    .remove(['expiresAt'])
    .where((attr, { eq }) => `${eq(attr.state, 'pending')} AND ${eq(attr.uploadedBy, a.uploadedBy)}`);
  return patch.params({ table: T() }) as Record<string, unknown>;
}

/**
 * Forget a knowledge item's file once its object is gone (issue 9, from the stream): only while
 * the item still names that owner, and a second run finds nothing to do.
 */
export async function deleteOwnedAttachment(tenantId: string, attachmentId: string, owner: { kind: KnowledgeOwnerKind; id: string }): Promise<void> {
  try {
    await AttachmentEntity.delete({ tenantId, attachmentId })
      .where((attr, { eq }) => `${eq(attr.ownerKind, owner.kind)} AND ${eq(attr.ownerId, owner.id)}`)
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    // ElectroDB may hand the SDK's error on as its cause
    const refused = [err, (err as { cause?: unknown }).cause].some((e) => (e as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException');
    if (!refused) throw err;
  }
}
