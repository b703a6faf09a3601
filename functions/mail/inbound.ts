/**
 * Inbound mail (issue 8). In AWS an SES receipt rule for INBOUND_MAIL_DOMAIN first stores the
 * raw mail in the bucket under `inbound/{SES message id}`, then invokes this function with the
 * SES notification (envelope recipients in `receipt.recipients`). Locally the SMTP server
 * (`infra/local/smtp.ts`) stores the mail the same way and invokes this with the same shape,
 * naming its object in `receipt.action.objectKey`. Parse → shared → return.
 */
import type { Context } from 'aws-lambda';
import { INBOUND_PREFIX, receiveMail, type InboundOutcome } from '../../shared/mail/inbound.ts';
import { loggerFor } from '../_lib/logger.ts';

/** The parts of an SES receipt notification this reads. */
export interface SesReceiptEvent {
  Records: {
    ses: {
      mail: { messageId: string };
      receipt: { recipients: string[]; action?: { type?: string; objectKey?: string } };
    };
  }[];
}

const logger = loggerFor('helpdesk-inbound-mail');

/** Take in every mail of the event; each outcome is logged (a dropped mail with its reason). */
export async function handler(event: SesReceiptEvent, context?: Pick<Context, 'awsRequestId'>): Promise<{ outcomes: InboundOutcome[] }> {
  const outcomes: InboundOutcome[] = [];
  for (const { ses } of event.Records ?? []) {
    const key = ses.receipt.action?.objectKey ?? `${INBOUND_PREFIX}${ses.mail.messageId}`;
    const done = await receiveMail({ key, recipients: ses.receipt.recipients });
    for (const o of done) {
      // Addresses and reasons, never contents.
      const line = { ...o, key, requestId: context?.awsRequestId };
      if (o.result === 'dropped') logger.warn('inbound mail dropped', line);
      else logger.info('inbound mail taken in', line);
    }
    outcomes.push(...done);
  }
  return { outcomes };
}
