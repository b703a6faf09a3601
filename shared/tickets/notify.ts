/** Mails to the requester about their ticket, effects of what is written to it. */
import { portalUrl } from '../config.ts';
import { getTenant, getTicketPartition, getUser } from '../db/store.ts';
import { onceInRequest } from '../db/request-reads.ts';
import { recordMailId } from '../db/mail.ts';
import { recordMessageSent, recordMessageSuppressed } from '../db/delivery.ts';
import type { MessageItem, TenantItem, TicketItem, UserItem } from '../db/items.ts';
import { insertOf, type Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import type { Language } from '../tenancy/schemas.ts';
import type { RenderedMail } from '../mail/templates.ts';
import { answerMail, branded } from '../mail/branded.ts';
import { sendTicketMail, type MailAttachment, type TicketMail } from '../mail/outbound.ts';
import { attachmentBytes } from '../attachments/store.ts';

/** What a mail to a requester is written from. */
export interface RequesterMail {
  lang: Language;
  tenant: TenantItem;
  requester: UserItem;
  /** The ticket's page in the requester's portal. */
  url: string;
}

/** How a mail to a requester went: sent (with its Message-ID), not sent to a suppressed address, or nobody to send to. */
export type RequesterMailOutcome = { status: 'sent'; mailMessageId: string } | { status: 'suppressed' } | { status: 'gone' };

/** The Message-IDs (inbound and ours) of messages written before `upTo` (all when not given), oldest first. */
export function earlierMailIds(messages: readonly MessageItem[], upTo?: MessageItem): string[] {
  return messages.filter((m) => m.mailMessageId && (!upTo || (m.id !== upTo.id && m.createdAt <= upTo.createdAt))).map((m) => m.mailMessageId!);
}

/**
 * Mail a ticket's requester at the account's own address (never one typed into the ticket: no
 * mail to strangers), in the requester's language, else the portal's, through the ticket mail
 * path (`mail/outbound.ts`: the tenant's name as sender, reply token, threading headers, the
 * tenant's branding). Nothing goes to an address whose mail is suppressed (hard bounce,
 * complaint). `references`: the ticket's earlier Message-IDs, when the caller has read the thread
 * already (else read here). Tenant and requester are read once for all the effects of a change
 * (`applyEffects` runs them in one `withRequestReads`). `gone` when tenant or requester no longer
 * exist (nothing to send, nothing to retry).
 */
export async function mailRequester(
  tenantId: string,
  ticket: Pick<TicketItem, 'number' | 'requesterId'>,
  render: (m: RequesterMail) => RenderedMail,
  opts: { references?: string[]; attachments?: MailAttachment[]; auto?: TicketMail['auto'] } = {},
): Promise<RequesterMailOutcome> {
  const [tenant, requester, references] = await Promise.all([
    getTenant(tenantId),
    onceInRequest(`${tenantId}#USER#${ticket.requesterId}`, () => getUser(tenantId, ticket.requesterId)),
    opts.references ?? getTicketPartition(tenantId, ticket.number).then((t) => earlierMailIds(t?.messages ?? [])),
  ]);
  if (!tenant || !requester) return { status: 'gone' };
  if (requester.mailSuppressed) return { status: 'suppressed' };
  const lang = requester.language ?? tenant.defaultLanguage;
  const mail = branded(tenant, render({ lang, tenant, requester, url: portalUrl(tenant.slug, `tickets/${ticket.number}`) }));
  const { mailMessageId } = await sendTicketMail({
    tenant,
    number: ticket.number,
    to: requester.email,
    mail,
    references,
    ...(opts.attachments && { attachments: opts.attachments }),
    ...(opts.auto && { auto: opts.auto }),
  });
  return { status: 'sent', mailMessageId };
}

/** A public answer by support (not a note, not the customer's own reply, not one awaiting review), if the change adds one. */
function publicAnswerOf(change: Change): MessageItem | undefined {
  const m = insertOf<MessageItem>(change, 'message');
  return m && !m.internal && !m.toCoordinator && m.authorRole !== 'customer' ? m : undefined;
}

/** The files of a message with their bytes, to attach to its mail. */
async function filesOf(tenantId: string, m: MessageItem): Promise<MailAttachment[]> {
  return Promise.all(
    (m.attachments ?? []).map(async (a) => ({ filename: a.name, contentType: a.contentType, content: Buffer.from(await attachmentBytes(tenantId, a)) })),
  );
}

/**
 * When support answers publicly, the requester gets the answer itself by mail, with its files;
 * a reply to that mail comes back into the ticket (reply token). The message records the mail's
 * Message-ID and `sent` (or `suppressed`): a change of the message, to which this effect of
 * inserts does not react, so it cannot loop; and a message that already has a delivery state
 * (a redelivered or replayed insert) is not mailed again. Internal notes, answers awaiting
 * review and the customer's own replies mail nobody.
 */
export const notifyRequesterOfAnswer: Effect = {
  name: 'notify-requester-of-answer',
  kinds: ['message'],
  applies: (change) => publicAnswerOf(change) !== undefined,
  async run(change) {
    const inserted = publicAnswerOf(change);
    let thread = inserted && (await getTicketPartition(change.tenantId, inserted.number));
    let message = thread?.messages.find((m) => m.id === inserted!.id);
    if (thread && !message && thread.ticket.mergedInto !== undefined) {
      // Merged away before its mail went out: the answer lives on in the target, and is mailed from there.
      thread = await getTicketPartition(change.tenantId, thread.ticket.mergedInto);
      message = thread?.messages.find((m) => m.id === inserted!.id);
    }
    if (!thread || !message || message.deliveryStatus) return;
    const { ticket } = thread;
    const attachments = await filesOf(change.tenantId, message);
    const outcome = await mailRequester(
      change.tenantId,
      ticket,
      ({ lang, requester, url }) =>
        answerMail(lang, {
          name: requester.name,
          author: message.authorName,
          number: ticket.number,
          subject: ticket.subject,
          body: message.body,
          files: attachments.map((a) => a.filename),
          url,
        }),
      { references: earlierMailIds(thread.messages, message), attachments },
    );
    if (outcome.status === 'suppressed') await recordMessageSuppressed(change.tenantId, message);
    if (outcome.status !== 'sent') return;
    // The Message-ID record first: a bounce naming the mail finds its message once `sent` is there.
    await recordMailId(change.tenantId, outcome.mailMessageId, { number: ticket.number, messageId: message.id });
    await recordMessageSent(change.tenantId, message, outcome.mailMessageId);
  },
};
