/**
 * Delivery events of the mail we send (issue 8): the SES configuration set publishes bounce,
 * complaint and delivery events to an SNS topic, which invokes this function. Each event is
 * recorded on the message it is about and, for a hard bounce or a complaint, on the contact
 * (`shared/mail/delivery.ts`). Locally a bounce mail to the inbound SMTP port does the same.
 * Parse → shared → return.
 */
import type { Context, SNSEvent } from 'aws-lambda';
import { recordSesNotification, type DeliveryOutcome } from '../../shared/mail/delivery.ts';
import { loggerFor } from '../_lib/logger.ts';

const logger = loggerFor('helpdesk-ses-events');

/** Record every event of every SNS record; a message that is not JSON is logged and skipped (SNS would only retry it). */
export async function handler(event: SNSEvent, context?: Pick<Context, 'awsRequestId'>): Promise<{ outcomes: DeliveryOutcome[] }> {
  const outcomes: DeliveryOutcome[] = [];
  for (const record of event.Records ?? []) {
    let json: unknown;
    try {
      json = JSON.parse(record.Sns.Message);
    } catch {
      logger.warn('SES event is not JSON', { messageId: record.Sns.MessageId, requestId: context?.awsRequestId });
      continue;
    }
    const done = await recordSesNotification(json);
    // Outcomes only, never addresses or contents.
    logger.info('SES event recorded', { messageId: record.Sns.MessageId, outcomes: done, requestId: context?.awsRequestId });
    outcomes.push(...done);
  }
  return { outcomes };
}
