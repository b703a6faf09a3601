/** Acknowledgement of a new ticket to its requester (K15), an effect of the ticket's insert. */
import { portalUrl } from '../config.ts';
import { nowIso } from '../ids.ts';
import { getTenant, getUser, recordAcknowledgement } from '../db/store.ts';
import type { TicketItem } from '../db/items.ts';
import { insertOf } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { mails } from '../mail/templates.ts';
import { sendMail } from '../mail/send.ts';

/**
 * Tell the requester that their ticket arrived, at the account's own address (never one typed
 * into the ticket: no mail to strangers), in the requester's language. The ticket records the
 * acknowledgement only after the mail went out, so the history never claims a mail that failed.
 */
export const acknowledgeNewTicket: Effect = {
  name: 'acknowledge-ticket',
  kinds: ['ticket'],
  applies: (change) => insertOf(change, 'ticket') !== undefined,
  async run(change) {
    const ticket = insertOf<TicketItem>(change, 'ticket');
    if (!ticket) return;
    const [tenant, requester] = await Promise.all([getTenant(change.tenantId), getUser(change.tenantId, ticket.requesterId)]);
    if (!tenant || !requester) return;
    await sendMail(
      requester.email,
      mails.ticketAcknowledged(requester.language ?? tenant.defaultLanguage, {
        portal: tenant.branding.title,
        name: requester.name,
        number: ticket.number,
        subject: ticket.subject,
        url: portalUrl(tenant.slug, `tickets/${ticket.number}`),
      }),
    );
    await recordAcknowledgement(change.tenantId, ticket.number, nowIso());
  },
};
