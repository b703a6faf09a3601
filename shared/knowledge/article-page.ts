/**
 * The public page of one knowledge-base article (issue 9, Q2), server-rendered by the knowledge
 * Lambda at `/kb/{slug}/articles/{id}` for search engines and link previews, in the same frame as
 * the FAQ page. Only a published article for the audience `public`, of a tenant whose knowledge
 * is public; anything else (a draft, a customers' or staff article, an unknown id or portal)
 * gets the same 404, so nothing tells whether it exists.
 */
import { config } from '../config.ts';
import { getArticleItem } from '../db/articles.ts';
import { DomainError } from '../errors.ts';
import type { Language } from '../tenancy/constants.ts';
import type { TenantItem } from '../db/items.ts';
import { faqPageUrl, type PageResult } from './faq-page.ts';
import { PUBLIC_PAGE_CACHE, escapeHtml, notFoundPage, renderPage } from './page-html.ts';
import { publicKnowledgeTenant } from './public-access.ts';
import { withPublicImages } from './public-files.ts';
import { excerpt } from './rich-text.ts';
import { resolveTopics, topicLabel } from './topics.ts';

const TEXT = {
  de: { updated: 'Zuletzt aktualisiert', topic: 'Thema', tags: 'Schlagwörter', portal: 'Zum Helpdesk', faq: 'Häufige Fragen', other: 'English' },
  en: { updated: 'Last updated', topic: 'Topic', tags: 'Tags', portal: 'Go to the helpdesk', faq: 'Frequently asked questions', other: 'Deutsch' },
} as const;

const day = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

/** The address of an article's public page, in a language. */
export function articlePageUrl(slug: string, id: string, language: Language): string {
  return `${config.publicUrl}/kb/${encodeURIComponent(slug)}/articles/${encodeURIComponent(id)}?lang=${language}`;
}

const missing = (language: Language): PageResult => ({
  status: 404,
  contentType: 'text/html; charset=utf-8',
  body: notFoundPage(language),
  headers: { 'cache-control': 'no-store' },
});

/** The public page of article `id` of portal `slug`; `lang` (absent: the tenant's default language) words the page around it. */
export async function articlePage(slug: string, id: string, q: { lang?: Language }): Promise<PageResult> {
  let tenant: TenantItem;
  try {
    tenant = await publicKnowledgeTenant(slug);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') return missing(q.lang ?? 'en');
    throw err;
  }
  const language = q.lang ?? tenant.defaultLanguage;
  const a = await getArticleItem(tenant.id, id);
  if (!a || a.status !== 'published' || a.audience !== 'public') return missing(language);
  const t = TEXT[language];
  const other: Language = language === 'de' ? 'en' : 'de';
  const topic = a.topicId ? (await resolveTopics(tenant.id, [a.topicId])).get(a.topicId) : undefined;
  const updated = a.updatedAt;
  const meta = [
    topic ? `<span>${t.topic}: ${escapeHtml(topicLabel(topic, language))}</span>` : '',
    a.tags.length ? `<span>${t.tags}: ${a.tags.map(escapeHtml).join(', ')}</span>` : '',
    `<span>${t.updated}: <time datetime="${escapeHtml(updated)}">${day(updated, language)}</time></span>`,
  ]
    .filter(Boolean)
    .join(' · ');
  const body = `<header><p class="org">${escapeHtml(tenant.name)}</p><h1>${escapeHtml(a.title)}</h1><p class="updated">${meta}</p></header>
<main><article class="answer">${withPublicImages(a.body, tenant.slug)}</article></main>
<footer><a href="/${encodeURIComponent(tenant.slug)}/kb/${encodeURIComponent(a.articleId)}">${t.portal}</a> · <a href="${escapeHtml(faqPageUrl(tenant.slug, language))}">${t.faq}</a> · <a href="${escapeHtml(articlePageUrl(tenant.slug, a.articleId, other))}" hreflang="${other}" lang="${other}">${t.other}</a></footer>`;
  const html = renderPage({
    language,
    title: `${a.title} – ${tenant.name}`,
    description: excerpt(a.text),
    canonical: articlePageUrl(tenant.slug, a.articleId, language),
    alternates: { [language]: articlePageUrl(tenant.slug, a.articleId, language), [other]: articlePageUrl(tenant.slug, a.articleId, other) },
    siteName: tenant.name,
    ogType: 'article',
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: a.title,
      description: excerpt(a.text),
      ...(a.publishedAt ? { datePublished: a.publishedAt } : {}),
      dateModified: updated,
      ...(topic ? { articleSection: topicLabel(topic, language) } : {}),
      ...(a.tags.length ? { keywords: a.tags.join(', ') } : {}),
      publisher: { '@type': 'Organization', name: tenant.name },
    },
    body,
  });
  return { status: 200, contentType: 'text/html; charset=utf-8', body: html, headers: { 'cache-control': PUBLIC_PAGE_CACHE } };
}
