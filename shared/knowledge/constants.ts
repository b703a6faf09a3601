/**
 * Knowledge facts without zod (issue 9, Q1–Q7): shared by the server's schemas, the search
 * index and the web app.
 */

/** What one search box finds: FAQ entries, knowledge-base articles, documents and (staff, or a customer's own) tickets. */
export const SEARCH_KINDS = ['faq', 'article', 'document', 'ticket'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** An article's way to the reader: written, checked by a reviewer (recorded), then published. */
export const ARTICLE_STATUSES = ['draft', 'review', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * Who may read a piece of knowledge: everybody (also without signing in, where the tenant
 * allows a public portal), signed-in customers of the tenant, or staff only.
 */
export const AUDIENCES = ['public', 'customers', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a document's file is, for its icon and player (Q3: manual, guideline, image, video). */
export const DOCUMENT_TYPES = ['manual', 'guideline', 'image', 'video', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Limits of knowledge fields; the schemas and the web's counters read them. */
export const KNOWLEDGE_LIMITS = {
  topicName: 80,
  title: 200,
  /** Rich text (sanitised HTML) of an FAQ answer or an article. */
  body: 100_000,
  description: 4_000,
  tags: 20,
  tag: 40,
  relatedArticles: 10,
  comment: 4_000,
  /** A search query's characters. */
  query: 200,
  /** Hits per search page. */
  searchPage: 50,
} as const;

/** The well-known key of the suggestion scheme's topic (Q6), created when a tenant enables it. */
export const SUGGESTION_TOPIC_KEY = 'improvement-suggestion';
