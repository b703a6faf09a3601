/**
 * Files owned by knowledge items (issue 9): an article's attachments and images, a document's
 * file, an FAQ answer's images. Such a file is readable by exactly those who may read its item (audience and
 * publication), and only while the item still lists it. Each knowledge kind tells how to look
 * its item up (`OWNER_LOOKUPS`, one line per kind), so the attachments area needs no knowledge
 * of articles or documents beyond that.
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import type { Audience } from '../knowledge/constants.ts';
import type { KnowledgeOwnerKind } from './constants.ts';
import { documentFiles } from '../db/documents.ts';
import { getArticleItem } from '../db/articles.ts';
import { faqFiles } from '../db/faqs.ts';

/** The item a knowledge file belongs to. */
export interface KnowledgeOwner {
  kind: KnowledgeOwnerKind;
  id: string;
}

/** What decides who may read a knowledge item and its files. */
export interface KnowledgeReadable {
  audience: Audience;
  /** Customers read published items only (an article in draft or review is staff's). */
  published: boolean;
}

/** A knowledge item's readability and the files it lists now (undefined: no such item). */
export type OwnerLookup = (tenantId: string, id: string) => Promise<(KnowledgeReadable & { attachmentIds: readonly string[] }) | undefined>;

/** An article's readability (published or not, its audience) and the files it lists now. */
async function articleFiles(tenantId: string, articleId: string) {
  const a = await getArticleItem(tenantId, articleId);
  if (!a) return undefined;
  return { audience: a.audience, published: a.status === 'published', attachmentIds: (a.attachments ?? []).map((f) => f.id) };
}

/** How each kind's item is found (also who may comment on and like an article, ../knowledge/feedback.ts). */
export const OWNER_LOOKUPS: Record<KnowledgeOwnerKind, OwnerLookup> = {
  document: documentFiles,
  article: articleFiles,
  // FAQ answers' images: the FAQ is read by every signed-in user of the tenant (and anonymous visitors of a public portal)
  faq: faqFiles,
};

/**
 * The one audience rule of knowledge (also for comments and likes): staff read everything;
 * a signed-in customer reads published items for `public` or `customers`.
 */
export function mayReadKnowledge(actor: Actor, item: KnowledgeReadable): boolean {
  if (isStaff(actor)) return true;
  return item.published && (item.audience === 'public' || item.audience === 'customers');
}

/** Whether the caller may download a file owned by a knowledge item that still lists it. */
export async function mayReadOwnedFile(actor: Actor, owner: KnowledgeOwner, attachmentId: string): Promise<boolean> {
  const lookup = OWNER_LOOKUPS[owner.kind];
  const item = lookup ? await lookup(actor.tenantId, owner.id) : undefined;
  return Boolean(item && item.attachmentIds.includes(attachmentId) && mayReadKnowledge(actor, item));
}
