/**
 * Rich text of knowledge (issue 9: FAQ answers, articles, document descriptions): HTML that staff
 * write in the web's editor, cleaned with `sanitize-html` by an allow-list before it is stored,
 * so every reader (the portal, the public pages, search snippets) may place it as is. The same
 * idea as mail content (`shared/mail/content.ts`), narrower: structure and emphasis only, links
 * to http(s)/mailto, images only as stored attachments (`data-attachment-id`), no styles, no
 * classes, nothing that runs or lays itself over the page.
 */
import sanitizeHtml from 'sanitize-html';
import { convert } from 'html-to-text';

const TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'code',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'img',
];

/**
 * Clean rich text for storing and showing. Links open as links do (no `target`) and carry
 * `rel="noopener noreferrer nofollow"`; an image keeps only a stored attachment's id (the web
 * resolves it to a download address), never a remote address (no tracking, no internal request).
 */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['alt', 'title', 'width', 'height', 'data-attachment-id'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
      b: 'strong',
      i: 'em',
      h1: 'h2',
    },
    // An image without a stored attachment is dropped (its `alt` is not worth a broken picture).
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['data-attachment-id'],
  }).trim();
}

/** Whether cleaned rich text still says something (an answer of `<p><br></p>` is empty). */
export const hasText = (html: string): boolean => richTextToPlain(html).length > 0;

/** Rich text as plain text (search index, meta descriptions, snippets): block ends become line breaks, links keep their words. */
export function richTextToPlain(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'table', format: 'block' },
      { selector: 'th', format: 'tableCell', options: { uppercase: false } },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first `max` characters of plain text, cut at a word, with an ellipsis when cut (meta descriptions). */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
