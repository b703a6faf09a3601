/**
 * Every read and write of knowledge topics (issue 9, Q4), each a named access pattern (see
 * README.md). One partition per tenant; a change or a (soft) delete lands only at the version
 * its author saw. A live topic's names (per language) and key are claimed in the same
 * transaction as the topic (`TopicNameEntity`, as team names are), so two topics never get one
 * name, even when saved at the same instant; a rename moves the claim, a delete releases it.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { TopicEntity, TopicNameEntity } from './entities/topics.ts';

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

const T = () => config.tableName;
const conflict = () => new DomainError('conflict', 'The topic was changed meanwhile; reload and try again');

/** A name folded for the uniqueness claim: "  Netz  werk " and "netz werk" are one name. */
export const topicNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

type Scope = 'de' | 'en' | 'key';

/** What a live topic claims: its name in each language, and its key if it has one. */
function claimsOf(t: Pick<TopicItem, 'name' | 'key'>): { scope: Scope; key: string }[] {
  return [
    { scope: 'de' as const, key: topicNameKey(t.name.de) },
    { scope: 'en' as const, key: topicNameKey(t.name.en) },
    ...(t.key ? [{ scope: 'key' as const, key: t.key }] : []),
  ];
}

function claim(tenantId: string, topicId: string, c: { scope: Scope; key: string }) {
  // `create` puts only where no claim exists yet.
  return { Put: TopicNameEntity.create({ tenantId, scope: c.scope, key: c.key, topicId }).params({ table: T() }) as never };
}

function release(tenantId: string, topicId: string, c: { scope: Scope; key: string }) {
  // Only this topic's own claim (a topic stored before claims existed has none: fine).
  const del = TopicNameEntity.delete({ tenantId, scope: c.scope, key: c.key }).where(
    (a, { eq, notExists }) => `${notExists(a.topicId)} OR ${eq(a.topicId, topicId)}`,
  );
  return { Delete: del.params({ table: T() }) as never };
}

/** Which transaction items were refused by their condition. */
function refused(err: unknown): number[] {
  if (!(err instanceof TransactionCanceledException)) return [];
  return (err.CancellationReasons ?? []).flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

/** The loser of a race for a name: 409, saying which name (the web translates the field code). */
const nameTakenMeanwhile = (scopes: Scope[]) =>
  new DomainError(
    'conflict',
    'Another topic got this name meanwhile',
    scopes.map((scope): FieldError => ({ path: scope === 'key' ? 'key' : `name.${scope}`, message: 'another topic has this name', code: 'topic_name_taken' })),
  );

/** Runs a topic's transaction: its own write first, then claims (and releases) as `items` lists them. */
async function transact(tenantId: string, first: Record<string, unknown>, items: { op: Record<string, unknown>; claims?: Scope }[]): Promise<void> {
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: [first, ...items.map((i) => i.op)] as never }));
  } catch (err) {
    const failed = refused(err);
    if (failed.includes(0)) throw conflict();
    const taken = failed.flatMap((i) => (items[i - 1]?.claims ? [items[i - 1]!.claims!] : []));
    if (taken.length > 0) throw nameTakenMeanwhile(taken);
    throw err;
  }
}

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

/** Store a new topic (its id is fresh: `attribute_not_exists`) and claim its names and key, all or nothing. */
export async function putNewTopic(tenantId: string, t: TopicItem): Promise<void> {
  const put = { Put: TopicEntity.create({ ...t, tenantId }).params({ table: T() }) };
  await transact(
    tenantId,
    put,
    claimsOf(t).map((c) => ({ op: claim(tenantId, t.topicId, c), claims: c.scope })),
  );
}

/**
 * Write a changed topic (renamed or soft-deleted), only if it is still at `expectedVersion`;
 * raises the version. A renamed language's claim moves to the new name; a deleted topic
 * releases every claim (its name is free again).
 */
export async function saveTopic(tenantId: string, before: TopicItem, after: TopicItem, expectedVersion: number): Promise<TopicItem> {
  const { topicId, kind: _k, createdAt: _c, key: _key, ...fields } = after;
  const update = {
    Update: TopicEntity.patch({ tenantId, topicId })
      .set({ ...fields, version: expectedVersion + 1 })
      .where(({ version }, { eq }) => eq(version, expectedVersion))
      .params({ table: T() }),
  };
  const was = before.deletedAt ? [] : claimsOf(before);
  const now = after.deletedAt ? [] : claimsOf(after);
  const same = (a: { scope: Scope; key: string }) => (b: { scope: Scope; key: string }) => a.scope === b.scope && a.key === b.key;
  const items = [
    ...was.filter((c) => !now.some(same(c))).map((c) => ({ op: release(tenantId, topicId, c) })),
    ...now.filter((c) => !was.some(same(c))).map((c) => ({ op: claim(tenantId, topicId, c), claims: c.scope })),
  ];
  await transact(tenantId, update, items);
  return { ...after, version: expectedVersion + 1 };
}
