import { config } from '../config.ts';
import { nowIso } from '../ids.ts';
import { getTenant, getTicketPartition, getUser, markAcknowledged } from '../db/store.ts';
import { mails } from '../mail/templates.ts';
import { sendMail } from '../mail/send.ts';
import type { TicketWorkflowInput } from '../workflow/definition.ts';

/**
 * Tell the requester that a ticket arrived (K15). Marked on the ticket before sending, so a
 * retried workflow step never mails twice.
 */
export async function acknowledgeTicket({ tenantId, number }: TicketWorkflowInput): Promise<{ sent: boolean }> {
  const [tenant, p] = await Promise.all([getTenant(tenantId), getTicketPartition(tenantId, number)]);
  if (!tenant || !p) return { sent: false };
  const to = p.ticket.contact.email;
  if (!to || !(await markAcknowledged(tenantId, number, nowIso()))) return { sent: false };
  const requester = await getUser(tenantId, p.ticket.requesterId);
  const lang = requester?.language ?? tenant.defaultLanguage;
  await sendMail(
    to,
    mails.ticketAcknowledged(lang, {
      portal: tenant.branding.title,
      name: p.ticket.contact.name,
      number,
      subject: p.ticket.subject,
      url: `${config.publicUrl}/${tenant.slug}/tickets/${number}`,
    }),
  );
  return { sent: true };
}
