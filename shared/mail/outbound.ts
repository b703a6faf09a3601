/**
 * The one sending path of mail about a ticket (issue 8, M2/N1): from the tenant's own name and
 * inbound address, `Reply-To` carrying the signed reply token, a `Message-ID` of ours (its token
 * threads a reply that quotes it), `In-Reply-To`/`References` to the ticket's thread root and earlier mails,
 * branded HTML and text, attachments. The raw MIME is built by nodemailer's MailComposer and
 * sent through SES v2 `Content.Raw` (so headers and attachments reach the recipient as built).
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { config, endpointFor } from '../config.ts';
import { tenantMailSecret } from '../db/mail.ts';
import type { TenantItem } from '../db/items.ts';
import { replyAddress, ticketMessageId, ticketThreadId } from './token.ts';
import type { RenderedMail } from './templates.ts';

let client: SESv2Client | undefined;

/** The SES message tag naming the tenant of a mail (`functions/mail/ses-events.ts` reads it back). */
export const SES_TENANT_TAG = 'tenant';

/** A file to attach, with its bytes. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One mail about one ticket. */
export interface TicketMail {
  tenant: Pick<TenantItem, 'id' | 'slug' | 'name' | 'mailSecret'>;
  number: number;
  to: string;
  mail: RenderedMail;
  /** The ticket's earlier Message-IDs, oldest first: the last is answered (`In-Reply-To`). */
  references?: readonly string[];
  attachments?: readonly MailAttachment[];
  /** RFC 3834: a mail no person wrote (acknowledgement, notification) says so, so auto-responders stay quiet. */
  auto?: 'auto-replied' | 'auto-generated';
}

/** The ticket's sending address, `{slug}@{inbound domain}` (in AWS an SES identity of the stack). */
export const tenantAddress = (slug: string) => `${slug}@${config.inboundMailDomain}`;

/** References a mail carries: the first (the thread's root) and the latest ones (RFC 5322 allows trimming the middle). */
function trimmed(refs: readonly string[]): string[] {
  const unique = [...new Set(refs)];
  return unique.length <= 12 ? unique : [unique[0]!, ...unique.slice(-11)];
}

/**
 * The raw MIME source of a ticket mail and its Message-ID (pure apart from the random id part).
 * Every mail names the ticket's thread root first in `References` (and answers it when there is
 * nothing later), so a mail program keeps the ticket's mails, of whatever kind, in one conversation.
 */
export async function composeTicketMail(secret: string, m: TicketMail): Promise<{ raw: Buffer; mailMessageId: string }> {
  const domain = config.inboundMailDomain;
  const mailMessageId = ticketMessageId(secret, m.tenant.id, m.number, domain);
  const references = trimmed([ticketThreadId(secret, m.tenant.id, m.number, domain), ...(m.references ?? [])]);
  const raw = await new MailComposer({
    from: { name: m.tenant.name, address: tenantAddress(m.tenant.slug) },
    to: m.to,
    replyTo: replyAddress(secret, m.tenant, m.number, domain),
    subject: m.mail.subject,
    text: m.mail.text,
    html: m.mail.html,
    messageId: mailMessageId,
    inReplyTo: references.at(-1),
    references,
    ...(m.auto && { headers: { 'Auto-Submitted': m.auto } }),
    attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  })
    .compile()
    .build();
  return { raw, mailMessageId };
}

/**
 * Send a mail about a ticket. Returns its Message-ID (to record on the message and in the
 * Message-ID records) and SES's own id. Throws when SES refuses it (the effect is retried).
 */
export async function sendTicketMail(m: TicketMail): Promise<{ mailMessageId: string; sesMessageId?: string }> {
  const secret = await tenantMailSecret(m.tenant.id, m.tenant);
  if (!secret) throw new Error(`tenant ${m.tenant.id} not found`);
  const { raw, mailMessageId } = await composeTicketMail(secret, m);
  client ??= new SESv2Client({ endpoint: endpointFor('SESV2') });
  const r = await client.send(
    new SendEmailCommand({
      FromEmailAddress: tenantAddress(m.tenant.slug),
      Destination: { ToAddresses: [m.to] },
      ConfigurationSetName: config.sesConfigurationSet,
      // SES events (bounce, complaint, delivery) carry the tags: they name the tenant to record them in.
      EmailTags: [{ Name: SES_TENANT_TAG, Value: m.tenant.id }],
      Content: { Raw: { Data: raw } },
    }),
  );
  return { mailMessageId, ...(r.MessageId && { sesMessageId: r.MessageId }) };
}
