/**
 * Every read and write of FAQ entries (issue 9, Q1), each a named access pattern (see
 * README.md). One partition per tenant; a change or removal lands only at the version its
 * author saw.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../errors.ts';
import type { Language } from '../tenancy/constants.ts';
import { on } from './entities/tenant.ts';
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

/** Store a new FAQ entry (its id is fresh: `attribute_not_exists`). */
export async function putNewFaq(tenantId: string, f: FaqItem): Promise<void> {
  await FaqEntity.create({ ...f, tenantId }).go({ ...on(tenantId), response: 'none' });
}

/** Write a changed FAQ entry, only if it is still at `expectedVersion`; raises the version. Absent optional fields are removed. */
export async function saveFaq(tenantId: string, f: FaqItem, expectedVersion: number): Promise<FaqItem> {
  const { faqId, kind: _k, authorId: _a, createdAt: _c, topicId, language, ...fields } = f;
  const remove = [...(topicId ? [] : ['topicId' as const]), ...(language ? [] : ['language' as const])];
  try {
    const r = await FaqEntity.patch({ tenantId, faqId })
      .set({ ...fields, version: expectedVersion + 1, ...(topicId ? { topicId } : {}), ...(language ? { language } : {}) })
      .remove(remove)
      .where(({ version }, { eq }) => eq(version, expectedVersion))
      .go({ ...on(tenantId), response: 'all_new' });
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
