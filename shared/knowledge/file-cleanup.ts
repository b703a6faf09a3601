/**
 * Files a knowledge item no longer lists leave storage (issue 9): a deleted document's file, the
 * file a document's new one replaced, an attachment or image an article dropped (or a deleted
 * article's), a picture an FAQ answer no longer shows (or a deleted entry's). Nobody can read such
 * a file any more (a file is readable only while its item lists it, ../attachments/owners.ts),
 * and it can never be listed again (an upload is given to an item once, while pending). An effect
 * of the change stream, never the request path: the delete request commits whatever S3 does, and
 * the stream runs this until it succeeds (`run.ts` marks it done only then). Removing a missing
 * object or item succeeds, so running twice is harmless.
 */
import type { Effect } from '../effects/registry.ts';
import type { Change } from '../effects/change.ts';
import { deleteOwnedAttachment } from '../db/attachments.ts';
import { attachmentKey, deleteObject } from '../files/storage.ts';
import type { KnowledgeOwnerKind } from '../attachments/constants.ts';

/** The files an item of a knowledge kind lists (from a stream image); its own id. */
const FILES: Partial<
  Record<string, { owner: KnowledgeOwnerKind; id: (item: Record<string, unknown>) => string; files: (item: Record<string, unknown>) => string[] }>
> = {
  document: {
    owner: 'document',
    id: (d) => String(d.documentId),
    files: (d) => [(d.file as { id?: string } | undefined)?.id].filter((x): x is string => typeof x === 'string'),
  },
  article: {
    owner: 'article',
    id: (a) => String(a.articleId),
    files: (a) => (Array.isArray(a.attachments) ? a.attachments.map((f) => String((f as { id: unknown }).id)) : []),
  },
  faq: {
    owner: 'faq',
    id: (f) => String(f.faqId),
    files: (f) => (Array.isArray(f.attachmentIds) ? f.attachmentIds.map(String) : []),
  },
};

/** The files the old image listed and the new one (absent: the item is gone) does not. */
export function droppedFiles(change: Pick<Change, 'kind' | 'old' | 'new'>): string[] {
  const kind = FILES[change.kind];
  if (!kind || !change.old) return [];
  const kept = new Set(change.new ? kind.files(change.new) : []);
  return kind.files(change.old).filter((id) => !kept.has(id));
}

export const removeDroppedKnowledgeFiles: Effect = {
  name: 'removeDroppedKnowledgeFiles',
  kinds: Object.keys(FILES),
  applies: (change) => change.type !== 'insert' && droppedFiles(change).length > 0,
  async run(change) {
    const kind = FILES[change.kind]!;
    const owner = { kind: kind.owner, id: kind.id(change.old!) };
    for (const id of droppedFiles(change)) {
      await deleteObject(attachmentKey(change.tenantId, id));
      await deleteOwnedAttachment(change.tenantId, id, owner);
    }
  },
};
