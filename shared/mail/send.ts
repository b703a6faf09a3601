import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { config, endpointFor } from '../config.ts';
import type { RenderedMail } from './templates.ts';

let client: SESv2Client | undefined;

/** Send one rendered mail through SES v2. */
export async function sendMail(to: string, mail: RenderedMail): Promise<void> {
  client ??= new SESv2Client({ endpoint: endpointFor('SESV2') });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: config.mailFrom,
      Destination: { ToAddresses: [to] },
      ConfigurationSetName: config.sesConfigurationSet,
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
}
