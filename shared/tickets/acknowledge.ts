import { portalUrl } from '../config.ts';
import { nowIso } from '../ids.ts';
import { getTenant, getTicket, getUser, markAcknowledged } from '../db/store.ts';
import { mails } from '../mail/templates.ts';
import { sendMail } from '../mail/send.ts';
import type { TicketWorkflowInput } from '../workflow/definition.ts';

/**
 * Tell the requester that a ticket arrived (K15). Marked on the ticket before sending, so a
 * retried workflow step never mails twice.
 */
export async function acknowledgeTicket({ tenantId, number }: TicketWorkflowInput): Promise<{ sent: boolean }> {
  const [tenant, ticket] = await Promise.all([getTenant(tenantId), getTicket(tenantId, number)]);
  const requester = ticket && (await getUser(tenantId, ticket.requesterId));
  // The account's own (verified) address, never one typed into the ticket: no mail to strangers.
  if (!tenant || !ticket || !requester || !(await markAcknowledged(tenantId, number, nowIso()))) return { sent: false };
  const to = requester.email;
  const lang = requester.language ?? tenant.defaultLanguage;
  await sendMail(
    to,
    mails.ticketAcknowledged(lang, {
      portal: tenant.branding.title,
      name: requester.name,
      number,
      subject: ticket.subject,
      url: portalUrl(tenant.slug, `tickets/${number}`),
    }),
  );
  return { sent: true };
}
