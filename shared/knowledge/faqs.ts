/**
 * The FAQ (issue 9, Q1): staff (agents, coordinators, admins) keep questions with a rich-text
 * answer (cleaned by `rich-text.ts` before it is stored), a topic, an optional language and a
 * place in the order; every signed-in user of the tenant reads them all, and anonymous visitors
 * too when the tenant made its knowledge public (`publicFaq`). A topic deleted since still
 * names its entries, marked (`resolveTopics`). An answer's images are stored files the entry
 * owns (`attachmentIds`, taken from the answer), readable by whoever may read the FAQ.
 */
import { DomainError, notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { deleteFaqItem, getFaqItem, listFaqItems, putNewFaq, saveFaq, type FaqItem } from '../db/faqs.ts';
import { hasText, sanitizeRichText } from './rich-text.ts';
import { liveTopics, requireTopic, resolveTopics, type TopicRef } from './topics.ts';
import { publicKnowledgeTenant } from './public-access.ts';
import { attachingUploads, resolveUploads, type ResolvedUploads } from '../attachments/attachments.ts';
import {
  CreateFaqInput,
  DeleteFaqQuery,
  FaqIdParam,
  ListFaqsQuery,
  UpdateFaqInput,
  type Faq,
  type FaqList,
  type ListFaqsFilter,
  type PublicFaq,
} from './faq-schemas.ts';

/** The FAQ is kept by staff: a customer is refused outright. */
function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff keep the FAQ');
}

function toFaq(f: FaqItem, topics: Map<string, TopicRef>): Faq {
  const topic = f.topicId ? topics.get(f.topicId) : undefined;
  return {
    id: f.faqId,
    question: f.question,
    answer: f.answer,
    ...(f.topicId ? { topicId: f.topicId } : {}),
    ...(topic ? { topic } : {}),
    ...(f.language ? { language: f.language } : {}),
    position: f.position,
    updatedAt: f.updatedAt,
    version: f.version,
  };
}

const byPosition = (a: FaqItem, b: FaqItem) => a.position - b.position || a.question.localeCompare(b.question) || a.faqId.localeCompare(b.faqId);

/** A tenant's entries, filtered and in page order, with their topics resolved (also for the public page). */
export async function faqsOf(tenantId: string, q: ListFaqsFilter): Promise<Faq[]> {
  const items = (await listFaqItems(tenantId))
    .filter((f) => (!q.topicId || f.topicId === q.topicId) && (!q.language || !f.language || f.language === q.language))
    .sort(byPosition);
  const topics = await resolveTopics(
    tenantId,
    items.map((f) => f.topicId),
  );
  return items.map((f) => toFaq(f, topics));
}

/** The tenant's FAQ (any signed-in user), by position; `topicId` and `language` narrow it. */
export async function listFaqs(actor: Actor, raw: Record<string, unknown> = {}): Promise<FaqList> {
  const q = ListFaqsQuery.parse(raw);
  return { items: await faqsOf(actor.tenantId, q) };
}

/** A portal's FAQ for anonymous visitors, with the live topics for the filter; `not_found` unless the tenant made its knowledge public. */
export async function publicFaq(slug: string, raw: Record<string, unknown> = {}): Promise<PublicFaq> {
  const tenant = await publicKnowledgeTenant(slug);
  const q = ListFaqsQuery.parse(raw);
  const [items, topics] = await Promise.all([faqsOf(tenant.id, q), liveTopics(tenant.id)]);
  return { portal: { slug: tenant.slug, name: tenant.name }, topics, items };
}

/** The answer cleaned; refuses one that says nothing once cleaned (field `answer`, `too_small`). */
function cleanAnswer(html: string): string {
  const clean = sanitizeRichText(html);
  if (!hasText(clean))
    throw new DomainError('validation_failed', 'answer: required', [{ path: 'answer', message: 'required', code: 'too_small', params: { minimum: 1 } }]);
  return clean;
}

/** The stored images a cleaned answer shows, each once, in order. */
const imagesIn = (html: string): string[] => [...new Set([...html.matchAll(/<img[^>]*\sdata-attachment-id="([^"]+)"/g)].map((m) => m[1]!))];

/**
 * The images an answer shows: those the entry owns already stay; any other must be the caller's
 * own upload (`attachment_not_found` otherwise: another item's file or tenant's cannot be borrowed),
 * which the entry's write then takes. Images the answer no longer shows are readable by nobody.
 */
async function answerImages(actor: Actor, answer: string, owned: readonly string[] = []): Promise<{ ids: string[]; uploads: ResolvedUploads }> {
  const ids = imagesIn(answer);
  const uploads = await resolveUploads(
    actor,
    ids.filter((id) => !owned.includes(id)),
  );
  return { ids, uploads };
}

/** Add an entry (staff); without `position`, after the last. */
export async function createFaq(actor: Actor, raw: CreateFaqInput): Promise<Faq> {
  requireStaff(actor);
  const input = CreateFaqInput.parse(raw);
  const answer = cleanAnswer(input.answer);
  const topic = input.topicId ? await requireTopic(actor.tenantId, input.topicId) : undefined;
  const position = input.position ?? Math.max(0, ...(await listFaqItems(actor.tenantId)).map((f) => f.position + 1));
  const images = await answerImages(actor, answer);
  const at = nowIso();
  const item: FaqItem = {
    kind: 'faq',
    faqId: newId(),
    question: input.question,
    answer,
    ...(topic ? { topicId: topic.id } : {}),
    ...(input.language ? { language: input.language } : {}),
    position,
    ...(images.ids.length ? { attachmentIds: images.ids } : {}),
    authorId: actor.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await attachingUploads(actor, images.uploads, () => putNewFaq(actor.tenantId, item, images.uploads.ownedBy({ kind: 'faq', id: item.faqId })));
  return toFaq(item, new Map(topic ? [[topic.id, topic]] : []));
}

/** The entry to change or remove (staff). */
async function changeable(actor: Actor, rawId: string): Promise<FaqItem> {
  requireStaff(actor);
  const { id } = FaqIdParam.parse({ id: rawId });
  const f = await getFaqItem(actor.tenantId, id);
  if (!f) throw notFound('FAQ entry');
  return f;
}

const changedMeanwhile = () => new DomainError('conflict', 'The FAQ entry was changed meanwhile; reload and try again');

/**
 * Change an entry at the version the caller saw (staff). Keeping a topic that was deleted since
 * is allowed (the entry still names it, marked); choosing a deleted or unknown one is not.
 */
export async function updateFaq(actor: Actor, rawId: string, raw: UpdateFaqInput): Promise<Faq> {
  const input = UpdateFaqInput.parse(raw);
  const f = await changeable(actor, rawId);
  if (f.version !== input.version) throw changedMeanwhile();
  const answer = input.answer === undefined ? f.answer : cleanAnswer(input.answer);
  const newTopic = input.topicId && input.topicId !== f.topicId ? await requireTopic(actor.tenantId, input.topicId) : undefined;
  const topicId = input.topicId === null ? undefined : (input.topicId ?? f.topicId);
  const language = input.language === null ? undefined : (input.language ?? f.language);
  const images = await answerImages(actor, answer, f.attachmentIds);
  const changed: FaqItem = {
    ...f,
    question: input.question ?? f.question,
    answer,
    topicId,
    language,
    position: input.position ?? f.position,
    attachmentIds: images.ids.length ? images.ids : undefined,
    updatedAt: nowIso(),
  };
  const saved = await attachingUploads(actor, images.uploads, () =>
    saveFaq(actor.tenantId, changed, input.version, images.uploads.ownedBy({ kind: 'faq', id: f.faqId })),
  );
  const topics = newTopic ? new Map([[newTopic.id, newTopic]]) : await resolveTopics(actor.tenantId, [saved.topicId]);
  return toFaq(saved, topics);
}

/** Remove an entry (staff); with `version`, only if unchanged since. */
export async function deleteFaq(actor: Actor, rawId: string, raw: { version?: number | string } = {}): Promise<void> {
  const { version } = DeleteFaqQuery.parse(raw);
  const f = await changeable(actor, rawId);
  if (version !== undefined && f.version !== version) throw changedMeanwhile();
  await deleteFaqItem(actor.tenantId, f.faqId, version ?? f.version);
}
