/**
 * What of an inbound mail's content is kept and shown (issue 8, M1 content): HTML cleaned with
 * `sanitize-html` by an allow-list (no scripts, styles sheets, frames, forms, event handlers);
 * remote images are not loaded (their address moves to `data-remote-src`, the web loads them
 * only when the viewer asks: no tracking pixel, no request to an internal address from a
 * browser); `cid:` images point at their stored attachment (`data-attachment-id`); quoted
 * history and signatures are marked (`data-quote`, `data-signature`) so the web folds them.
 */
import sanitizeHtml from 'sanitize-html';

/** Markers the web folds (`web/src/lib/components/mail/MailBody.svelte`). */
export const QUOTE_ATTR = 'data-quote';
export const SIGNATURE_ATTR = 'data-signature';

/** Containers mail programs put quoted history or signatures in, by class or id. */
const QUOTE_CLASSES = /\b(gmail_quote|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader|protonmail_quote)\b/;
const QUOTE_IDS = /^(appendonsend|divRplyFwdMsg|mail-editor-reference-message-container)$/;
const SIGNATURE_CLASSES = /\b(gmail_signature|moz-signature|signature)\b/;

const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

/**
 * Clean a mail's HTML. `cids` maps a Content-ID (without brackets) to the stored attachment's
 * id. The result is safe to place in our origin as is.
 */
export function sanitizeMailHtml(html: string, cids: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'a'),
      'a',
      'img',
      'span',
      'font',
      'center',
      'u',
      's',
      'strike',
      'del',
      'ins',
      'small',
      'big',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['alt', 'title', 'width', 'height', 'data-remote-src', 'data-attachment-id'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      table: ['border', 'cellpadding', 'cellspacing'],
      '*': [QUOTE_ATTR, SIGNATURE_ATTR, 'style', 'dir', 'lang'],
    },
    // Presentation only: no url(), no position (nothing a message can lay over the page).
    allowedStyles: {
      '*': {
        color: [/^#[0-9a-f]{3,8}$/i, /^[a-z]+$/i, /^rgba?\([\d\s.,%]+\)$/i],
        'background-color': [/^#[0-9a-f]{3,8}$/i, /^[a-z]+$/i, /^rgba?\([\d\s.,%]+\)$/i],
        'text-align': [/^(left|right|center|justify)$/],
        'font-weight': [/^(bold|normal|\d{3})$/],
        'font-style': [/^(italic|normal)$/],
        'text-decoration': [/^(underline|line-through|none)$/],
      },
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
      img: (tagName, attribs): sanitizeHtml.Tag => {
        const src = (attribs.src ?? '').trim();
        const { src: _src, ...rest }: sanitizeHtml.Attributes = attribs;
        const alt = { alt: rest.alt ?? '' };
        const cid = /^cid:(.+)$/i.exec(src)?.[1];
        if (cid) {
          const id = cids.get(cid.replace(/^<|>$/g, ''));
          return { tagName, attribs: id ? { ...rest, 'data-attachment-id': id } : alt };
        }
        if (/^https?:\/\//i.test(src)) return { tagName, attribs: { ...rest, 'data-remote-src': src } };
        // An embedded image of a safe type is kept as a remote one would be (loaded on request), nothing else.
        if (SAFE_DATA_IMAGE.test(src)) return { tagName, attribs: { ...rest, 'data-remote-src': src } };
        return { tagName, attribs: alt };
      },
      blockquote: (tagName, attribs) => ({ tagName, attribs: { ...attribs, [QUOTE_ATTR]: '' } }),
      div: (tagName, attribs) => {
        const cls = attribs.class ?? '';
        const id = attribs.id ?? '';
        const marks = {
          ...(QUOTE_CLASSES.test(cls) || QUOTE_IDS.test(id) ? { [QUOTE_ATTR]: '' } : {}),
          ...(SIGNATURE_CLASSES.test(cls) ? { [SIGNATURE_ATTR]: '' } : {}),
        };
        return { tagName, attribs: { ...attribs, ...marks } };
      },
    },
  }).trim();
}

/** Lines that start the quoted history in a plain-text mail (English and German mail programs). */
const QUOTE_START = [
  /^>/,
  /^On .{1,200} wrote:\s*$/,
  /^Am .{1,200} schrieb .{1,200}:\s*$/,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}/i,
  /^(From|Von):\s.+/,
  /^_{10,}$/,
];

/**
 * A plain-text mail split into what the sender wrote now, their signature and the quoted
 * history (each may be empty). The signature starts at the standard `-- ` line.
 */
export function splitText(text: string): { own: string; signature: string; quote: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let quoteAt = lines.findIndex((l) => QUOTE_START.some((r) => r.test(l.trimEnd())));
  if (quoteAt === -1) quoteAt = lines.length;
  const head = lines.slice(0, quoteAt);
  const sigAt = head.findIndex((l) => l === '-- ' || l === '--');
  const own = (sigAt === -1 ? head : head.slice(0, sigAt)).join('\n').trim();
  const signature =
    sigAt === -1
      ? ''
      : head
          .slice(sigAt + 1)
          .join('\n')
          .trim();
  return { own, signature, quote: lines.slice(quoteAt).join('\n').trim() };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const paragraph = (s: string) => `<p>${escape(s).replace(/\n/g, '<br>')}</p>`;

/** The HTML shown for a plain-text mail: its own text, then the signature and the quote marked for folding. */
export function textAsMailHtml(text: string): string {
  const { own, signature, quote } = splitText(text);
  return [
    own && paragraph(own),
    signature && `<div ${SIGNATURE_ATTR}="">${paragraph(signature)}</div>`,
    quote && `<blockquote ${QUOTE_ATTR}="">${paragraph(quote)}</blockquote>`,
  ]
    .filter(Boolean)
    .join('');
}
