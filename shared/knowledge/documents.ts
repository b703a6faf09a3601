/**
 * Documentation (issue 9, Q3): manuals, guidelines, images and videos, each one file with a
 * title, topic, tags, description, type and audience. Staff keep them; everybody reads what
 * their audience allows (./owners.ts of attachments holds the one rule). The file is an upload
 * owned by the document: downloads follow the attachment rules (presigned GET, inline only for
 * raster images and mp4/webm videos, which the page plays).
 */
import { DomainError, notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { attachingUploads, resolveUploads } from '../attachments/attachments.ts';
import { mayReadKnowledge } from '../attachments/owners.ts';
import { deleteDocumentItem, getDocumentItem, listDocumentItems, putNewDocument, saveDocument, type DocumentItem } from '../db/documents.ts';
import type { DocumentType as DocType } from './constants.ts';
import {
  CreateDocumentInput,
  DeleteDocumentQuery,
  DocumentIdParam,
  ListDocumentsQuery,
  UpdateDocumentInput,
  type Document,
  type DocumentList,
} from './document-schemas.ts';
import { requireTopic, resolveTopics, type TopicRef } from './topics.ts';

function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff keep documents');
}

/** The type a file suggests when the author names none. */
export function typeOfFile(contentType: string): DocType {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType === 'application/pdf') return 'manual';
  return 'other';
}

function toDocument(d: DocumentItem, topics: Map<string, TopicRef>): Document {
  const topic = d.topicId ? topics.get(d.topicId) : undefined;
  return {
    id: d.documentId,
    title: d.title,
    description: d.description,
    topicId: d.topicId,
    ...(topic ? { topic } : {}),
    tags: d.tags ?? [],
    type: d.docType,
    audience: d.audience,
    file: d.file,
    authorName: d.authorName,
    updatedAt: d.updatedAt,
    version: d.version,
  };
}

const readable = (actor: Actor, d: DocumentItem) => mayReadKnowledge(actor, { audience: d.audience, published: true });

/** `listDocuments`: what the caller may read, filtered by topic, tag and type; newest change first. */
export async function listDocuments(actor: Actor, raw: unknown): Promise<DocumentList> {
  const q = ListDocumentsQuery.parse(raw ?? {});
  const items = (await listDocumentItems(actor.tenantId)).filter(
    (d) => readable(actor, d) && (!q.topicId || d.topicId === q.topicId) && (!q.tag || (d.tags ?? []).includes(q.tag)) && (!q.type || d.docType === q.type),
  );
  items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.documentId.localeCompare(b.documentId));
  const topics = await resolveTopics(
    actor.tenantId,
    items.map((d) => d.topicId),
  );
  return { items: items.map((d) => toDocument(d, topics)) };
}

/** `createDocument` (staff): the file is the caller's upload, taken in the same transaction. */
export async function createDocument(actor: Actor, raw: CreateDocumentInput): Promise<Document> {
  requireStaff(actor);
  const input = CreateDocumentInput.parse(raw);
  if (input.topicId) await requireTopic(actor.tenantId, input.topicId);
  const uploads = await resolveUploads(actor, [input.attachmentId]);
  const file = uploads.refs[0]!;
  const at = nowIso();
  const item: DocumentItem = {
    kind: 'document',
    documentId: newId(),
    title: input.title,
    description: input.description || undefined,
    topicId: input.topicId,
    tags: input.tags?.length ? input.tags : undefined,
    docType: input.type ?? typeOfFile(file.contentType),
    audience: input.audience,
    file,
    authorId: actor.userId,
    authorName: actor.name,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await attachingUploads(actor, uploads, () => putNewDocument(actor.tenantId, item, uploads.ownedBy({ kind: 'document', id: item.documentId })));
  return toDocument(item, await resolveTopics(actor.tenantId, [item.topicId]));
}

async function existing(actor: Actor, rawId: string): Promise<DocumentItem> {
  requireStaff(actor);
  const { id } = DocumentIdParam.parse({ id: rawId });
  const d = await getDocumentItem(actor.tenantId, id);
  if (!d) throw notFound('Document');
  return d;
}

const changedMeanwhile = () => new DomainError('conflict', 'The document was changed meanwhile; reload and try again');

/** `updateDocument` (staff) at the version seen; a new upload replaces the file (the old one is then readable by nobody). */
export async function updateDocument(actor: Actor, rawId: string, raw: UpdateDocumentInput): Promise<Document> {
  const input = UpdateDocumentInput.parse(raw);
  const d = await existing(actor, rawId);
  if (d.version !== input.version) throw changedMeanwhile();
  if (input.topicId && input.topicId !== d.topicId) await requireTopic(actor.tenantId, input.topicId);
  const uploads = await resolveUploads(actor, input.attachmentId ? [input.attachmentId] : []);
  const file = uploads.refs[0];
  const changed: DocumentItem = {
    ...d,
    title: input.title ?? d.title,
    description: input.description === undefined ? d.description : input.description || undefined,
    topicId: input.topicId === null ? undefined : (input.topicId ?? d.topicId),
    tags: input.tags === undefined ? d.tags : input.tags.length ? input.tags : undefined,
    docType: input.type ?? (file && !input.type ? typeOfFile(file.contentType) : d.docType),
    audience: input.audience ?? d.audience,
    file: file ?? d.file,
    authorName: d.authorName,
    updatedAt: nowIso(),
  };
  const saved = await attachingUploads(actor, uploads, () =>
    saveDocument(actor.tenantId, changed, input.version, uploads.ownedBy({ kind: 'document', id: d.documentId })),
  );
  return toDocument(saved, await resolveTopics(actor.tenantId, [saved.topicId]));
}

/** `deleteDocument` (staff); with `version`, only if unchanged since. Its file is readable by nobody afterwards. */
export async function deleteDocument(actor: Actor, rawId: string, raw: unknown): Promise<void> {
  const { version } = DeleteDocumentQuery.parse(raw ?? {});
  const d = await existing(actor, rawId);
  if (version !== undefined && d.version !== version) throw changedMeanwhile();
  await deleteDocumentItem(actor.tenantId, d.documentId, version ?? d.version);
}
