/**
 * Attachments (issue 8, K17): limits and which types are ever shown inline. Zod-free, shared
 * with the web.
 */

export const ATTACHMENT_LIMITS = {
  /** Largest file one upload may announce (the presigned upload enforces it). */
  maxBytes: 25 * 1024 * 1024,
  /** Files on one message (portal, answer, note). */
  perMessage: 10,
  /** Minutes a presigned upload or download URL stays valid. */
  urlMinutes: 15,
  /** Days an upload nobody attached is kept (item TTL and the bucket's lifecycle rule). */
  pendingDays: 1,
  /** Longest file name kept (longer ones are shortened, the extension kept). */
  maxNameLength: 200,
} as const;

/**
 * Content types shown inline (thumbnails, `Content-Disposition: inline`), decided from the
 * bytes, never from the name. Everything else, SVG and HTML above all, is served as a download.
 */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Knowledge items that own files (issue 9): an article's attachments and images, a document's file, an FAQ answer's images. */
export const KNOWLEDGE_OWNER_KINDS = ['article', 'document', 'faq'] as const;
export type KnowledgeOwnerKind = (typeof KNOWLEDGE_OWNER_KINDS)[number];

/** Videos played in the page (issue 9, documents): served inline too; `<video>` streams them with range requests. */
export const INLINE_VIDEO_TYPES = ['video/mp4', 'video/webm'] as const;
