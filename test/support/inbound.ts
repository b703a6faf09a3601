/**
 * Sending mail to the product as a mail server would: through the local stack's real SMTP port
 * (`infra/local/smtp.ts`). The server answers once the mail is taken in, so a ticket made of it
 * exists when these return.
 *
 *   await sendInbound({ from: 'cora@customer.example', to: inboundAddress(t), subject: 'Printer', text: 'It jams.' });
 *   await sendRaw(readFileSync('test/fixtures/mail/latin1.eml'), { from: 'x@y.example', to: [inboundAddress(t)] });
 */
import { inject } from 'vitest';
import { createTransport } from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';

export const INBOUND_DOMAIN = process.env.INBOUND_MAIL_DOMAIN ?? 'in.helpdesk.localhost';

/** A tenant's inbound address. */
export const inboundAddress = (t: { slug: string }) => `${t.slug}@${INBOUND_DOMAIN}`;

const transport = () =>
  createTransport({
    host: '127.0.0.1',
    port: inject('smtpPort'),
    secure: false,
    ignoreTLS: true,
    pool: false,
    connectionTimeout: 30_000,
    socketTimeout: 60_000,
  });

/** Send a mail composed from parts (nodemailer's message options: from, to, subject, text, html, headers, attachments, …). */
export async function sendInbound(mail: SendMailOptions): Promise<{ messageId: string; response: string }> {
  const info = await transport().sendMail(mail);
  return { messageId: info.messageId, response: info.response };
}

/** Send raw RFC 5322 bytes with an explicit envelope (what the SMTP client says, not what the headers say). */
export async function sendRaw(raw: Buffer | string, envelope: { from: string; to: string[] }): Promise<{ response: string }> {
  const info = await transport().sendMail({ envelope, raw });
  return { response: info.response };
}
