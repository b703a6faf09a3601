/**
 * The public FAQ page (issue 9, Q1), server-rendered by the knowledge Lambda at `/kb/{slug}/faq`:
 * readable without JavaScript (answers open in `<details>`, the topic filter is a GET form), with
 * metadata for search engines and link previews and JSON-LD `FAQPage`. Only for a tenant whose
 * knowledge is public; otherwise the same 404 as for a portal that does not exist.
 */
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { Language } from '../tenancy/constants.ts';
import { faqsOf } from './faqs.ts';
import { PUBLIC_PAGE_CACHE, escapeHtml, notFoundPage, renderPage } from './page-html.ts';
import { publicKnowledgeTenant } from './public-access.ts';
import { withPublicImages } from './public-files.ts';
import { excerpt, richTextToPlain } from './rich-text.ts';
import { liveTopics, topicLabel } from './topics.ts';

const TEXT = {
  de: {
    title: 'Häufige Fragen',
    topic: 'Thema',
    all: 'Alle Themen',
    filter: 'Anzeigen',
    updated: 'Zuletzt aktualisiert',
    none: 'Zu diesem Thema gibt es noch keine Fragen.',
    portal: 'Zum Helpdesk',
    other: 'English',
    description: (org: string) => `Antworten auf häufige Fragen an ${org}`,
  },
  en: {
    title: 'Frequently asked questions',
    topic: 'Topic',
    all: 'All topics',
    filter: 'Show',
    updated: 'Last updated',
    none: 'There are no questions on this topic yet.',
    portal: 'Go to the helpdesk',
    other: 'Deutsch',
    description: (org: string) => `Answers to frequent questions to ${org}`,
  },
} as const;

/** What the handler sends: status, HTML and headers. */
export interface PageResult {
  status: number;
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

const day = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

/** The address of a portal's public FAQ page, in a language and optionally for a topic. */
export function faqPageUrl(slug: string, language: Language, topic?: string): string {
  const q = new URLSearchParams({ lang: language, ...(topic ? { topic } : {}) });
  return `${config.publicUrl}/kb/${encodeURIComponent(slug)}/faq?${q}`;
}

/** The FAQ page of portal `slug`; `topic` (empty: all) and `lang` (absent: the tenant's default language) from its GET form. */
export async function faqPage(slug: string, q: { topic?: string; lang?: Language }): Promise<PageResult> {
  let tenant;
  try {
    tenant = await publicKnowledgeTenant(slug);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') {
      return { status: 404, contentType: 'text/html; charset=utf-8', body: notFoundPage(q.lang ?? 'en'), headers: { 'cache-control': 'no-store' } };
    }
    throw err;
  }
  const language = q.lang ?? tenant.defaultLanguage;
  const t = TEXT[language];
  const topic = q.topic || undefined;
  const [items, topics] = await Promise.all([faqsOf(tenant.id, { topicId: topic, language }), liveTopics(tenant.id)]);
  topics.sort((a, b) => a.name[language].localeCompare(b.name[language], language));
  const other: Language = language === 'de' ? 'en' : 'de';
  const topicName = topic ? topics.find((x) => x.id === topic) : undefined;
  const title = `${t.title}${topicName ? `: ${topicLabel(topicName, language)}` : ''} – ${tenant.name}`;
  const options = topics
    .map((x) => `<option value="${escapeHtml(x.id)}"${x.id === topic ? ' selected' : ''}>${escapeHtml(topicLabel(x, language))}</option>`)
    .join('');
  const entries = items
    .map(
      (f) => `<details id="faq-${escapeHtml(f.id)}">
<summary>${escapeHtml(f.question)}${f.topic ? `<span class="topic">${escapeHtml(topicLabel(f.topic, language))}</span>` : ''}</summary>
<div class="answer">${withPublicImages(f.answer, tenant.slug)}</div>
<p class="updated">${t.updated}: <time datetime="${escapeHtml(f.updatedAt)}">${day(f.updatedAt, language)}</time></p>
</details>`,
    )
    .join('\n');
  const body = `<header><p class="org">${escapeHtml(tenant.name)}</p><h1>${t.title}</h1></header>
<main>
<form method="get" action="">
<label for="topic">${t.topic}</label>
<select id="topic" name="topic"><option value="">${t.all}</option>${options}</select>
<input type="hidden" name="lang" value="${language}">
<button type="submit">${t.filter}</button>
</form>
${entries || `<p>${t.none}</p>`}
</main>
<footer><a href="/${encodeURIComponent(tenant.slug)}/faq">${t.portal}</a> · <a href="${escapeHtml(faqPageUrl(tenant.slug, other, topic))}" hreflang="${other}" lang="${other}">${t.other}</a></footer>`;
  const first = items[0] ? excerpt(`${items[0].question} ${richTextToPlain(items[0].answer)}`) : '';
  const html = renderPage({
    language,
    title,
    description: excerpt(`${t.description(tenant.name)}${first ? `: ${first}` : ''}`),
    canonical: faqPageUrl(tenant.slug, language, topic),
    alternates: { [language]: faqPageUrl(tenant.slug, language, topic), [other]: faqPageUrl(tenant.slug, other, topic) },
    siteName: tenant.name,
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      inLanguage: language,
      mainEntity: items.map((f) => ({
        '@type': 'Question',
        name: f.question,
        dateModified: f.updatedAt,
        acceptedAnswer: { '@type': 'Answer', text: f.answer },
      })),
    },
    body,
  });
  return { status: 200, contentType: 'text/html; charset=utf-8', body: html, headers: { 'cache-control': PUBLIC_PAGE_CACHE, 'content-language': language } };
}
