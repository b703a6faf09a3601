/**
 * Every read and write of knowledge topics (issue 9, Q4), each a named access pattern (see
 * README.md). One partition per tenant; a change or a (soft) delete lands only at the version
 * its author saw.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../errors.ts';
import { on } from './entities/tenant.ts';
import { TopicEntity } from './entities/topics.ts';

/** A topic as stored. */
export interface TopicItem {
  kind: 'topic';
  topicId: string;
  name: { de: string; en: string };
  key?: string;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  version: number;
}

const conflict = () => new DomainError('conflict', 'The topic was changed meanwhile; reload and try again');

/** What the entity returns, without its key attribute. */
function asTopic(data: Record<string, unknown>): TopicItem {
  const { tenantId: _t, ...item } = data;
  return item as unknown as TopicItem;
}

/** Every topic of a tenant, deleted ones included (one partition, every page). */
export async function listTopicItems(tenantId: string): Promise<TopicItem[]> {
  const r = await TopicEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map((d) => asTopic(d));
}

/** A topic by id (deleted or not). */
export async function getTopicItem(tenantId: string, topicId: string): Promise<TopicItem | undefined> {
  const r = await TopicEntity.get({ tenantId, topicId }).go(on(tenantId));
  return r.data ? asTopic(r.data) : undefined;
}

/** Store a new topic (its id is fresh: `attribute_not_exists`). */
export async function putNewTopic(tenantId: string, t: TopicItem): Promise<void> {
  await TopicEntity.create({ ...t, tenantId }).go({ ...on(tenantId), response: 'none' });
}

/** Write a changed topic (renamed or soft-deleted), only if it is still at `expectedVersion`; raises the version. */
export async function saveTopic(tenantId: string, t: TopicItem, expectedVersion: number): Promise<TopicItem> {
  const { topicId, kind: _k, createdAt: _c, key: _key, ...fields } = t;
  try {
    const r = await TopicEntity.patch({ tenantId, topicId })
      .set({ ...fields, version: expectedVersion + 1 })
      .where(({ version }, { eq }) => eq(version, expectedVersion))
      .go({ ...on(tenantId), response: 'all_new' });
    return asTopic(r.data as Record<string, unknown>);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}
