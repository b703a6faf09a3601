import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { deliveryEventFromDsn, deliveryEventsFromSes } from '../../shared/mail/delivery.ts';

const ours = '<t12.a1b2c3.abcdefghijklmnop@in.helpdesk.localhost>';

/** A bounce mail as Postfix writes it: RFC 3464 multipart/report with the original attached. */
const dsn = (opts: { action?: string; status?: string; diagnostic?: string; original?: 'rfc822' | 'headers' | 'none' } = {}) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
    'To: demo@in.helpdesk.localhost',
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I am sorry to have to inform you that your message could not be delivered.',
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    'Arrival-Date: Sat, 28 Nov 2026 22:00:00 +0000',
    '',
    'Final-Recipient: rfc822; Nobody@Example.org',
    'Original-Recipient: rfc822;nobody@example.org',
    `Action: ${opts.action ?? 'failed'}`,
    `Status: ${opts.status ?? '5.1.1'}`,
    ...(opts.diagnostic === '' ? [] : [`Diagnostic-Code: smtp; ${opts.diagnostic ?? '550 5.1.1 user unknown'}`]),
    '',
    ...(opts.original === 'none'
      ? []
      : [
          '--B',
          `Content-Type: ${opts.original === 'headers' ? 'text/rfc822-headers' : 'message/rfc822'}`,
          '',
          `Message-ID: ${ours}`,
          'From: "Demo Helpdesk" <demo@in.helpdesk.localhost>',
          'To: nobody@example.org',
          'Subject: [#12] Printer',
          '',
          ...(opts.original === 'headers' ? [] : ['Your answer.']),
        ]),
    '--B--',
    '',
  ].join('\r\n');

describe('a bounce mail', () => {
  it('reports a hard bounce of our mail to its recipient, with what the server said', async () => {
    expect(deliveryEventFromDsn(await simpleParser(dsn()))).toEqual({
      messageId: ours,
      recipient: 'nobody@example.org',
      type: 'bounce',
      permanent: true,
      detail: '550 5.1.1 user unknown',
    });
  });

  it('with only the original headers attached, or none but an In-Reply-To, still names our mail', async () => {
    expect(deliveryEventFromDsn(await simpleParser(dsn({ original: 'headers' })))?.messageId).toBe(ours);
    const withHeader = dsn({ original: 'none' }).replace('Auto-Submitted', `In-Reply-To: ${ours}\r\nAuto-Submitted`);
    expect(deliveryEventFromDsn(await simpleParser(withHeader))?.messageId).toBe(ours);
  });

  it('a 4.x.x failure is a soft bounce (not permanent); the status stands in for a missing diagnostic', async () => {
    expect(deliveryEventFromDsn(await simpleParser(dsn({ status: '4.2.2', diagnostic: '' })))).toMatchObject({
      type: 'bounce',
      permanent: false,
      detail: '4.2.2',
    });
  });

  it('a delay notice records nothing; a success notice is a delivery', async () => {
    expect(deliveryEventFromDsn(await simpleParser(dsn({ action: 'delayed', status: '4.4.1' })))).toBeUndefined();
    expect(deliveryEventFromDsn(await simpleParser(dsn({ action: 'delivered', status: '2.0.0', diagnostic: '250 2.0.0 OK' })))).toMatchObject({
      type: 'delivery',
      detail: '250 2.0.0 OK',
    });
  });

  it('an ordinary mail, or a report about no mail it names, is no delivery event', async () => {
    const plain = 'From: a@example.org\r\nTo: demo@in.helpdesk.localhost\r\nSubject: Hello\r\n\r\nFinal-Recipient: just text\r\n';
    expect(deliveryEventFromDsn(await simpleParser(plain))).toBeUndefined();
    expect(deliveryEventFromDsn(await simpleParser(dsn({ original: 'none' })))).toBeUndefined();
  });

  it('an abuse report (RFC 5965) is a complaint of the original recipient', async () => {
    const arf = [
      'From: feedback@isp.example',
      'To: demo@in.helpdesk.localhost',
      'Subject: Abuse report',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="F"',
      '',
      '--F',
      'Content-Type: text/plain',
      '',
      'This is an abuse report.',
      '--F',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'User-Agent: isp/1.0',
      'Version: 1',
      'Original-Rcpt-To: <someone@isp.example>',
      '',
      '--F',
      'Content-Type: message/rfc822',
      '',
      `Message-ID: ${ours}`,
      'To: someone@isp.example',
      'Subject: [#12] Printer',
      '',
      'Body',
      '--F--',
      '',
    ].join('\r\n');
    expect(deliveryEventFromDsn(await simpleParser(arf))).toEqual({
      messageId: ours,
      recipient: 'someone@isp.example',
      type: 'complaint',
      permanent: true,
      detail: 'abuse',
    });
  });
});

describe('an SES notification', () => {
  const mail = { messageId: '0100018c-ses-id', commonHeaders: { messageId: ours } };

  it('reports each bounced recipient; Permanent is a hard bounce; both ids name the mail', () => {
    const events = deliveryEventsFromSes({
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bouncedRecipients: [
          { emailAddress: 'A@example.org', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
          { emailAddress: 'b@example.org', status: '5.1.1' },
        ],
      },
      mail,
    });
    expect(events).toEqual([
      { messageId: ours, otherIds: ['0100018c-ses-id'], recipient: 'a@example.org', type: 'bounce', permanent: true, detail: '550 5.1.1 user unknown' },
      { messageId: ours, otherIds: ['0100018c-ses-id'], recipient: 'b@example.org', type: 'bounce', permanent: true, detail: '5.1.1' },
    ]);
  });

  it('as an event (configuration set) or inside a mail: complaints and deliveries too', async () => {
    expect(deliveryEventsFromSes({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'c@example.org' }] }, mail })[0]).toMatchObject({
      type: 'complaint',
      permanent: true,
      recipient: 'c@example.org',
    });
    expect(deliveryEventsFromSes({ eventType: 'Delivery', delivery: { recipients: ['d@example.org'], smtpResponse: '250 ok' }, mail })[0]).toMatchObject({
      type: 'delivery',
      detail: '250 ok',
    });
    const inMail = `From: no-reply@amazonses.com\r\nTo: demo@in.helpdesk.localhost\r\nSubject: Bounce\r\nContent-Type: text/plain\r\n\r\n${JSON.stringify({
      notificationType: 'Bounce',
      bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'e@example.org', status: '4.4.7' }] },
      mail,
    })}\r\n`;
    expect(deliveryEventFromDsn(await simpleParser(inMail))).toMatchObject({ type: 'bounce', permanent: false, recipient: 'e@example.org' });
    expect(deliveryEventsFromSes({ eventType: 'Send', mail })).toEqual([]);
  });
});
