/**
 * An inbound mail as the domain needs it, parsed with `mailparser` (charsets, encodings, broken
 * MIME, 8-bit headers: the library's job), and why it must not be answered (RFC 3834 and the
 * usual de-facto headers). Nothing here touches storage.
 */
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { NoReplyReason } from './constants.ts';
import { utf7ToUtf8 } from './utf7.ts';

/** What the inbound handler reads of one mail. */
export interface InboundMail {
  /** The sender's address (lower case) and the header as written, if there is a usable one. */
  from?: { address: string; name: string; display: string };
  subject: string;
  /** The plain text (mailparser derives it from the HTML when there is none). */
  text: string;
  /** The HTML as sent (unsanitised: `content.ts` cleans it before anything stores it). */
  html?: string;
  /** The Message-ID as written (with angle brackets), if any. */
  messageId?: string;
  /** Message-IDs this mail answers: In-Reply-To first, then References, newest first. */
  replyTo: string[];
  attachments: Attachment[];
  /** Why nobody may be told of it (auto-reply, bounce, list, system sender), if so. */
  noReply?: NoReplyReason;
  /** A delivery status notification (bounce) rather than a person's mail. */
  isReport: boolean;
  /** The parsed mail, for the delivery events (`delivery.ts`). */
  parsed: ParsedMail;
}

const ids = (v: unknown): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\s+/) : [])
    .map(String)
    .map((s) => s.trim())
    .filter((s) => /^<?[^<>\s]+@[^<>\s]+>?$/.test(s));

/** A header's value as text (mailparser gives structured values for some, e.g. `{ value, params }`). */
export function headerText(parsed: ParsedMail, name: string): string | undefined {
  const v: unknown = parsed.headers.get(name);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
  return String(v);
}

/** Local parts of senders that are machines: never answered. */
const SYSTEM_SENDERS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-].*)?$/i;

/** Why a mail gets no acknowledgement or notification (it is still stored), if any. */
export function noReplyReasonOf(parsed: ParsedMail, fromAddress: string | undefined, isReport: boolean): NoReplyReason | undefined {
  if (isReport) return 'bounce';
  const auto = headerText(parsed, 'auto-submitted');
  if (auto && auto.trim().toLowerCase() !== 'no') return 'auto_submitted';
  if (/^(bulk|junk|list|auto_reply)$/i.test(headerText(parsed, 'precedence')?.trim() ?? '')) return 'precedence';
  if (['x-autoreply', 'x-autorespond', 'x-autoresponder'].some((h) => parsed.headers.has(h))) return 'autoreply_header';
  if ([...parsed.headers.keys()].some((k) => k.startsWith('list-'))) return 'mailing_list';
  if (fromAddress && SYSTEM_SENDERS.test(fromAddress.split('@')[0]!)) return 'system_sender';
  return undefined;
}

/** Parse raw bytes; throws only for input mailparser cannot read at all (the caller drops it as `unparseable`). */
export async function parseMail(raw: Uint8Array): Promise<InboundMail> {
  // keepCidLinks: inline images stay `cid:` references; they become attachments shown inline.
  // UTF-7, which mailparser leaves raw on purpose, is decoded first in every part (`utf7.ts`).
  const parsed = await simpleParser(await utf7ToUtf8(Buffer.from(raw)), { keepCidLinks: true, skipTextLinks: true });
  const sender = parsed.from?.value.find((a) => a.address && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.address));
  const address = sender?.address?.toLowerCase();
  const contentType = headerText(parsed, 'content-type')?.toLowerCase() ?? '';
  const isReport =
    contentType === 'multipart/report' ||
    (/^(mailer-daemon|postmaster)$/i.test(address?.split('@')[0] ?? '') && /deliver|undeliver|returned|failure/i.test(parsed.subject ?? ''));
  const name = (sender?.name ?? '').trim();
  const text = parsed.text ?? '';
  const html = typeof parsed.html === 'string' ? parsed.html : undefined;
  return {
    from: address ? { address, name: name || address.split('@')[0]!, display: name ? `${name} <${address}>` : address } : undefined,
    subject: (parsed.subject ?? '').trim(),
    text,
    html,
    messageId: parsed.messageId?.trim() || undefined,
    replyTo: [...ids(parsed.inReplyTo), ...ids(parsed.references).reverse()],
    attachments: parsed.attachments,
    noReply: noReplyReasonOf(parsed, address, isReport),
    isReport,
    parsed,
  };
}
