/**
 * Knowledge topics (issue 9, Q4): the tenant's staff (agents, coordinators, admins) keep them
 * with a German and an English name; every signed-in user lists the live ones. Deleting is a
 * soft delete: FAQs, articles and documents that still name a deleted topic render it as
 * "Drucker (gelöschtes Thema)" (`resolveTopics` + `topicLabel`), and no new item may name it
 * (`requireTopic`). Other knowledge parts use those three, never the table directly.
 */
import { DomainError, notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { getTopicItem, listTopicItems, putNewTopic, saveTopic, type TopicItem } from '../db/topics.ts';
import type { TopicRef } from './topic-label.ts';
import { CreateTopicInput, DeleteTopicQuery, ListTopicsQuery, TopicIdParam, UpdateTopicInput, type Topic, type TopicList } from './topic-schemas.ts';

export { topicLabel, type TopicRef } from './topic-label.ts';

/** Field-error code of a topic id that names no live topic of the tenant. */
export const UNKNOWN_TOPIC = 'unknown_topic';
/** Field-error code of a name (or key) another live topic of the tenant already has. */
export const TOPIC_NAME_TAKEN = 'topic_name_taken';

/** Topics are kept by staff: a customer is refused outright. */
function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff keep topics');
}

function toTopic(t: TopicItem): Topic {
  return {
    id: t.topicId,
    name: t.name,
    ...(t.key ? { key: t.key } : {}),
    ...(t.deletedAt ? { deleted: true } : {}),
    updatedAt: t.updatedAt,
    version: t.version,
  };
}

/** A topic as items name it. */
export const topicRefOf = (t: TopicItem): TopicRef => ({ id: t.topicId, name: t.name, ...(t.deletedAt ? { deleted: true } : {}) });

const byName = (language: 'de' | 'en') => (a: TopicItem, b: TopicItem) =>
  a.name[language].localeCompare(b.name[language], language) || a.topicId.localeCompare(b.topicId);

/** The tenant's live topics by name in the caller's language; with `includeDeleted` (staff only), the deleted ones too. */
export async function listTopics(actor: Actor, raw: { includeDeleted?: string | boolean } = {}): Promise<TopicList> {
  const q = ListTopicsQuery.parse({ includeDeleted: raw.includeDeleted === undefined ? undefined : String(raw.includeDeleted) });
  const withDeleted = q.includeDeleted === true && isStaff(actor);
  const items = (await listTopicItems(actor.tenantId)).filter((t) => withDeleted || !t.deletedAt);
  return { items: items.sort(byName(actor.language ?? 'de')).map(toTopic) };
}

/** Every live topic of a tenant (for pages read without signing in). */
export async function liveTopics(tenantId: string): Promise<TopicRef[]> {
  return (await listTopicItems(tenantId)).filter((t) => !t.deletedAt).map(topicRefOf);
}

/**
 * The topics that `ids` name, deleted ones included (marked): what an FAQ, article or document
 * page shows next to each item. An id naming no topic at all is left out.
 */
export async function resolveTopics(tenantId: string, ids: Iterable<string | undefined>): Promise<Map<string, TopicRef>> {
  const wanted = new Set([...ids].filter((id): id is string => !!id));
  if (wanted.size === 0) return new Map();
  const all = await listTopicItems(tenantId);
  return new Map(all.filter((t) => wanted.has(t.topicId)).map((t) => [t.topicId, topicRefOf(t)]));
}

/** The live topic `id` of the tenant; refuses an unknown or deleted one with field code `unknown_topic` (at `path`). */
export async function requireTopic(tenantId: string, id: string, path = 'topicId'): Promise<TopicRef> {
  const t = await getTopicItem(tenantId, id);
  if (!t || t.deletedAt) throw new DomainError('validation_failed', 'no such topic', [{ path, message: 'no such topic', code: UNKNOWN_TOPIC }]);
  return topicRefOf(t);
}

/** The live topic with a well-known key (e.g. SUGGESTION_TOPIC_KEY), if the tenant has one. */
export async function topicByKey(tenantId: string, key: string): Promise<TopicRef | undefined> {
  const t = (await listTopicItems(tenantId)).find((x) => x.key === key && !x.deletedAt);
  return t ? topicRefOf(t) : undefined;
}

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * Refuses a name another live topic has in the same language, and a key another live topic has,
 * saying which (400). Two saves racing for one name both pass here: the name's claim, written
 * with the topic (../db/topics.ts), lets one win and refuses the other with 409.
 */
async function checkUnique(tenantId: string, self: string | undefined, name: { de: string; en: string }, key?: string): Promise<void> {
  const others = (await listTopicItems(tenantId)).filter((t) => !t.deletedAt && t.topicId !== self);
  const errors = (['de', 'en'] as const)
    .filter((l) => others.some((t) => fold(t.name[l]) === fold(name[l])))
    .map((l) => ({ path: `name.${l}`, message: 'another topic has this name', code: TOPIC_NAME_TAKEN }));
  if (key && others.some((t) => t.key === key)) errors.push({ path: 'key', message: 'another topic has this key', code: TOPIC_NAME_TAKEN });
  if (errors.length > 0) throw new DomainError('validation_failed', errors.map((e) => e.message).join('; '), errors);
}

/** Keep a new topic (staff). */
export async function createTopic(actor: Actor, raw: CreateTopicInput): Promise<Topic> {
  requireStaff(actor);
  const input = CreateTopicInput.parse(raw);
  await checkUnique(actor.tenantId, undefined, input.name, input.key);
  const at = nowIso();
  const item: TopicItem = {
    kind: 'topic',
    topicId: newId(),
    name: input.name,
    ...(input.key ? { key: input.key } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await putNewTopic(actor.tenantId, item);
  return toTopic(item);
}

/** The live topic to change or delete. */
async function changeable(actor: Actor, rawId: string): Promise<TopicItem> {
  requireStaff(actor);
  const { id } = TopicIdParam.parse({ id: rawId });
  const t = await getTopicItem(actor.tenantId, id);
  if (!t || t.deletedAt) throw notFound('Topic');
  return t;
}

/** Rename a topic at the version the caller saw (staff); what names it shows the new name at once. */
export async function updateTopic(actor: Actor, rawId: string, raw: UpdateTopicInput): Promise<Topic> {
  const input = UpdateTopicInput.parse(raw);
  const t = await changeable(actor, rawId);
  if (t.version !== input.version) throw new DomainError('conflict', 'The topic was changed meanwhile; reload and try again');
  await checkUnique(actor.tenantId, t.topicId, input.name);
  return toTopic(await saveTopic(actor.tenantId, t, { ...t, name: input.name, updatedAt: nowIso() }, input.version));
}

/** Delete a topic (staff; soft: what names it keeps a marked label); with `version`, only if unchanged since. */
export async function deleteTopic(actor: Actor, rawId: string, raw: { version?: number | string } = {}): Promise<void> {
  const { version } = DeleteTopicQuery.parse(raw);
  const t = await changeable(actor, rawId);
  if (version !== undefined && t.version !== version) throw new DomainError('conflict', 'The topic was changed meanwhile; reload and try again');
  const at = nowIso();
  await saveTopic(actor.tenantId, t, { ...t, deletedAt: at, updatedAt: at }, t.version);
}
