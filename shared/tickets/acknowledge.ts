/** Acknowledgement of a new ticket to its requester (K15), an effect of the ticket's insert. */
import { nowIso } from '../ids.ts';
import { getTicketPartition, recordAcknowledgement } from '../db/store.ts';
import type { TicketItem } from '../db/items.ts';
import { insertOf } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { mails } from '../mail/templates.ts';
import { earlierMailIds, mailRequester } from './notify.ts';

/**
 * Tell the requester that their ticket arrived. The ticket records the acknowledgement only
 * after the mail went out, so the history never claims a mail that failed. A ticket merged
 * into another before this ran gets none: the merge notice (`merge/effects.ts`) is the one mail
 * the requester gets about it, not an acknowledgement of a ticket that is already closed.
 */
export const acknowledgeNewTicket: Effect = {
  name: 'acknowledge-ticket',
  kinds: ['ticket'],
  applies: (change) => {
    const t = insertOf<TicketItem>(change, 'ticket');
    // A part of a split ticket is internal work (the requester hears of it on its parent, if
    // transparent); a task staff opened for themselves has no customer to tell.
    // A mail nobody may answer (auto-reply, bounce, list: `noReply`, issue 8) gets none either: no mail loops.
    return t !== undefined && t.parentNumber === undefined && !(t.type === 'task' && t.requesterId === t.createdBy) && !t.noReply;
  },
  async run(change) {
    const ticket = insertOf<TicketItem>(change, 'ticket');
    if (!ticket) return;
    // The ticket as it is now (the thread's Message-IDs come with it, for the mail's references).
    const now = await getTicketPartition(change.tenantId, ticket.number);
    if (!now || now.ticket.mergedInto !== undefined) return;
    const outcome = await mailRequester(
      change.tenantId,
      ticket,
      ({ lang, tenant, requester, url }) =>
        mails.ticketAcknowledged(lang, { portal: tenant.branding.title, name: requester.name, number: ticket.number, subject: ticket.subject, url }),
      { auto: 'auto-replied', references: earlierMailIds(now.messages) },
    );
    if (outcome.status === 'sent') await recordAcknowledgement(change.tenantId, ticket.number, nowIso());
  },
};
