/**
 * Mails about a ticket in the tenant's colours (issue 8, M2): its logo and title above, its
 * primary colour as the accent, the text below, and the answer mail itself (the answer's own
 * text, not only a link), in German and English.
 */
import { config } from '../config.ts';
import type { TenantItem } from '../db/items.ts';
import type { Language } from '../tenancy/schemas.ts';
import type { RenderedMail } from './templates.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The logo as an absolute https (or the portal's own) URL; a path on the portal is resolved against it. */
function logoSrc(logoUrl: string): string | undefined {
  if (!logoUrl) return undefined;
  try {
    return new URL(logoUrl, `${config.publicUrl}/`).href;
  } catch {
    return undefined;
  }
}

/** The body of a rendered mail's HTML document (what `render` puts between the body tags). */
const inner = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;

/** A rendered mail in the tenant's branding: logo and title as the header, the colour as accent; the text part unchanged. */
export function branded(tenant: Pick<TenantItem, 'name' | 'branding'>, mail: RenderedMail): RenderedMail {
  const colour = /^#[0-9a-f]{6}$/i.test(tenant.branding.primaryColor) ? tenant.branding.primaryColor : '#1f6feb';
  const title = tenant.branding.title || tenant.name;
  const logo = logoSrc(tenant.branding.logoUrl);
  const html =
    `<!doctype html><html><body style="margin:0;background:#f4f5f7;font-family:system-ui,sans-serif;line-height:1.5;color:#1d2433">` +
    `<div style="max-width:640px;margin:0 auto;background:#ffffff;border-top:4px solid ${colour}">` +
    `<div style="padding:16px 24px;border-bottom:1px solid #e3e6eb">` +
    (logo ? `<img src="${escape(logo)}" alt="" height="32" style="height:32px;vertical-align:middle;margin-right:12px">` : '') +
    `<strong style="font-size:18px;vertical-align:middle;color:${colour}">${escape(title)}</strong></div>` +
    `<div style="padding:16px 24px">${inner(mail.html).replace(/<a /g, `<a style="color:${colour}" `)}</div>` +
    `</div></body></html>`;
  return { ...mail, html };
}

/** What the answer mail is written from. */
export interface AnswerMailData {
  name: string;
  author: string;
  number: number;
  subject: string;
  /** The answer as written (plain text). */
  body: string;
  /** Names of the files attached. */
  files: string[];
  /** The ticket in the requester's portal. */
  url: string;
}

/** A public answer by mail: the answer itself, its files named, and how to reply (by mail or in the portal). */
export function answerMail(lang: Language, d: AnswerMailData): RenderedMail {
  const de = lang === 'de';
  const intro = de
    ? [`Hallo ${d.name},`, `${d.author} hat auf Ihre Anfrage #${d.number} „${d.subject}“ geantwortet:`]
    : [`Hello ${d.name},`, `${d.author} has answered your request #${d.number} "${d.subject}":`];
  const files = d.files.length > 0 ? [`${de ? 'Angehängt' : 'Attached'}: ${d.files.join(', ')}`] : [];
  const outro = de
    ? `Antworten Sie einfach auf diese E-Mail – oder im Portal, wie Sie möchten.`
    : `Simply reply to this email – or in the portal, as you like.`;
  const label = de ? 'Anfrage im Portal ansehen' : 'View the request in the portal';
  const text = [...intro, '', d.body, '', ...files, ...(files.length ? [''] : []), outro, '', `${label}: ${d.url}`].join('\n');
  const html =
    `<!doctype html><html><body>` +
    intro.map((l) => `<p>${escape(l)}</p>`).join('') +
    `<div style="white-space:pre-wrap;border-left:3px solid #d0d5dd;padding:4px 12px;margin:12px 0">${escape(d.body)}</div>` +
    files.map((l) => `<p>${escape(l)}</p>`).join('') +
    `<p>${escape(outro)}</p><p><a href="${escape(d.url)}">${escape(label)}</a></p>` +
    `</body></html>`;
  return { subject: `[#${d.number}] ${d.subject}`, text, html };
}
