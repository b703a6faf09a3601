/**
 * The knowledge base (issue 9, Q2). Staff write articles; an article goes draft → review →
 * published, and the reviewer who publishes it is recorded. Rules, decided like a knowledge base
 * people rely on:
 * - The author cannot review their own article (somebody else has to read it before customers
 *   do); an admin may, because a tenant of one person must be able to publish at all.
 * - Publishing needs a review first: draft → published directly is refused.
 * - A published article edited stays published (readers keep their answer) with its revision
 *   raised and the editor recorded; withdrawing it is an explicit move back to draft.
 * - Customers read published articles for `public` or `customers` only; anything else is "not
 *   found" to them, so an article's existence never leaks. The origin ticket is staff's only.
 * - An article from a ticket has the id `ticket-{number}`: a second click on the same ticket
 *   returns the article already written from it instead of another draft.
 */
import { attachingUploads, resolveUploads } from '../attachments/attachments.ts';
import { DomainError, notFound, type FieldError } from '../errors.ts';
import { nowIso, newId } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { getArticleItem, getArticleItems, listArticleItems, putNewArticle, saveArticle, type ArticleItem } from '../db/articles.ts';
import { getTicketPartition } from '../db/store.ts';
import type { Audience } from './constants.ts';
import { textAsHtml } from './article-html.ts';
import { hasText, richTextToPlain, sanitizeRichText } from './rich-text.ts';
import { requireTopic, resolveTopics, type TopicRef } from './topics.ts';
import { redactPersonalData, type KnownPeople } from './redact.ts';
import {
  ArticleIdParam,
  CreateArticleInput,
  ListArticlesQuery,
  PublishArticleInput,
  TicketNumberParam,
  UpdateArticleInput,
  type Article,
  type ArticleList,
  type ArticleSummary,
} from './article-schemas.ts';

/** Field-error code of a related article id that names no article of the tenant. */
export const UNKNOWN_ARTICLE = 'unknown_article';

const READABLE_BY_CUSTOMERS: readonly Audience[] = ['public', 'customers'];

/** May the caller read this article at all? Staff: every one; customers: published for them. */
export const mayRead = (actor: Actor, a: ArticleItem) => isStaff(actor) || (a.status === 'published' && READABLE_BY_CUSTOMERS.includes(a.audience));

function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff write knowledge-base articles');
}

const excerptOf = (text: string) => (text.length > 240 ? `${text.slice(0, 239).trimEnd()}…` : text);

function toSummary(actor: Actor, a: ArticleItem, topics: ReadonlyMap<string, TopicRef>): ArticleSummary {
  const topic = a.topicId ? topics.get(a.topicId) : undefined;
  return {
    id: a.articleId,
    title: a.title,
    ...(a.topicId ? { topicId: a.topicId } : {}),
    ...(topic ? { topic } : {}),
    tags: a.tags,
    audience: a.audience,
    status: a.status,
    excerpt: excerptOf(a.text),
    authorName: a.authorName,
    ...(a.reviewerName ? { reviewerName: a.reviewerName } : {}),
    ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}),
    updatedAt: a.updatedAt,
    ...(a.origin && isStaff(actor) ? { origin: a.origin } : {}),
  };
}

async function toArticle(actor: Actor, a: ArticleItem): Promise<Article> {
  const [relatedItems, topics] = await Promise.all([getArticleItems(actor.tenantId, a.relatedIds), resolveTopics(actor.tenantId, [a.topicId])]);
  const related = relatedItems.filter((r) => mayRead(actor, r));
  const byId = new Map(related.map((r) => [r.articleId, r]));
  const staff = isStaff(actor);
  return {
    ...toSummary(actor, a, topics),
    body: a.body,
    relatedIds: staff ? a.relatedIds : a.relatedIds.filter((id) => byId.has(id)),
    related: a.relatedIds.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id, title: r.title }] : [];
    }),
    ...(staff
      ? {
          authorId: a.authorId,
          ...(a.submittedByName ? { submittedByName: a.submittedByName } : {}),
          ...(a.reviewerId ? { reviewerId: a.reviewerId } : {}),
          editorName: a.editorName,
        }
      : {}),
    attachments: a.attachments ?? [],
    createdAt: a.createdAt,
    revision: a.revision,
    version: a.version,
  };
}

/** Tags kept once each (case-insensitively), in the order given. */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.toLocaleLowerCase()) && seen.add(t.toLocaleLowerCase()));
}

/** Refuses related ids that name no article of the tenant, or the article itself. */
async function checkRelated(tenantId: string, selfId: string | undefined, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set((await getArticleItems(tenantId, unique)).map((a) => a.articleId));
  const errors: FieldError[] = unique
    .filter((id) => id === selfId || !found.has(id))
    .map((id) => ({ path: 'relatedIds', message: `${id} is no other article of this knowledge base`, code: UNKNOWN_ARTICLE, params: { name: id } }));
  if (errors.length > 0) throw new DomainError('validation_failed', errors.map((e) => e.message).join('; '), errors);
  return unique;
}

/** A new topic must be a live topic of the tenant (a deleted one may stay where it was given). */
async function checkTopic(tenantId: string, topicId: string | undefined): Promise<void> {
  if (topicId) await requireTopic(tenantId, topicId);
}

/** Refuses a body without any text (an editor's empty `<p><br></p>`). */
function checkBody(html: string): string {
  if (!hasText(html))
    throw new DomainError('validation_failed', 'body is empty', [{ path: 'body', message: 'body is empty', code: 'too_small', params: { minimum: 1 } }]);
  return html;
}

/** The articles the caller may read, filtered, newest change first. */
export async function listArticles(actor: Actor, raw: Record<string, unknown>): Promise<ArticleList> {
  const q = ListArticlesQuery.parse(raw);
  const tag = q.tag?.toLocaleLowerCase();
  const items = (await listArticleItems(actor.tenantId)).filter(
    (a) =>
      mayRead(actor, a) &&
      (!q.topicId || a.topicId === q.topicId) &&
      (!q.status || a.status === q.status) &&
      (!q.audience || a.audience === q.audience) &&
      (!tag || a.tags.some((t) => t.toLocaleLowerCase() === tag)),
  );
  items.sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || x.articleId.localeCompare(y.articleId));
  const topics = await resolveTopics(
    actor.tenantId,
    items.map((a) => a.topicId),
  );
  return { items: items.map((a) => toSummary(actor, a, topics)) };
}

/** One article, if the caller may read it (404 otherwise, as for one that does not exist). */
export async function getArticle(actor: Actor, rawId: string): Promise<Article> {
  const { id } = ArticleIdParam.parse({ id: rawId });
  const a = await getArticleItem(actor.tenantId, id);
  if (!a || !mayRead(actor, a)) throw notFound('Article');
  return toArticle(actor, a);
}

/** A new draft article item by `actor` (its text, author, editor and times derived here): every way an article is born goes through it. */
export function newArticle(
  actor: Actor,
  id: string,
  fields: Pick<ArticleItem, 'title' | 'body' | 'topicId' | 'tags' | 'audience' | 'relatedIds' | 'origin'>,
): ArticleItem {
  const at = nowIso();
  return {
    kind: 'article',
    articleId: id,
    ...fields,
    text: richTextToPlain(fields.body),
    status: 'draft',
    authorId: actor.userId,
    authorName: actor.name,
    editorId: actor.userId,
    editorName: actor.name,
    createdAt: at,
    updatedAt: at,
    revision: 0,
    version: 1,
  };
}

/** Write a new draft (any staff member). */
export async function createArticle(actor: Actor, raw: CreateArticleInput): Promise<Article> {
  requireStaff(actor);
  const input = CreateArticleInput.parse(raw);
  await checkTopic(actor.tenantId, input.topicId);
  const relatedIds = await checkRelated(actor.tenantId, undefined, input.relatedIds);
  const uploads = await resolveUploads(actor, input.attachmentIds);
  const item = newArticle(actor, newId(), {
    title: input.title,
    body: checkBody(sanitizeRichText(input.body)),
    topicId: input.topicId,
    tags: uniqueTags(input.tags),
    audience: input.audience,
    relatedIds,
    ...(uploads.refs.length ? { attachments: uploads.refs } : {}),
  });
  await attachingUploads(actor, uploads, () => putNewArticle(actor.tenantId, item, uploads.ownedBy({ kind: 'article', id: item.articleId })));
  return toArticle(actor, item);
}

async function current(actor: Actor, rawId: string, version: number): Promise<ArticleItem> {
  requireStaff(actor);
  const { id } = ArticleIdParam.parse({ id: rawId });
  const a = await getArticleItem(actor.tenantId, id);
  if (!a) throw notFound('Article');
  if (a.version !== version) throw new DomainError('conflict', 'The article was changed meanwhile; reload and try again', undefined, { by: a.editorName });
  return a;
}

/** Change an article at the version the caller saw (any staff member); a published one stays published with a new revision. */
export async function updateArticle(actor: Actor, rawId: string, raw: UpdateArticleInput): Promise<Article> {
  const input = UpdateArticleInput.parse(raw);
  const a = await current(actor, rawId, input.version);
  if (input.topicId && input.topicId !== a.topicId) await checkTopic(actor.tenantId, input.topicId);
  const relatedIds = input.relatedIds ? await checkRelated(actor.tenantId, a.articleId, input.relatedIds) : a.relatedIds;
  const body = input.body === undefined ? a.body : checkBody(sanitizeRichText(input.body));
  // the files it lists from now on: those it had and keeps, then the caller's new uploads
  const had = a.attachments ?? [];
  const uploads = await resolveUploads(
    actor,
    input.attachmentIds?.filter((id) => !had.some((f) => f.id === id)),
  );
  const attachments = input.attachmentIds ? [...had.filter((f) => input.attachmentIds?.includes(f.id)), ...uploads.refs] : had;
  const changed: ArticleItem = {
    ...a,
    title: input.title ?? a.title,
    body,
    text: richTextToPlain(body),
    topicId: input.topicId === null ? undefined : (input.topicId ?? a.topicId),
    tags: input.tags ? uniqueTags(input.tags) : a.tags,
    audience: input.audience ?? a.audience,
    relatedIds,
    attachments,
    editorId: actor.userId,
    editorName: actor.name,
    updatedAt: nowIso(),
    revision: a.status === 'published' ? a.revision + 1 : a.revision,
  };
  const saved = await attachingUploads(actor, uploads, () =>
    saveArticle(actor.tenantId, changed, input.version, uploads.ownedBy({ kind: 'article', id: a.articleId })),
  );
  return toArticle(actor, saved);
}

/**
 * Move an article along draft → review → published (or back to draft). Publishing records the
 * reviewer and when; the author may not publish their own article unless they are an admin.
 */
export async function publishArticle(actor: Actor, rawId: string, raw: PublishArticleInput): Promise<Article> {
  const input = PublishArticleInput.parse(raw);
  const a = await current(actor, rawId, input.version);
  const from = a.status;
  const to = input.status;
  const allowed =
    (from === 'draft' && to === 'review') || (from === 'review' && (to === 'published' || to === 'draft')) || (from === 'published' && to === 'draft');
  if (!allowed) throw new DomainError('action_not_allowed', `An article in ${from} cannot move to ${to}`, undefined, { from, to });
  if (to === 'published' && a.authorId === actor.userId && actor.role !== 'admin') {
    throw new DomainError('own_review', 'Somebody other than the author has to review and publish this article', undefined, { author: a.authorName });
  }
  const at = nowIso();
  const changed: ArticleItem = {
    ...a,
    status: to,
    updatedAt: at,
    ...(to === 'review' ? { submittedById: actor.userId, submittedByName: actor.name } : {}),
    ...(to === 'published' ? { reviewerId: actor.userId, reviewerName: actor.name, publishedAt: at, revision: a.revision + 1 } : {}),
  };
  return toArticle(actor, await saveArticle(actor.tenantId, changed, input.version));
}

const HEADINGS = { de: { problem: 'Problem', solution: 'Lösung' }, en: { problem: 'Problem', solution: 'Solution' } } as const;

/**
 * A draft written from a solved ticket (staff): its problem (subject and description) and its
 * solution (the solution recorded on closing and the last public answer), the customer's
 * personal data removed, linked to the ticket as its origin. A second call for the same ticket
 * returns the article already made from it.
 */
export async function createArticleFromTicket(actor: Actor, rawNumber: number | string): Promise<Article> {
  requireStaff(actor);
  const { number } = TicketNumberParam.parse({ number: rawNumber });
  const id = `ticket-${number}`;
  const existing = await getArticleItem(actor.tenantId, id);
  if (existing) return toArticle(actor, existing);
  const partition = await getTicketPartition(actor.tenantId, number);
  if (!partition) throw notFound('Ticket');
  const { ticket, messages } = partition;
  if (ticket.status !== 'solved' || ticket.resolution === 'duplicate') {
    throw new DomainError('ticket_not_solved', 'Only a solved ticket can become a knowledge-base article', undefined, { status: ticket.status });
  }
  const known: KnownPeople = {
    names: [ticket.requesterName, ticket.contact.name, ticket.createdByName, ...messages.map((m) => m.authorName)],
    emails: [ticket.contact.email, ...messages.map((m) => /<([^>]+)>/.exec(m.from ?? '')?.[1] ?? m.from)].filter((e): e is string => !!e),
    phones: [ticket.contact.phone].filter((p): p is string => !!p),
    companies: [ticket.company, ticket.contact.company].filter((c): c is string => !!c),
  };
  const answers = messages.filter((m) => !m.internal && !m.toCoordinator && m.partOf === undefined && m.authorRole !== 'customer');
  const lastAnswer = answers.at(-1)?.body;
  const solution = [ticket.solution, lastAnswer].filter((s): s is string => !!s?.trim());
  const h = HEADINGS[actor.language ?? 'de'];
  const clean = (s: string) => redactPersonalData(s, known);
  const body = sanitizeRichText(
    `<h2>${h.problem}</h2>${textAsHtml(clean(ticket.description))}` +
      (solution.length > 0 ? `<h2>${h.solution}</h2>${[...new Set(solution.map(clean))].map(textAsHtml).join('')}` : ''),
  );
  const item = newArticle(actor, id, {
    title: clean(ticket.subject).slice(0, 200) || `#${number}`,
    body,
    tags: [],
    audience: 'customers',
    relatedIds: [],
    origin: { ticketNumber: number, requesterName: ticket.requesterName, date: ticket.createdAt },
  });
  if (!(await putNewArticle(actor.tenantId, item))) {
    // Two clicks at once: the other one wrote it first; offer that one.
    const other = await getArticleItem(actor.tenantId, id);
    if (other) return toArticle(actor, other);
  }
  return toArticle(actor, item);
}
