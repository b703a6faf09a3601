/**
 * Every read and write of documents (issue 9, Q3), each a named access pattern (see README.md).
 * One partition per tenant; a change or removal lands only at the version its author saw. A
 * document and the upload it takes are written in one transaction.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { Audience, DocumentType } from '../knowledge/constants.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { DocumentEntity } from './entities/documents.ts';

/** A document as stored. */
export interface DocumentItem {
  kind: 'document';
  documentId: string;
  title: string;
  description?: string;
  topicId?: string;
  tags?: string[];
  docType: DocumentType;
  audience: Audience;
  file: { id: string; name: string; contentType: string; size: number };
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const T = () => config.tableName;
const conflict = () => new DomainError('conflict', 'The document was changed or removed meanwhile; reload and try again');
const firstRefused = (err: unknown) =>
  err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed') : -1;

function asDocument(data: Record<string, unknown>): DocumentItem {
  const { tenantId: _t, ...item } = data;
  return item as unknown as DocumentItem;
}

/** Every document of a tenant (one partition, every page). */
export async function listDocumentItems(tenantId: string): Promise<DocumentItem[]> {
  const r = await DocumentEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map((d) => asDocument(d as Record<string, unknown>));
}

/** A document by id (consistent: a download right after a change sees it). */
export async function getDocumentItem(tenantId: string, documentId: string): Promise<DocumentItem | undefined> {
  const r = await DocumentEntity.get({ tenantId, documentId }).go({ ...on(tenantId), consistent: true });
  return r.data ? asDocument(r.data as Record<string, unknown>) : undefined;
}

/** Who may read a document and the file it lists now (the attachments area's lookup for `ownerKind: document`). */
export async function documentFiles(tenantId: string, documentId: string) {
  const d = await getDocumentItem(tenantId, documentId);
  return d ? { audience: d.audience, published: true, attachmentIds: [d.file.id] } : undefined;
}

async function transact(tenantId: string, first: { Put?: unknown; Update?: unknown; Delete?: unknown }, more: Record<string, unknown>[]) {
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [first, ...more.map((u) => ({ Update: u }))] as never }));
  } catch (err) {
    if (firstRefused(err) === 0) throw conflict();
    throw err;
  }
}

/** Store a new document (fresh id: `attribute_not_exists`) with `attach` (the upload it takes) in one transaction. */
export async function putNewDocument(tenantId: string, d: DocumentItem, attach: Record<string, unknown>[]): Promise<void> {
  await transact(tenantId, { Put: DocumentEntity.create({ ...d, tenantId }).params({ table: T() }) }, attach);
}

/** Write a changed document only if it is still at `expectedVersion` (raising it), with a new upload if one is given. */
export async function saveDocument(tenantId: string, d: DocumentItem, expectedVersion: number, attach: Record<string, unknown>[]): Promise<DocumentItem> {
  const { documentId, kind: _k, authorId: _a, createdAt: _c, description, topicId, tags, ...fields } = d;
  const absent = (['description', 'topicId', 'tags'] as const).filter((k) => d[k] === undefined || (k === 'tags' && !d.tags?.length));
  const update = DocumentEntity.patch({ tenantId, documentId })
    .set({
      ...fields,
      version: expectedVersion + 1,
      ...(description ? { description } : {}),
      ...(topicId ? { topicId } : {}),
      ...(tags?.length ? { tags } : {}),
    })
    .remove(absent)
    .where(({ version }, { eq }) => eq(version, expectedVersion))
    .params({ table: T() });
  await transact(tenantId, { Update: update }, attach);
  return { ...d, version: expectedVersion + 1 };
}

/** Remove a document, only if it is still at `expectedVersion` (when given). Its file is then readable by nobody. */
export async function deleteDocumentItem(tenantId: string, documentId: string, expectedVersion?: number): Promise<void> {
  try {
    await DocumentEntity.delete({ tenantId, documentId })
      .where(({ version }, { eq, exists }) => (expectedVersion === undefined ? exists(version) : eq(version, expectedVersion)))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}
