/**
 * The demo tenant's inbound mail (issue 8): real mails, composed as a mail program would send
 * them (nodemailer's MailComposer), stored under `inbound/` and handed to the same inbound
 * function SES and the local SMTP server invoke: a new customer's HTML mail with a screenshot
 * shown inline and a PDF, her reply threaded by In-Reply-To, a mail to the organisation's own
 * support address routed to its team, and an out-of-office answer that gets no acknowledgement.
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Actor } from '../../shared/auth/actor.ts';
import { config } from '../../shared/config.ts';
import { listTeamItems } from '../../shared/db/store.ts';
import { putObject } from '../../shared/files/storage.ts';
import { INBOUND_PREFIX } from '../../shared/mail/inbound.ts';
import { getInboundSettings, updateInboundSettings } from '../../shared/mail/settings.ts';
import { handler } from '../../functions/mail/inbound.ts';
import { demoPdf, demoScreenshot } from './seed-files.ts';

/**
 * The bank statement "screenshot" shown inline in Petra's mail, and the invoice PDF: real files a
 * viewer can open (a hand-written 16×16 PNG here once had too few pixel bytes, so browsers drew
 * an empty box where the inline image belonged).
 */
const PNG = Buffer.from(demoScreenshot());
const PDF = Buffer.from(demoPdf(['Rechnung 2025-118', 'Betrag: 249,00 EUR', 'Abgebucht am 03.11. und am 04.11.']));

/** Send one composed mail through the inbound function, as the receipt rule would; returns what it became. */
async function deliver(mail: Mail.Options, recipients: string[]): Promise<string> {
  const raw = await new MailComposer(mail).compile().build();
  const id = randomUUID();
  const objectKey = `${INBOUND_PREFIX}${id}.eml`;
  await putObject(objectKey, raw, 'message/rfc822');
  const { outcomes } = await handler({ Records: [{ ses: { mail: { messageId: id }, receipt: { recipients, action: { type: 'S3', objectKey } } } }] });
  return outcomes.map((o) => o.result).join(',');
}

export async function seedInboundMail(admin: Actor, slug: string): Promise<void> {
  const inbound = `${slug}@${config.inboundMailDomain}`;
  const team = (await listTeamItems(admin.tenantId))[0];
  const settings = await getInboundSettings(admin);
  await updateInboundSettings(admin, {
    supportAddresses: [{ address: 'support@demo.example', ...(team && { teamId: team.teamId }) }],
    reopenGraceDays: 14,
    version: settings.version,
  });

  const petra = 'Petra Post <petra.post@kunde-c.example>';
  const firstId = `<demo-${randomUUID()}@kunde-c.example>`;
  await deliver(
    {
      from: petra,
      to: inbound,
      subject: 'Rechnung doppelt abgebucht',
      messageId: firstId,
      text: 'Guten Tag,\n\ndie Rechnung 2025-118 wurde zweimal abgebucht, siehe Screenshot und Kontoauszug.\n\n-- \nPetra Post\nKunde C GmbH',
      html:
        '<p>Guten Tag,</p><p>die Rechnung <b>2025-118</b> wurde <u>zweimal</u> abgebucht, siehe Screenshot und Kontoauszug.</p>' +
        '<p><img src="cid:auszug@kunde-c.example" alt="Kontoauszug"></p>' +
        '<img src="https://tracker.kunde-c.example/open.gif" width="1" height="1" alt="">' +
        '<div class="gmail_signature">Petra Post<br>Kunde C GmbH</div>',
      attachments: [
        { filename: 'kontoauszug.png', content: PNG, cid: 'auszug@kunde-c.example', contentType: 'image/png' },
        { filename: 'rechnung-2025-118.pdf', content: PDF, contentType: 'application/pdf' },
      ],
    },
    [inbound],
  );
  await deliver(
    {
      from: petra,
      to: inbound,
      subject: 'AW: Rechnung doppelt abgebucht',
      inReplyTo: firstId,
      references: [firstId],
      text: 'Nachtrag: es betrifft auch die Rechnung 2025-119.\n\nAm 3. November schrieb Petra Post:\n> die Rechnung 2025-118 wurde zweimal abgebucht',
    },
    [inbound],
  );
  // Forwarded from the organisation's own address: routed to its team.
  await deliver(
    {
      from: 'Tom Tester <tom@kunde-d.example>',
      to: 'support@demo.example',
      subject: 'Login failed after password change',
      text: 'Hello,\n\nsince I changed my password I cannot sign in.\n\nOn Mon, Nov 3, 2025 Support wrote:\n> Your password was changed.',
    },
    ['support@demo.example'],
  );
  // An out-of-office answer: stored, but no acknowledgement goes back (no mail loop).
  await deliver(
    {
      from: 'Urlaub <otto.abwesend@kunde-e.example>',
      to: inbound,
      subject: 'Abwesenheitsnotiz: Ihre Anfrage',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Ich bin bis 10. November nicht im Büro.',
    },
    [inbound],
  );
}
