/**
 * Every read and write of FAQ entries (issue 9, Q1), each a named access pattern (see
 * README.md). One partition per tenant; a change or removal lands only at the version its
 * author saw.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { Language } from '../tenancy/constants.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { FaqEntity } from './entities/faqs.ts';

/** An FAQ entry as stored. */
export interface FaqItem {
  kind: 'faq';
  faqId: string;
  question: string;
  /** Sanitised HTML. */
  answer: string;
  topicId?: string;
  language?: Language;
  position: number;
  /** The stored images its answer shows; each readable by whoever may read the FAQ while listed here. */
  attachmentIds?: string[];
  authorId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const conflict = () => new DomainError('conflict', 'The FAQ entry was changed or removed meanwhile; reload and try again');

/** What the entity returns, without its key attribute. */
function asFaq(data: Record<string, unknown>): FaqItem {
  const { tenantId: _t, ...item } = data;
  return item as unknown as FaqItem;
}

/** The write of an entry with the uploads it takes (`attach`: pending → owned by it) in one transaction; a refused entry condition is a conflict. */
async function write(tenantId: string, first: { Put?: unknown; Update?: unknown }, attach: readonly Record<string, unknown>[]): Promise<void> {
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [first, ...attach.map((u) => ({ Update: u }))] as never }));
  } catch (err) {
    if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw conflict();
    throw err;
  }
}

/** Every FAQ entry of a tenant (one partition, every page). */
export async function listFaqItems(tenantId: string): Promise<FaqItem[]> {
  const r = await FaqEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map((d) => asFaq(d));
}

/** An FAQ entry by id. */
export async function getFaqItem(tenantId: string, faqId: string): Promise<FaqItem | undefined> {
  const r = await FaqEntity.get({ tenantId, faqId }).go(on(tenantId));
  return r.data ? asFaq(r.data) : undefined;
}

/** Store a new FAQ entry (its id is fresh: `attribute_not_exists`) with the images it takes (`attach`, one transaction). */
export async function putNewFaq(tenantId: string, f: FaqItem, attach: readonly Record<string, unknown>[] = []): Promise<void> {
  const { attachmentIds, ...rest } = f;
  const item = { ...rest, ...(attachmentIds?.length ? { attachmentIds } : {}), tenantId };
  if (attach.length === 0) {
    await FaqEntity.create(item).go({ ...on(tenantId), response: 'none' });
    return;
  }
  await write(tenantId, { Put: FaqEntity.create(item).params({ table: config.tableName }) }, attach);
}

/** Who may read an FAQ entry's images and which it lists now (the attachments area's lookup for `ownerKind: faq`): everyone who may read the FAQ. */
export async function faqFiles(tenantId: string, faqId: string) {
  const f = await FaqEntity.get({ tenantId, faqId }).go({ ...on(tenantId), consistent: true });
  return f.data ? { audience: 'public' as const, published: true, attachmentIds: f.data.attachmentIds ?? [] } : undefined;
}

/** Write a changed FAQ entry with the images it takes (`attach`, one transaction), only if it is still at `expectedVersion`; raises the version. Absent optional fields are removed. */
export async function saveFaq(tenantId: string, f: FaqItem, expectedVersion: number, attach: readonly Record<string, unknown>[] = []): Promise<FaqItem> {
  const { faqId, kind: _k, authorId: _a, createdAt: _c, topicId, language, attachmentIds, ...fields } = f;
  const remove = [
    ...(topicId ? [] : ['topicId' as const]),
    ...(language ? [] : ['language' as const]),
    ...(attachmentIds?.length ? [] : ['attachmentIds' as const]),
  ];
  const patch = FaqEntity.patch({ tenantId, faqId })
    .set({
      ...fields,
      version: expectedVersion + 1,
      ...(topicId ? { topicId } : {}),
      ...(language ? { language } : {}),
      ...(attachmentIds?.length ? { attachmentIds } : {}),
    })
    .remove(remove)
    .where(({ version }, { eq }) => eq(version, expectedVersion));
  if (attach.length) {
    await write(tenantId, { Update: patch.params({ table: config.tableName }) }, attach);
    return { ...f, version: expectedVersion + 1 };
  }
  try {
    const r = await patch.go({ ...on(tenantId), response: 'all_new' });
    return asFaq(r.data as Record<string, unknown>);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}

/** Remove an FAQ entry, only if it is still at `expectedVersion` (when given). */
export async function deleteFaqItem(tenantId: string, faqId: string, expectedVersion?: number): Promise<void> {
  try {
    await FaqEntity.delete({ tenantId, faqId })
      .where(({ version }, { eq, exists }) => (expectedVersion === undefined ? exists(version) : eq(version, expectedVersion)))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}
