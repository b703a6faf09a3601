/**
 * Bounces, complaints and deliveries of the mail we send (issue 8). They arrive as SES events
 * (SNS → `functions/mail/ses-events.ts`) or, locally and from remote servers, as a bounce mail
 * to our inbound address (RFC 3464 `multipart/report`, RFC 5965 feedback reports, or an SES
 * notification's JSON in a mail); the inbound part hands such a mail to `deliveryEventFromDsn`
 * and the event to `recordDeliveryEvent`. A hard bounce or a complaint stops mail to that
 * contact until staff or the user clear it.
 */
import type { ParsedMail } from 'mailparser';
import { SYSTEM } from '../auth/actor.ts';
import { isTenantId, newId, nowIso } from '../ids.ts';
import { getMailId, tenantMailSecret, type MailIdRecord } from '../db/mail.ts';
import { recordMessageDelivery, suppressUserMail } from '../db/delivery.ts';
import { getTicketPartition, getUserByEmail, tenantIdBySlug } from '../db/store.ts';
import { config } from '../config.ts';
import { parseInboundAddress, parseTicketMessageId, verifyTicket } from './token.ts';
import { SES_TENANT_TAG } from './outbound.ts';
import type { EventItem } from '../db/items.ts';

/** What a delivery report says about one recipient of one of our mails. */
export interface DeliveryEvent {
  /** Our Message-ID the report is about. */
  messageId: string;
  /** Further ids naming the same mail (SES's own message id), tried when `messageId` is unknown. */
  otherIds?: string[];
  recipient: string;
  type: 'bounce' | 'complaint' | 'delivery';
  /** A bounce that will not go away by retrying (5.x.x, SES `Permanent`); complaints count as permanent. */
  permanent: boolean;
  /** What the receiving side said, e.g. `550 5.1.1 user unknown`. */
  detail: string;
}

const DSN_TYPES = ['message/delivery-status', 'message/global-delivery-status'];
const ORIGINAL_TYPES = ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'];
const FEEDBACK_TYPES = ['message/feedback-report'];

/** `Name: value` fields of a header-like block (continuation lines folded), names in lower case; the first of each wins. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (m && !out.has(m[1]!.toLowerCase())) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

/** The address of a `rfc822; someone@example.org` field. */
const addressOf = (v: string | undefined) =>
  v
    ?.replace(/^[^;]*;\s*/, '')
    .replace(/^<|>$/g, '')
    .trim()
    .toLowerCase() || undefined;

/** The Message-ID of a quoted original (headers or whole message). */
const messageIdIn = (text: string) => /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(text)?.[1];

const textsOf = (parsed: ParsedMail, types: string[]) =>
  parsed.attachments.filter((a) => types.includes(a.contentType.toLowerCase())).map((a) => a.content.toString('utf8'));

/** SES's notification (`notificationType`) or event (`eventType`) JSON, per recipient. */
export function deliveryEventsFromSes(json: unknown): DeliveryEvent[] {
  if (!json || typeof json !== 'object') return [];
  const n = json as Record<string, any>;
  const type = String(n.eventType ?? n.notificationType ?? '');
  const mail = (n.mail ?? {}) as Record<string, any>;
  const headerId =
    (mail.commonHeaders?.messageId as string | undefined) ??
    (mail.headers as { name: string; value: string }[] | undefined)?.find((h) => /^message-id$/i.test(h.name))?.value;
  const sesId = typeof mail.messageId === 'string' ? (mail.messageId as string) : undefined;
  const messageId = headerId ?? sesId;
  if (!messageId) return [];
  const ids = { messageId, ...(headerId && sesId && { otherIds: [sesId] }) };
  if (type === 'Bounce') {
    const b = n.bounce ?? {};
    const permanent = b.bounceType === 'Permanent';
    return ((b.bouncedRecipients ?? []) as Record<string, string | undefined>[]).map((r) => ({
      ...ids,
      recipient: String(r.emailAddress ?? '').toLowerCase(),
      type: 'bounce' as const,
      permanent,
      detail: (r.diagnosticCode ?? r.status ?? `${b.bounceType ?? ''} ${b.bounceSubType ?? ''}`).replace(/^smtp;\s*/i, '').trim(),
    }));
  }
  if (type === 'Complaint') {
    const c = n.complaint ?? {};
    return ((c.complainedRecipients ?? []) as Record<string, string | undefined>[]).map((r) => ({
      ...ids,
      recipient: String(r.emailAddress ?? '').toLowerCase(),
      type: 'complaint' as const,
      permanent: true,
      detail: String(c.complaintFeedbackType ?? 'complaint'),
    }));
  }
  if (type === 'Delivery') {
    const d = n.delivery ?? {};
    return ((d.recipients ?? []) as string[]).map((r) => ({
      ...ids,
      recipient: String(r).toLowerCase(),
      type: 'delivery' as const,
      permanent: false,
      detail: String(d.smtpResponse ?? ''),
    }));
  }
  return [];
}

/**
 * The delivery event a bounce mail reports, or undefined when it is none (an ordinary mail, a
 * `delayed` notice, a report about a mail that is not ours to name). Reads an RFC 3464 report
 * (the first recipient's block), an RFC 5965 complaint, or an SES notification in the body.
 */
export function deliveryEventFromDsn(parsed: ParsedMail): DeliveryEvent | undefined {
  const body = (parsed.text ?? '').trim();
  if (body.startsWith('{')) {
    try {
      const fromSes = deliveryEventsFromSes(JSON.parse(body))[0];
      if (fromSes) return fromSes;
    } catch {
      // not JSON after all: read it as a report below
    }
  }
  const original = [...textsOf(parsed, ORIGINAL_TYPES), body].map(messageIdIn).find((id) => id !== undefined);
  const refs = [parsed.inReplyTo, ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [])];
  const messageId = original ?? refs.find((r): r is string => typeof r === 'string' && r.length > 0);
  if (!messageId) return undefined;

  const feedback = [...textsOf(parsed, FEEDBACK_TYPES), body].map(fields).find((f) => f.has('feedback-type'));
  if (feedback) {
    const originalTo = textsOf(parsed, ORIGINAL_TYPES)
      .map((t) => fields(t).get('to'))
      .find(Boolean);
    const recipient =
      addressOf(feedback.get('original-rcpt-to') ?? feedback.get('removal-recipient')) ?? addressOf(originalTo?.replace(/^.*</, '').replace(/>.*$/, ''));
    return recipient ? { messageId, recipient, type: 'complaint', permanent: true, detail: feedback.get('feedback-type')! } : undefined;
  }

  // A DSN: per-message fields first, then one block per recipient (blank-line separated).
  const report = [...textsOf(parsed, DSN_TYPES), body].join('\n\n');
  const block = report
    .split(/\r?\n\s*\r?\n/)
    .map(fields)
    .find((f) => f.has('action') && (f.has('final-recipient') || f.has('original-recipient')));
  if (!block) return undefined;
  const recipient = addressOf(block.get('final-recipient') ?? block.get('original-recipient'));
  const action = block.get('action')!.toLowerCase();
  const status = block.get('status') ?? '';
  if (!recipient) return undefined;
  const detail = (block.get('diagnostic-code') ?? status).replace(/^[a-z-]+;\s*/i, '').trim();
  if (action === 'failed') return { messageId, recipient, type: 'bounce', permanent: !status.startsWith('4'), detail };
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return { messageId, recipient, type: 'delivery', permanent: false, detail };
  return undefined; // `delayed`: the sending side keeps trying; nothing to record yet
}

/** What `recordDeliveryEvent` did: recorded, a repetition (nothing changed), or about no mail of ours. */
export type DeliveryOutcome = 'recorded' | 'repeated' | 'unknown_message';

const STATUS = { bounce: 'bounced', complaint: 'complained', delivery: 'delivered' } as const;

/**
 * Record a delivery event on the message whose mail it is about: its `deliveryStatus` and
 * `deliveryDetail`, a `delivery_failed` history entry for a bounce (staff only), and for a hard
 * bounce or a complaint the contact's `mailSuppressed`. Idempotent: the same event again changes
 * nothing. A report about a mail we did not send (unknown id, or an inbound one) is ignored.
 */
export async function recordDeliveryEvent(tenantId: string, event: DeliveryEvent): Promise<DeliveryOutcome> {
  const message = await sentMessageOf(tenantId, event);
  let changed = false;
  if (message) {
    const history: EventItem | undefined =
      event.type === 'bounce'
        ? {
            kind: 'event',
            id: newId(),
            type: 'delivery_failed',
            actorId: SYSTEM.userId,
            actorName: SYSTEM.name,
            at: nowIso(),
            from: message.id,
            to: event.detail,
          }
        : undefined;
    changed = await recordMessageDelivery(tenantId, message, STATUS[event.type], event.detail, history);
  } else if (!(await isOurTicketMail(tenantId, event.messageId))) {
    return 'unknown_message';
  }
  // An acknowledgement or notification has no message to mark, but its bounce stops mail all the same.
  let suppressed = false;
  if ((event.type === 'bounce' && event.permanent) || event.type === 'complaint') {
    const contact = await getUserByEmail(tenantId, event.recipient.toLowerCase());
    if (contact)
      suppressed = await suppressUserMail(tenantId, contact.userId, {
        reason: event.type === 'complaint' ? 'complaint' : 'hard_bounce',
        detail: event.detail,
        at: nowIso(),
      });
  }
  return changed || suppressed ? 'recorded' : 'repeated';
}

/** The message whose mail a report names (its key), if it is one we sent (it has a delivery state). */
async function sentMessageOf(tenantId: string, event: DeliveryEvent): Promise<{ number: number; createdAt: string; id: string } | undefined> {
  let ref: MailIdRecord | undefined;
  for (const id of [event.messageId, ...(event.otherIds ?? [])]) {
    ref = await getMailId(tenantId, id);
    if (ref?.messageId) break;
  }
  if (ref?.number === undefined || !ref.messageId) return undefined;
  const messageId = ref.messageId;
  // The record names the message; its key also needs its creation instant (one read of the thread).
  const found = (await getTicketPartition(tenantId, ref.number))?.messages.find((m) => m.id === messageId);
  // Only a mail we sent has a delivery state (an inbound mail's id may be quoted too).
  return found?.deliveryStatus ? { number: found.number, createdAt: found.createdAt, id: found.id } : undefined;
}

/** Whether a Message-ID is one of this tenant's ticket mails (its token verifies): an acknowledgement or notification. */
async function isOurTicketMail(tenantId: string, mailMessageId: string): Promise<boolean> {
  const token = parseTicketMessageId(mailMessageId, config.inboundMailDomain);
  const secret = token && (await tenantMailSecret(tenantId));
  return !!token && !!secret && verifyTicket(secret, tenantId, token.number, token.sig);
}

/**
 * The tenant an SES event is about: the tenant tag every ticket mail carries (`outbound.ts`),
 * else the slug of the sending address `{slug}@{inbound domain}`. Undefined for mail of no tenant.
 */
export async function tenantOfSesEvent(json: unknown): Promise<string | undefined> {
  const mail = ((json ?? {}) as { mail?: { tags?: Record<string, string[]>; source?: string } }).mail;
  const tagged = mail?.tags?.[SES_TENANT_TAG]?.[0];
  if (tagged && isTenantId(tagged)) return tagged;
  const source = mail?.source && /<([^>]+)>/.exec(mail.source)?.[1];
  const own = parseInboundAddress(source || mail?.source || '', config.inboundMailDomain);
  return own ? tenantIdBySlug(own.slug) : undefined;
}

/** Record every event of one SES notification (SNS message) in its tenant; nothing for mail of no tenant. */
export async function recordSesNotification(json: unknown): Promise<DeliveryOutcome[]> {
  const tenantId = await tenantOfSesEvent(json);
  if (!tenantId) return [];
  const out: DeliveryOutcome[] = [];
  for (const e of deliveryEventsFromSes(json)) out.push(await recordDeliveryEvent(tenantId, e));
  return out;
}
