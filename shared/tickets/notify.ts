/** Mails to the requester about their ticket, effects of what support writes. */
import { portalUrl } from '../config.ts';
import { getTenant, getTicket, getUser } from '../db/store.ts';
import type { MessageItem } from '../db/items.ts';
import { insertOf, type Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { mails } from '../mail/templates.ts';
import { sendMail } from '../mail/send.ts';

/** A public answer by support (not a note, not the customer's own reply), if the change adds one. */
function publicAnswerOf(change: Change): MessageItem | undefined {
  const m = insertOf<MessageItem>(change, 'message');
  return m && !m.internal && m.authorRole !== 'customer' ? m : undefined;
}

/**
 * When support answers publicly, the requester gets the answer by mail, in their language, with
 * a link to the ticket. Internal notes and the customer's own replies mail nobody.
 */
export const notifyRequesterOfAnswer: Effect = {
  name: 'notify-requester-of-answer',
  kinds: ['message'],
  applies: (change) => publicAnswerOf(change) !== undefined,
  async run(change) {
    const message = publicAnswerOf(change);
    if (!message) return;
    const [tenant, ticket] = await Promise.all([getTenant(change.tenantId), getTicket(change.tenantId, message.number)]);
    const requester = ticket && (await getUser(change.tenantId, ticket.requesterId));
    if (!tenant || !ticket || !requester) return;
    await sendMail(
      requester.email,
      mails.supportAnswered(requester.language ?? tenant.defaultLanguage, {
        portal: tenant.branding.title,
        name: requester.name,
        author: message.authorName,
        number: ticket.number,
        subject: ticket.subject,
        body: message.body,
        url: portalUrl(tenant.slug, `tickets/${ticket.number}`),
      }),
    );
  },
};
