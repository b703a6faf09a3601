/**
 * The frame of the public knowledge pages (issue 9): plain HTML that search engines and link
 * previews read without running JavaScript. Title, description, canonical address, OpenGraph and
 * JSON-LD in the head; inline styles only (the API's CSP allows nothing else, and nothing else is
 * needed). Part `articles` may render its article page in the same frame.
 */
import type { Language } from '../tenancy/constants.ts';

/** Text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON for a `<script type="application/ld+json">` block: `<` escaped, so no text can close the script. */
const jsonLd = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');

export interface PageFrame {
  language: Language;
  title: string;
  description: string;
  /** Absolute address of this page as search engines should know it. */
  canonical: string;
  /** The same page in the other language (absolute), for `hreflang`. */
  alternates?: Partial<Record<Language, string>>;
  siteName: string;
  ogType?: 'website' | 'article';
  structuredData?: unknown;
  /** The body's inner HTML (already escaped or sanitised). */
  body: string;
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;background:#fff}
main,header,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}h1{font-size:1.6rem;margin:.25rem 0 1rem}
.org{color:#57606a;margin:0}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 1rem}
select,button{font:inherit;padding:.35rem .6rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit}
button{background:#0b57d0;border-color:#0b57d0;color:#fff;cursor:pointer}
details{border:1px solid #d0d7de;border-radius:8px;margin:.5rem 0;padding:.5rem .9rem}
summary{cursor:pointer;font-weight:600}
.topic{display:inline-block;font-size:.85rem;color:#57606a;margin-left:.5rem;font-weight:400}
.updated{color:#57606a;font-size:.85rem}
a{color:#0b57d0}
footer{padding:2rem 1rem;color:#57606a;font-size:.9rem}
`;

/** A whole page: head with its metadata, then the body. */
export function renderPage(p: PageFrame): string {
  const alternates = Object.entries(p.alternates ?? {})
    .map(([l, href]) => `<link rel="alternate" hreflang="${l}" href="${escapeHtml(href)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="${p.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<meta name="description" content="${escapeHtml(p.description)}">
<link rel="canonical" href="${escapeHtml(p.canonical)}">
${alternates}
<meta property="og:type" content="${p.ogType ?? 'website'}">
<meta property="og:title" content="${escapeHtml(p.title)}">
<meta property="og:description" content="${escapeHtml(p.description)}">
<meta property="og:url" content="${escapeHtml(p.canonical)}">
<meta property="og:site_name" content="${escapeHtml(p.siteName)}">
<meta property="og:locale" content="${p.language === 'de' ? 'de_DE' : 'en_GB'}">
<meta name="twitter:card" content="summary">
${p.structuredData ? `<script type="application/ld+json">${jsonLd(p.structuredData)}</script>` : ''}
<style>${STYLE}</style>
</head>
<body>
${p.body}
</body>
</html>
`;
}

/** How long the CDN and browsers may keep a public page: a few minutes, so an edit shows soon. */
export const PUBLIC_PAGE_CACHE = 'public, max-age=60, s-maxage=300';

/** The page for a portal without public knowledge, or an unknown one: the same 404 for both. */
export function notFoundPage(language: Language): string {
  const title = language === 'de' ? 'Seite nicht gefunden' : 'Page not found';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head>
<body><main><h1>${title}</h1></main></body></html>
`;
}
