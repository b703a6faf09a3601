/**
 * The suggestion scheme (issue 9, Q6, seed 004 "Vorschlagswesen"): a tenant enables it (an
 * admin; enabling creates the topic "Verbesserungsvorschlag" / "Improvement suggestion" with key
 * SUGGESTION_TOPIC_KEY); customers submit ideas as requests under that topic (createTicket with
 * its `topicId`); the stream indexes them (`indexSuggestion`); staff and — if the tenant lets
 * them — other customers read the list, comment and like (./feedback.ts); staff accept one
 * into a knowledge-base article under that topic, linked to its origin ticket and crediting its
 * author.
 *
 * Privacy, decided simply: another customer reads a suggestion's title and description, never
 * who submitted it (nor the ticket itself); staff and the author see the name.
 */
import { DomainError, notFound } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { isStaff, requireRole, type Actor } from '../auth/actor.ts';
import { getTicket } from '../db/store.ts';
import { getTicketsByNumbers } from '../db/split.ts';
import type { TicketItem } from '../db/items.ts';
import { feedbackStats, likes } from '../db/feedback.ts';
import {
  getSuggestionItem,
  getSuggestionSettings,
  listSuggestionItems,
  markAccepted,
  putSuggestion,
  saveSuggestionSettings,
  type SuggestionSettingsItem,
} from '../db/suggestions.ts';
import { getArticleItem, putNewArticle } from '../db/articles.ts';
import { newArticle } from './articles.ts';
import { textAsHtml } from './article-html.ts';
import { sanitizeRichText } from './rich-text.ts';
import type { Effect } from '../effects/registry.ts';
import { insertOf, type Change } from '../effects/change.ts';
import { SUGGESTION_TOPIC_KEY } from './constants.ts';
import { createTopic, requireTopic, topicByKey } from './topics.ts';
import {
  AcceptSuggestionInput,
  SuggestionNumberParam,
  UpdateSuggestionSettingsInput,
  type Suggestion,
  type SuggestionList,
  type SuggestionSettings,
} from './suggestion-schemas.ts';

/** The topic's names when the scheme creates it. */
export const SUGGESTION_TOPIC_NAME = { de: 'Verbesserungsvorschlag', en: 'Improvement suggestion' } as const;

const toSettings = (s: SuggestionSettingsItem): SuggestionSettings => ({
  enabled: s.enabled,
  customersJoin: s.customersJoin,
  ...(s.topicId ? { topicId: s.topicId } : {}),
  version: s.version,
});

/** `getSuggestionSettings`: any signed-in user (the portal offers "Suggest an improvement" when enabled). */
export async function suggestionSettings(actor: Actor): Promise<SuggestionSettings> {
  return toSettings(await getSuggestionSettings(actor.tenantId));
}

/** The scheme's live topic: the one stored, else the one with the well-known key, else a new one. */
async function ensureTopic(actor: Actor, stored: string | undefined): Promise<string> {
  if (stored) {
    const live = await requireTopic(actor.tenantId, stored).catch(() => undefined);
    if (live) return live.id;
  }
  const existing = await topicByKey(actor.tenantId, SUGGESTION_TOPIC_KEY);
  if (existing) return existing.id;
  return (await createTopic(actor, { name: { ...SUGGESTION_TOPIC_NAME }, key: SUGGESTION_TOPIC_KEY })).id;
}

/** `updateSuggestionSettings` (admin) at the version seen; enabling makes sure the topic exists. */
export async function updateSuggestionSettings(actor: Actor, raw: UpdateSuggestionSettingsInput): Promise<SuggestionSettings> {
  requireRole(actor, ['admin']);
  const input = UpdateSuggestionSettingsInput.parse(raw);
  const now = await getSuggestionSettings(actor.tenantId);
  if (now.version !== input.version) throw new DomainError('conflict', 'The suggestion settings were changed meanwhile; reload and try again');
  const topicId = input.enabled ? await ensureTopic(actor, now.topicId) : now.topicId;
  return toSettings(await saveSuggestionSettings(actor.tenantId, { enabled: input.enabled, customersJoin: input.customersJoin, topicId }, input.version));
}

const isSuggestion = (t: TicketItem | undefined, s: SuggestionSettingsItem): t is TicketItem =>
  t !== undefined && s.topicId !== undefined && (t as TicketItem & { topicId?: string }).topicId === s.topicId && !(t as { mergedInto?: number }).mergedInto;

/** Whether the caller may read, comment and like suggestion `number`: staff, its author, other customers if the tenant lets them. */
export async function suggestionAccess(actor: Actor, number: number): Promise<boolean> {
  const [s, t] = await Promise.all([getSuggestionSettings(actor.tenantId), getTicket(actor.tenantId, number)]);
  if (!s.enabled || !isSuggestion(t, s)) return false;
  return isStaff(actor) || t.requesterId === actor.userId || (s.customersJoin && actor.role === 'customer');
}

/** `listSuggestions`: staff all; customers theirs, and everybody's if the tenant lets them. Most liked first, then newest. */
export async function listSuggestions(actor: Actor): Promise<SuggestionList> {
  const s = await getSuggestionSettings(actor.tenantId);
  if (!s.enabled) return { items: [] };
  const entries = await listSuggestionItems(actor.tenantId);
  const tickets = await getTicketsByNumbers(
    actor.tenantId,
    entries.map((e) => e.number),
  );
  const byNumber = new Map(tickets.map((t) => [t.number, t]));
  const visible = entries.filter((e) => {
    const t = byNumber.get(e.number);
    return isSuggestion(t, s) && (isStaff(actor) || t.requesterId === actor.userId || (s.customersJoin && actor.role === 'customer'));
  });
  const items: Suggestion[] = await Promise.all(
    visible.map(async (e) => {
      const t = byNumber.get(e.number)!;
      const target = `suggestion#${e.number}`;
      const [stats, liked] = await Promise.all([feedbackStats(actor.tenantId, target), likes(actor.tenantId, target, actor.userId)]);
      const mine = t.requesterId === actor.userId;
      return {
        number: t.number,
        title: t.subject,
        description: t.description,
        ...(isStaff(actor) || mine ? { authorName: t.requesterName } : {}),
        mine,
        createdAt: e.createdAt,
        likes: stats.likes,
        comments: stats.comments,
        liked,
        ...(e.articleId ? { articleId: e.articleId } : {}),
      };
    }),
  );
  items.sort((a, b) => b.likes - a.likes || b.createdAt.localeCompare(a.createdAt));
  return { items };
}

const CREDIT = { de: 'Vorschlag von {name}', en: 'Suggested by {name}' } as const;

/**
 * `acceptSuggestion` (staff): the suggestion becomes a knowledge-base draft under the
 * suggestion topic, linked to its origin ticket (number, requester, date: staff see it, as on
 * every article from a ticket) and — unless `credit: false` — crediting its author by name in
 * the text ("Vorschlag von …"). It then goes the articles' way (review, publish). Once only: a
 * second accept answers the same article.
 */
export async function acceptSuggestion(actor: Actor, rawNumber: number | string, raw: unknown): Promise<{ articleId: string }> {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff accept suggestions');
  const { number } = SuggestionNumberParam.parse({ number: rawNumber });
  const input = AcceptSuggestionInput.parse(raw ?? {});
  const [s, t] = await Promise.all([getSuggestionSettings(actor.tenantId), getTicket(actor.tenantId, number)]);
  if (!isSuggestion(t, s)) throw notFound('Suggestion');
  const entry = await getSuggestionItem(actor.tenantId, number);
  if (entry?.articleId) return { articleId: entry.articleId };
  // The stream may not have indexed it yet: the entry is what records the acceptance.
  if (!entry) await putSuggestion(actor.tenantId, number, t.createdAt);
  const articleId = `suggestion-${number}`;
  if (!(await getArticleItem(actor.tenantId, articleId))) {
    const credit = input.credit ? textAsHtml(CREDIT[actor.language ?? 'de'].replace('{name}', t.requesterName)) : '';
    const body = sanitizeRichText(textAsHtml(t.description) + credit);
    const article = newArticle(actor, articleId, {
      title: t.subject,
      body,
      topicId: s.topicId,
      tags: [],
      audience: 'customers',
      relatedIds: [],
      origin: { ticketNumber: number, requesterName: t.requesterName, date: t.createdAt },
    });
    await putNewArticle(actor.tenantId, article); // false: a second click wrote it first — the same article
  }
  await markAccepted(actor.tenantId, number, { articleId, acceptedBy: actor.userId, acceptedAt: nowIso() });
  return { articleId };
}

/**
 * A ticket filed under a topic: new, or staff changed its topic since (`setTicketTopic`); else undefined.
 * A ticket moved away from the suggestion topic needs nothing: the list shows only tickets under it.
 */
function filedUnderTopic(change: Change): (TicketItem & { topicId?: string }) | undefined {
  const inserted = insertOf<TicketItem & { topicId?: string }>(change, 'ticket');
  if (inserted) return inserted.topicId ? inserted : undefined;
  if (change.type !== 'modify' || change.kind !== 'ticket') return undefined;
  const t = change.new as (TicketItem & { topicId?: string }) | undefined;
  return t?.topicId && t.topicId !== change.old?.topicId ? t : undefined;
}

/** From the stream: a ticket under the suggestion topic (new, or filed there later) joins the list (idempotent). */
export const indexSuggestion: Effect = {
  name: 'index-suggestion',
  kinds: ['ticket'],
  applies: (change) => Boolean(filedUnderTopic(change)),
  async run(change) {
    const t = filedUnderTopic(change);
    if (!t?.topicId) return;
    const s = await getSuggestionSettings(change.tenantId);
    if (s.topicId === t.topicId) await putSuggestion(change.tenantId, t.number, t.createdAt);
  },
};
