/**
 * Writing what an inbound mail becomes (issue 8): the sender's contact, the message (sanitised
 * content, files, the raw source's key), a new ticket or the change of the one it answers. Every
 * ticket write goes through `commitNewTicket` / `commitTicketChange`.
 */
import { DomainError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { SYSTEM } from '../auth/actor.ts';
import { isStaffRole } from '../auth/constants.ts';
import { createUser, getTicket, getUserByEmail, nextTicketNumber } from '../db/store.ts';
import { getTeamItem } from '../db/teams.ts';
import type { EventItem, MessageItem, TicketItem, UserItem } from '../db/items.ts';
import { storeAttachment } from '../attachments/store.ts';
import type { AttachmentRef } from '../attachments/schemas.ts';
import { commitNewTicket, commitTicketChange } from '../tickets/commit.ts';
import { reopened } from '../tickets/moves.ts';
import { stageOf } from '../tickets/view.ts';
import { routeNewTicket } from '../teams/routing.ts';
import { statusEvent } from '../tickets/tickets.ts';
import type { Status } from '../tickets/schemas.ts';
import { MAIL_LIMITS, type DropReason } from './constants.ts';
import { sanitizeMailHtml, splitText, textAsMailHtml } from './content.ts';
import type { InboundMail } from './parse.ts';

/** Lengths kept of a mail (an item holds 400 KB; the raw source keeps everything). */
const MAX_SUBJECT = 200;
const MAX_BODY = 20_000;
const MAX_HTML = 150_000;

// Control and direction-changing characters never reach a stored text (lines and tabs do in bodies).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]/g;
const cleanText = (s: string, max: number) => s.replace(CONTROL, '').slice(0, max).trim();
const cleanLine = (s: string, max: number) => cleanText(s.replace(/[\r\n\t\u2028\u2029]+/g, ' '), max);

/** Who a mail is from, as an author: the tenant's user with that address, or a new contact. */
export interface Author {
  userId: string;
  name: string;
  role: UserItem['role'];
}

/**
 * The sender's account in this tenant, or a new customer contact for the address: unverified
 * and without a password (as a registration would leave it, but without expiry), so the
 * sender can register later and take it over by confirming the address.
 */
export async function contactOf(tenantId: string, from: { address: string; name: string }): Promise<Author> {
  const existing = await getUserByEmail(tenantId, from.address);
  if (existing) return { userId: existing.userId, name: existing.name, role: existing.role };
  const contact: UserItem = {
    kind: 'user',
    userId: newId(),
    name: cleanLine(from.name, 100) || from.address,
    email: from.address,
    role: 'customer',
    emailVerified: false,
    createdAt: nowIso(),
  };
  try {
    await createUser(tenantId, contact);
    return { userId: contact.userId, name: contact.name, role: 'customer' };
  } catch (err) {
    // Created by a parallel mail (or a registration) a moment ago: that one is the sender.
    if (!(err instanceof DomainError && err.code === 'email_taken')) throw err;
    const now = await getUserByEmail(tenantId, from.address);
    if (!now) throw err;
    return { userId: now.userId, name: now.name, role: now.role };
  }
}

/** The mail's files: inline images its HTML shows by `cid:`, the rest listed; at most `MAIL_LIMITS.maxAttachments`. */
async function storeFiles(
  tenantId: string,
  mail: InboundMail,
  by: string,
  at: { number: number; messageId: string },
): Promise<{ refs: AttachmentRef[]; cids: Map<string, string>; left: number }> {
  const refs: AttachmentRef[] = [];
  const cids = new Map<string, string>();
  const files = mail.attachments.filter((a) => a.content.byteLength > 0);
  for (const a of files.slice(0, MAIL_LIMITS.maxAttachments)) {
    const cid = a.contentId?.replace(/^<|>$/g, '');
    const inline = !!cid && !!mail.html?.includes(`cid:${cid}`) && a.contentType.startsWith('image/');
    const ref = await storeAttachment(tenantId, {
      name: a.filename || (inline ? `image-${refs.length + 1}` : `attachment-${refs.length + 1}`),
      bytes: new Uint8Array(a.content),
      declaredType: a.contentType,
      inline,
      cid,
      by,
      at,
    });
    refs.push(ref);
    if (inline && cid) cids.set(cid, ref.id);
  }
  return { refs, cids, left: Math.max(0, files.length - MAIL_LIMITS.maxAttachments) };
}

/** What a message from a mail is written from. */
export interface MailMessageInput {
  mail: InboundMail;
  author: Author;
  rawKey: string;
  mailId: string;
  number: number;
}

/**
 * The message of a mail, its files stored: the text the sender wrote now as `body` (quote and
 * signature cut off: lists, mails and search use it), the whole mail as sanitised `html` with
 * quote and signature marked for folding. A mail from staff is kept as an internal note: never
 * sent on to a customer by itself.
 */
export async function mailMessage(tenantId: string, input: MailMessageInput): Promise<{ message: MessageItem; leftOut: number }> {
  const { mail, author } = input;
  const id = newId();
  const files = await storeFiles(tenantId, mail, author.userId, { number: input.number, messageId: id });
  const own = splitText(mail.text).own || mail.text;
  const sanitized = mail.html ? sanitizeMailHtml(mail.html, files.cids) : '';
  const html = sanitized.length > 0 && sanitized.length <= MAX_HTML ? sanitized : textAsMailHtml(cleanText(mail.text, MAX_HTML));
  const message: MessageItem = {
    kind: 'message',
    id,
    number: input.number,
    body: cleanText(own, MAX_BODY) || cleanLine(mail.subject, MAX_SUBJECT) || '—',
    internal: isStaffRole(author.role),
    authorId: author.userId,
    authorName: author.name,
    authorRole: author.role,
    createdAt: nowIso(),
    channel: 'email',
    attachments: files.refs,
    from: cleanLine(mail.from!.display, 320),
    html,
    mailMessageId: input.mailId,
    rawKey: input.rawKey,
    ...(mail.noReply && { noReply: mail.noReply }),
  };
  return { message, leftOut: files.left };
}

/** The history entry of something that happened by mail, in the sender's name (or the system's). */
const mailEvent = (who: { userId: string; name: string }, at: string, type: EventItem['type'], from: string, to: string, seq: number): EventItem =>
  statusEvent(who, at, type, from, to, seq);

/** The record that a mail's files beyond `MAIL_LIMITS.maxAttachments` were left out (`mail_dropped`, from: how many). */
const filesLeftOut = (at: string, count: number): EventItem => mailEvent(SYSTEM, at, 'mail_dropped', String(count), 'too_large', 9);

/** Store a change of a ticket read earlier, re-reading and re-deciding when someone else changed it first. */
async function changeTicket(tenantId: string, first: TicketItem, change: (t: TicketItem) => { after: TicketItem; added: (MessageItem | EventItem)[] }) {
  let t = first;
  for (let attempt = 0; ; attempt++) {
    const { after, added } = change(t);
    try {
      return await commitTicketChange(tenantId, t, after, added);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'conflict') || attempt >= 4) throw err;
      t = (await getTicket(tenantId, t.number)) ?? t;
    }
  }
}

/**
 * A mail into a ticket it answers: the message, and the status a customer's reply brings (open;
 * a closed ticket reopens, history `reopened_by_mail`). A note by staff changes no status.
 */
export async function addMailToTicket(
  tenantId: string,
  ticket: TicketItem,
  { message, leftOut }: { message: MessageItem; leftOut: number },
  author: Author,
): Promise<{ reopened: boolean }> {
  let wasClosed = false;
  await changeTicket(tenantId, ticket, (t) => {
    const at = message.createdAt > t.updatedAt ? message.createdAt : nowIso();
    const who = { userId: author.userId, name: author.name };
    wasClosed = stageOf(t) === 'closed';
    const dropped = leftOut > 0 ? [filesLeftOut(at, leftOut)] : [];
    if (isStaffRole(author.role)) return { after: { ...t, updatedAt: at }, added: [message, ...dropped] };
    const to: Status = t.status === 'new' && !wasClosed ? 'new' : 'open';
    const events: EventItem[] = t.status === to ? [] : [mailEvent(who, at, 'status', t.status, to, 0)];
    if (wasClosed) events.push(mailEvent(who, at, 'reopened_by_mail', '', '', 1));
    const next = wasClosed ? reopened(t) : t;
    return { after: { ...next, status: to, updatedAt: at }, added: [message, ...events, ...dropped] };
  });
  return { reopened: wasClosed };
}

/** What a new ticket from a mail is made of. */
export interface NewTicketFromMail {
  mail: InboundMail;
  author: Author;
  rawKey: string;
  mailId: string;
  /** The team of the support address it was sent to. */
  teamId?: string;
  /** The long-closed ticket this mail answered (a follow-up). */
  followUpOf?: number;
}

/**
 * A new ticket from a mail (channel `email`): the mail's own text as its description, the mail
 * itself (sender, HTML, files, raw source) as its first message. Routed to the support address's
 * team, else by the routing rules. A follow-up names the old ticket and both histories say so.
 */
export async function newTicketFromMail(tenantId: string, input: NewTicketFromMail): Promise<{ number: number; messageId: string }> {
  const { mail, author } = input;
  const number = await nextTicketNumber(tenantId);
  const { message, leftOut } = await mailMessage(tenantId, { ...input, number });
  const at = message.createdAt;
  const subject = cleanLine(mail.subject, MAX_SUBJECT) || cleanLine(message.body, 80) || '—';
  const contact = { name: author.name, email: mail.from!.address };
  const ticket: TicketItem = {
    kind: 'ticket',
    number,
    subject,
    description: message.body,
    status: 'new',
    priority: 'normal',
    requesterId: author.userId,
    requesterName: author.name,
    contact,
    channel: 'email',
    createdBy: author.userId,
    createdByName: author.name,
    createdAt: at,
    updatedAt: at,
    stage: 'new',
    type: 'request',
    ...(input.followUpOf !== undefined && { followUpOf: input.followUpOf }),
    ...(mail.noReply && { noReply: mail.noReply }),
  };
  const team = input.teamId ? await getTeamItem(tenantId, input.teamId) : undefined;
  Object.assign(ticket, team ? { teamId: team.teamId, stage: 'assigned' } : await routeNewTicket(tenantId, ticket));
  const stored = await commitNewTicket(tenantId, ticket);
  const who = { userId: author.userId, name: author.name };
  const events = input.followUpOf !== undefined ? [mailEvent(who, at, 'follow_up_of', String(input.followUpOf), String(number), 0)] : [];
  // The message is its own write: a new ticket is one item (its insert starts the clocks and the acknowledgement).
  const dropped = leftOut > 0 ? [filesLeftOut(at, leftOut)] : [];
  await commitTicketChange(tenantId, stored, { ...stored, updatedAt: at }, [{ ...message, internal: false }, ...events, ...dropped]);
  if (input.followUpOf !== undefined) {
    const old = await getTicket(tenantId, input.followUpOf);
    if (old)
      await changeTicket(tenantId, old, (t) => ({
        after: { ...t, updatedAt: nowIso() > t.updatedAt ? nowIso() : t.updatedAt },
        added: [mailEvent(SYSTEM, nowIso(), 'follow_up_of', String(input.followUpOf), String(number), 0)],
      }));
  }
  return { number, messageId: message.id };
}

/** Record on a ticket that a mail into it was not taken in, and why (`mail_dropped`, staff see it). */
export async function mailDropped(tenantId: string, ticket: TicketItem, reason: DropReason): Promise<void> {
  await changeTicket(tenantId, ticket, (t) => {
    const at = nowIso() > t.updatedAt ? nowIso() : t.updatedAt;
    return { after: { ...t, updatedAt: at }, added: [mailEvent(SYSTEM, at, 'mail_dropped', '', reason, 0)] };
  });
}
