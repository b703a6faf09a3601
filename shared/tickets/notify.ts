/** Mails to the requester about their ticket, effects of what is written to it. */
import { portalUrl } from '../config.ts';
import { getTenant, getTicket, getUser } from '../db/store.ts';
import type { MessageItem, TenantItem, TicketItem, UserItem } from '../db/items.ts';
import { insertOf, type Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import type { Language } from '../tenancy/schemas.ts';
import { mails, type RenderedMail } from '../mail/templates.ts';
import { sendMail } from '../mail/send.ts';

/** What a mail to a requester is written from. */
export interface RequesterMail {
  lang: Language;
  tenant: TenantItem;
  requester: UserItem;
  /** The ticket's page in the requester's portal. */
  url: string;
}

/**
 * Mail a ticket's requester at the account's own address (never one typed into the ticket: no
 * mail to strangers), in the requester's language, else the portal's. False when tenant or
 * requester no longer exist (nothing to send, nothing to retry).
 */
export async function mailRequester(
  tenantId: string,
  ticket: Pick<TicketItem, 'number' | 'requesterId'>,
  render: (m: RequesterMail) => RenderedMail,
): Promise<boolean> {
  const [tenant, requester] = await Promise.all([getTenant(tenantId), getUser(tenantId, ticket.requesterId)]);
  if (!tenant || !requester) return false;
  const lang = requester.language ?? tenant.defaultLanguage;
  await sendMail(requester.email, render({ lang, tenant, requester, url: portalUrl(tenant.slug, `tickets/${ticket.number}`) }));
  return true;
}

/** A public answer by support (not a note, not the customer's own reply), if the change adds one. */
function publicAnswerOf(change: Change): MessageItem | undefined {
  const m = insertOf<MessageItem>(change, 'message');
  return m && !m.internal && m.authorRole !== 'customer' ? m : undefined;
}

/**
 * When support answers publicly, the requester gets the answer by mail, with a link to the
 * ticket. Internal notes and the customer's own replies mail nobody.
 */
export const notifyRequesterOfAnswer: Effect = {
  name: 'notify-requester-of-answer',
  kinds: ['message'],
  applies: (change) => publicAnswerOf(change) !== undefined,
  async run(change) {
    const message = publicAnswerOf(change);
    const ticket = message && (await getTicket(change.tenantId, message.number));
    if (!message || !ticket) return;
    await mailRequester(change.tenantId, ticket, ({ lang, tenant, requester, url }) =>
      mails.supportAnswered(lang, {
        portal: tenant.branding.title,
        name: requester.name,
        author: message.authorName,
        number: ticket.number,
        subject: ticket.subject,
        body: message.body,
        url,
      }),
    );
  },
};
