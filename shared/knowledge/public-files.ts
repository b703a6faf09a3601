/**
 * Files of a public portal's knowledge for anonymous readers (issue 9): the inline images and
 * files of published public articles, public documents' files, FAQ images. Signed in,
 * `getAttachment` answers a presigned URL as JSON; an `<img src>` in a page nobody signed in to
 * cannot ask for JSON, so this route answers a redirect to the same short-lived presigned GET
 * (same type, disposition and download headers: `presignGet`), and the pages point their images
 * straight at it. Everything that is not a file of a public, published item of a portal whose
 * knowledge is public gets the same 404.
 */
import { getAttachmentItem } from '../db/attachments.ts';
import { getDocumentItem } from '../db/documents.ts';
import { notFound } from '../errors.ts';
import { attachmentKey, presignGet } from '../files/storage.ts';
import { OWNER_LOOKUPS, type KnowledgeOwner } from '../attachments/owners.ts';
import { isInlineImage, isInlineVideo } from '../attachments/sniff.ts';
import type { PageResult } from './faq-page.ts';
import { publicKnowledgeTenant } from './public-access.ts';
import { escapeHtml } from './page-html.ts';

/** The address of a public knowledge file, as pages and the web app point at it (same origin). */
export function publicFilePath(slug: string, attachmentId: string): string {
  return `/api/v1/knowledge/${encodeURIComponent(slug)}/files/${encodeURIComponent(attachmentId)}`;
}

/**
 * Rich text's inline images (an article's body, an FAQ answer) (`<img data-attachment-id>`, no address of their own) pointed at the
 * public file route, which redirects a reader to the stored file (./public-files.ts).
 */
export function withPublicImages(body: string, slug: string): string {
  return body.replace(
    /<img\b([^>]*?)\sdata-attachment-id="([A-Za-z0-9_-]+)"/g,
    (_m, before: string, id: string) => `<img${before} src="${escapeHtml(publicFilePath(slug, id))}" data-attachment-id="${id}"`,
  );
}

/** Whether an anonymous visitor may read a file: its item lists it, is published and meant for everyone. */
async function isPublicFile(tenantId: string, owner: KnowledgeOwner, attachmentId: string): Promise<boolean> {
  const lookup = OWNER_LOOKUPS[owner.kind];
  const item = lookup ? await lookup(tenantId, owner.id) : undefined;
  return Boolean(item && item.published && item.audience === 'public' && item.attachmentIds.includes(attachmentId));
}

/** `getPublicFile`: a redirect to a short-lived presigned GET of a public knowledge file of portal `slug`. */
export async function publicFile(slug: string, attachmentId: string): Promise<PageResult> {
  const tenant = await publicKnowledgeTenant(slug);
  return redirectTo(tenant.id, attachmentId);
}

/**
 * `getPublicDocumentFile`: the file of public document `documentId` of portal `slug` (what an
 * anonymous search hit of a document opens: the hit names the document, not its file).
 */
export async function publicDocumentFile(slug: string, documentId: string): Promise<PageResult> {
  const tenant = await publicKnowledgeTenant(slug);
  const d = await getDocumentItem(tenant.id, documentId);
  if (!d || d.audience !== 'public') throw notFound('Attachment');
  return redirectTo(tenant.id, d.file.id);
}

/** The redirect to a file of a public published item, or `not_found`. */
async function redirectTo(tenantId: string, attachmentId: string): Promise<PageResult> {
  const a = await getAttachmentItem(tenantId, attachmentId);
  if (!a || a.state !== 'attached' || !a.ownerKind || !a.ownerId || !(await isPublicFile(tenantId, { kind: a.ownerKind, id: a.ownerId }, attachmentId))) {
    throw notFound('Attachment');
  }
  const contentType = a.contentType ?? 'application/octet-stream';
  const get = await presignGet(attachmentKey(tenantId, attachmentId), {
    fileName: a.name,
    contentType,
    inline: isInlineImage(contentType) || isInlineVideo(contentType),
  });
  // The redirect may be reused by this browser for a minute, well within the URL's own lifetime.
  return { status: 302, contentType: 'text/plain; charset=utf-8', body: '', headers: { location: get.url, 'cache-control': 'private, max-age=60' } };
}
