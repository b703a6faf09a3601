/**
 * Which ticket an inbound mail answers (issue 8, threading), in this order: a verified reply
 * token in the recipient address, a verified token in a Message-ID it answers (In-Reply-To /
 * References), a Message-ID we know (an inbound mail or one we sent), and last the ticket tag
 * in the subject (`[#1042]`), which anybody can type: it counts only when the sender is the
 * ticket's requester or took part in it. A token that does not verify is ignored (a forged or
 * another tenant's token threads nothing; FreeScout CVE-2026-47123).
 */
import { config } from '../config.ts';
import { getMailId } from '../db/mail.ts';
import { getTicket, getTicketPartition } from '../db/store.ts';
import type { TicketItem } from '../db/items.ts';
import { parseTicketMessageId, verifyTicket } from './token.ts';

export type ThreadedBy = 'token' | 'reply_token' | 'message_id' | 'subject';

/** What the threading reads of a mail. */
export interface Threadable {
  subject: string;
  /** Message-IDs it answers, In-Reply-To first. */
  replyTo: string[];
}

/** The ticket tag in a subject (`[#1042]`), if any. */
export function subjectTag(subject: string): number | undefined {
  const m = /\[#(\d{1,12})\]/.exec(subject);
  return m ? Number(m[1]) : undefined;
}

/** Whether the user took part in a ticket: its requester, or the author of one of its messages. */
async function tookPart(tenantId: string, ticket: TicketItem, userId: string | undefined): Promise<boolean> {
  if (!userId) return false;
  if (ticket.requesterId === userId) return true;
  const p = await getTicketPartition(tenantId, ticket.number);
  return !!p?.messages.some((m) => m.authorId === userId);
}

/** The ticket a reply token names, when the token verifies under the tenant's secret. */
export async function ticketOfToken(tenantId: string, secret: string, token: { number: number; sig: string } | undefined): Promise<TicketItem | undefined> {
  return token && verifyTicket(secret, tenantId, token.number, token.sig) ? await getTicket(tenantId, token.number) : undefined;
}

/**
 * The ticket a mail answers and how it was found, if any. `token`: the recipient's reply token
 * (not yet verified); `senderId`: the sender's existing account in this tenant.
 */
export async function findThread(
  tenantId: string,
  secret: string,
  mail: Threadable,
  token: { number: number; sig: string } | undefined,
  senderId: string | undefined,
): Promise<{ ticket: TicketItem; by: ThreadedBy } | undefined> {
  const verified = (t: { number: number; sig: string } | undefined) => ticketOfToken(tenantId, secret, t);

  const byToken = await verified(token);
  if (byToken) return { ticket: byToken, by: 'token' };
  for (const id of mail.replyTo) {
    const ticket = await verified(parseTicketMessageId(id, config.inboundMailDomain));
    if (ticket) return { ticket, by: 'reply_token' };
  }
  for (const id of mail.replyTo) {
    const known = await getMailId(tenantId, id);
    const ticket = known?.number !== undefined ? await getTicket(tenantId, known.number) : undefined;
    if (ticket) return { ticket, by: 'message_id' };
  }
  const tag = subjectTag(mail.subject);
  const tagged = tag !== undefined ? await getTicket(tenantId, tag) : undefined;
  if (tagged && (await tookPart(tenantId, tagged, senderId))) return { ticket: tagged, by: 'subject' };
  return undefined;
}
