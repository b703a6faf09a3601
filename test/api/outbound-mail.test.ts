/**
 * Answers go out as real mail (issue 8, M2): the answer itself, from the tenant's name, with
 * the ticket tag, a Reply-To whose token verifies, threading headers and the answer's files, in
 * the requester's language; nothing for notes and answers awaiting review; one mail per answer
 * however often the stream delivers it; and a bounce stops mail to that address until cleared.
 * Mail is read as the recipient's program reads it: the raw source from the SES stand-in's store.
 *
 * Waiting: a positive expectation polls the store (bounded). An absence is asserted only after a
 * later answer on the same ticket has arrived: the stream consumer handles one ticket's changes
 * in order, so everything before that later answer has been handled too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { config } from '../../shared/config.ts';
import { getTicket, getTicketPartition } from '../../shared/db/store.ts';
import { tenantMailSecret } from '../../shared/db/mail.ts';
import type { MessageItem } from '../../shared/db/items.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { parseInboundAddress, parseTicketMessageId, verifyTicket } from '../../shared/mail/token.ts';
import { deliveryEventFromDsn, recordDeliveryEvent } from '../../shared/mail/delivery.ts';
import { storeAttachment } from '../../shared/attachments/store.ts';
import { commitTicketChange } from '../../shared/tickets/commit.ts';
import { notifyRequesterOfAnswer } from '../../shared/tickets/notify.ts';
import { putInStage } from '../support/stages.ts';
import { mailTo, parsedMail, waitForMail, type SentMail } from '../support/mail.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;
type Staff = Awaited<ReturnType<typeof newStaff>>;

const domain = config.inboundMailDomain;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let a: TestTenant;
let b: TestTenant;
let alex: Staff; // agent of a
let bob: Staff; // agent of b
let cora: Customer; // a's customer, reads German
let carl: Customer; // a's second customer
let otto: Customer; // b's customer

beforeAll(async () => {
  a = await newTenant('outbound-a');
  b = await newTenant('outbound-b');
  [alex, bob] = await Promise.all([newStaff(a, 'agent', 'Alex Agent'), newStaff(b, 'agent', 'Bob Other')]);
  [cora, carl, otto] = await Promise.all([newCustomer(a, 'Cora Kundin', { language: 'de' }), newCustomer(a, 'Carl Second'), newCustomer(b, 'Otto Other')]);
});

/** A customer's new ticket, in progress with an agent of its tenant (as assignment would leave it: the assignee answers). */
async function newTicket(c: Customer, subject: string, assignee: Staff = alex, name = 'Alex Agent'): Promise<number> {
  const r = await c.client.post('/api/v1/tickets', { subject, description: `${subject}, please help` });
  expect(r.status, r.text).toBe(201);
  const n = r.json.ticket.number as number;
  await putInStage(assignee === bob ? b.id : a.id, n, { stage: 'in_progress', assigneeId: assignee.id, assigneeName: name });
  return n;
}

async function answer(staff: Staff, n: number, body: string, internal = false) {
  const r = await staff.client.post(`/api/v1/tickets/${n}/messages`, { body, internal });
  expect(r.status, r.text).toBe(201);
  return r.json as { id: string };
}

/** Mails about ticket `n` to `c` that carry an answer (the acknowledgement says "erhalten"/"received"). */
const answersTo = async (c: Customer, n: number) =>
  (await mailTo(c.email)).filter((m) => m.subject.startsWith(`[#${n}]`) && /geantwortet|answered/.test(m.body.text ?? ''));

/** Wait for the answer mail to `c` on ticket `n` that contains `text`. */
const answerMail = (c: Customer, n: number, text: string, notIn?: SentMail[]) =>
  waitForMail(c.email, { subject: `[#${n}]`, ...(notIn && { notIn }), tries: 400 }).then(async function find(m): Promise<SentMail> {
    if ((m.body.text ?? '').includes(text)) return m;
    return waitForMail(c.email, { subject: `[#${n}]`, notIn: [...(notIn ?? []), m], tries: 400 }).then(find);
  });

/** The stored message, as the stream consumer left it. */
async function storedMessage(tenantId: string, n: number, id: string): Promise<MessageItem> {
  return (await getTicketPartition(tenantId, n))!.messages.find((m) => m.id === id)!;
}

/** Wait until the effect recorded the message's mail (it sends first, then records: the mail may be seen before). */
async function recorded(tenantId: string, n: number, id: string): Promise<MessageItem> {
  await expect.poll(async () => (await storedMessage(tenantId, n, id)).deliveryStatus, { timeout: 30_000, interval: 100 }).toBe('sent');
  return storedMessage(tenantId, n, id);
}

/** Staff's view of one message of a ticket. */
async function staffMessage(staff: Staff, n: number, id: string) {
  const r = await staff.client.get(`/api/v1/tickets/${n}`);
  expect(r.status, r.text).toBe(200);
  return { message: r.json.messages.find((m: { id: string }) => m.id === id), history: r.json.history as { type: string; to?: string }[] };
}

describe('a public answer', () => {
  it('arrives as a mail: the answer itself, the tenant as sender, the ticket tag, a verifying Reply-To, threading headers, the files, the requester’s language', async () => {
    const n = await newTicket(cora, 'Drucker druckt blass');
    const ack = await waitForMail(cora.email, { subject: `[#${n}]` });
    const first = await answer(alex, n, 'Bitte tauschen Sie den Toner.\nDer neue liegt im Schrank.');
    const mail = await answerMail(cora, n, 'Bitte tauschen Sie den Toner.');
    const parsed = await parsedMail(mail);
    await recorded(a.id, n, first.id);

    // The answer itself, in German, with the tag and the tenant's name as the sender.
    expect(parsed.subject).toBe(`[#${n}] Drucker druckt blass`);
    expect(parsed.text).toContain('Alex Agent hat auf Ihre Anfrage');
    expect(parsed.text).toContain('Bitte tauschen Sie den Toner.\nDer neue liegt im Schrank.');
    expect(parsed.text).toContain('Antworten Sie einfach auf diese E-Mail');
    expect(parsed.from?.value[0]).toEqual({ name: `Org ${a.slug}`, address: `${a.slug}@${domain}` });
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0]?.address).toBe(cora.email);

    // Reply-To carries a token of this ticket that verifies under the tenant's secret, and no other tenant's.
    const replyTo = parsed.replyTo!.value[0]!.address!;
    const token = parseInboundAddress(replyTo, domain)!;
    expect(token).toMatchObject({ slug: a.slug, number: n });
    const secret = (await tenantMailSecret(a.id))!;
    expect(verifyTicket(secret, a.id, n, token.sig!)).toBe(true);
    expect(verifyTicket((await tenantMailSecret(b.id))!, b.id, n, token.sig!)).toBe(false);

    // Its Message-ID is ours (token of the ticket) and recorded on the message, which shows `sent` to staff only.
    const messageId = parsed.messageId!;
    expect(verifyTicket(secret, a.id, n, parseTicketMessageId(messageId, domain)!.sig)).toBe(true);
    expect((await storedMessage(a.id, n, first.id)).mailMessageId).toBe(messageId);
    expect((await staffMessage(alex, n, first.id)).message.deliveryStatus).toBe('sent');
    const own = (await cora.client.get(`/api/v1/tickets/${n}`)).json.messages.find((m: { id: string }) => m.id === first.id);
    expect(own.body).toContain('Toner');
    expect(own.deliveryStatus).toBeUndefined();
    expect(ack.messageId).not.toBe(mail.messageId);

    // A second answer with a PDF: the file's bytes are attached, and it refers to the first mail.
    const ticket = (await getTicket(a.id, n))!;
    const id = newId();
    const pdf = await storeAttachment(a.id, {
      name: 'Anleitung.pdf',
      bytes: PDF,
      declaredType: 'application/pdf',
      by: alex.id,
      at: { number: n, messageId: id },
    });
    const at = nowIso();
    const withFile: MessageItem = {
      kind: 'message',
      id,
      number: n,
      body: 'Hier die Anleitung.',
      internal: false,
      authorId: alex.id,
      authorName: 'Alex Agent',
      authorRole: 'agent',
      createdAt: at,
      channel: 'portal',
      attachments: [pdf],
    };
    await commitTicketChange(a.id, ticket, { ...ticket, updatedAt: at }, [withFile]);
    const second = await parsedMail(await answerMail(cora, n, 'Hier die Anleitung.'));
    expect(second.attachments.map((f) => [f.filename, f.contentType])).toEqual([['Anleitung.pdf', 'application/pdf']]);
    expect(Buffer.compare(second.attachments[0]!.content, PDF)).toBe(0);
    expect(second.text).toContain('Angehängt: Anleitung.pdf');
    expect(second.inReplyTo).toBe(messageId);
    expect(second.references).toContain(messageId);
    expect(second.messageId).not.toBe(messageId);

    // Nobody else heard of it: the other customer, the other tenant's customer.
    expect(await answersTo(carl, n)).toHaveLength(0);
    expect(await answersTo(otto, n)).toHaveLength(0);
  });

  it('reaches an English-speaking requester in English', async () => {
    const n = await newTicket(carl, 'Mouse is stuck');
    await answer(alex, n, 'Please clean the sensor.');
    const mail = await answerMail(carl, n, 'Please clean the sensor.');
    expect(mail.body.text).toContain('Alex Agent has answered your request');
    expect(mail.body.text).toContain('Simply reply to this email');
  });

  it('is one mail per answer: a note or an answer awaiting review sends nothing, a redelivered change no second mail', async () => {
    const n = await newTicket(carl, 'Headset crackles');
    await answer(alex, n, 'Internal: order a new one', true);
    const review = await alex.client.post(`/api/v1/tickets/${n}/answer-to-coordinator`, { body: 'Draft: a new headset is on its way' });
    expect(review.status, review.text).toBe(201);
    await putInStage(a.id, n, { stage: 'in_progress' });
    const sent = await answer(alex, n, 'A new headset is on its way.');
    await answerMail(carl, n, 'A new headset is on its way.');
    const mails = await answersTo(carl, n);
    expect(mails.map((m) => m.body.text?.includes('A new headset is on its way.'))).toEqual([true]);
    expect(mails[0]!.body.text).not.toContain('order a new one');
    expect(mails[0]!.body.text).not.toContain('Draft');

    // The same insert delivered again (a redelivery, a replay of the stream), once the first delivery recorded its mail: twice more.
    const stored = await recorded(a.id, n, sent.id);
    const { deliveryStatus: _s, mailMessageId: _m, ...asInserted } = stored;
    for (const id of ['redelivered-1', 'redelivered-2'])
      await notifyRequesterOfAnswer.run({ id, type: 'insert', tenantId: a.id, kind: 'message', new: { ...asInserted } });
    expect(await answersTo(carl, n)).toHaveLength(1);
    expect((await storedMessage(a.id, n, sent.id)).mailMessageId).toBe(stored.mailMessageId);
  });
});

describe('the mails about one ticket', () => {
  it('are one conversation in a mail program: acknowledgement and answers name the ticket’s own thread root first in References', async () => {
    // A portal request: no mail of the customer's starts the thread, yet the acknowledgement and the answer thread together.
    const n = await newTicket(carl, 'Dock does not charge');
    const ack = await parsedMail(await waitForMail(carl.email, { subject: `[#${n}]` }));
    await answer(alex, n, 'Please try the other USB-C port.');
    const reply = await parsedMail(await answerMail(carl, n, 'Please try the other USB-C port.'));

    const refs = (m: typeof ack) => (typeof m.references === 'string' ? [m.references] : (m.references ?? []));
    const root = refs(ack)[0]!;
    expect(root).toMatch(/^<t\d+\.0\./);
    expect(ack.inReplyTo).toBe(root);
    expect(refs(reply)[0]).toBe(root);
    expect(reply.inReplyTo).toBeDefined();
    // The root is a Message-ID of ours naming this ticket (a reply quoting only it threads by its token), and no other ticket's.
    const secret = (await tenantMailSecret(a.id))!;
    const token = parseTicketMessageId(root, domain)!;
    expect(token.number).toBe(n);
    expect(verifyTicket(secret, a.id, n, token.sig)).toBe(true);
    const other = await newTicket(carl, 'Screen flickers');
    const otherAck = await parsedMail(await waitForMail(carl.email, { subject: `[#${other}]` }));
    expect(refs(otherAck)[0]).not.toBe(root);
  });
});

/** A bounce as a remote mail server writes it (RFC 3464), about the mail with `messageId` to `to`. */
const bounce = (messageId: string, to: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
    `To: ${a.slug}@${domain}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.example',
    '',
    `Final-Recipient: rfc822; ${to}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    '',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${messageId}`,
    `To: ${to}`,
    '',
    '--B--',
    '',
  ].join('\r\n');

describe('a bounce of our mail', () => {
  it('marks the message, records the failure, suppresses the address: the next answer is not sent until the suppression is cleared', async () => {
    const hannah = await newCustomer(a, 'Hannah Bounce');
    const n = await newTicket(hannah, 'Laptop will not start');
    const first = await answer(alex, n, 'Hold the power button for ten seconds.');
    const mail = await parsedMail(await answerMail(hannah, n, 'Hold the power button'));
    await recorded(a.id, n, first.id);
    const dsn = await simpleParser(bounce(mail.messageId!, hannah.email));
    const event = deliveryEventFromDsn(dsn)!;
    expect(event).toMatchObject({ type: 'bounce', permanent: true, recipient: hannah.email });

    // The other tenant cannot touch it: the same report under b names no mail of b's.
    expect(await recordDeliveryEvent(b.id, event)).toBe('unknown_message');
    expect((await staffMessage(alex, n, first.id)).message.deliveryStatus).toBe('sent');

    expect(await recordDeliveryEvent(a.id, event)).toBe('recorded');
    expect(await recordDeliveryEvent(a.id, event)).toBe('repeated'); // the same report again changes nothing
    const seen = await staffMessage(alex, n, first.id);
    expect(seen.message).toMatchObject({ deliveryStatus: 'bounced', deliveryDetail: '550 5.1.1 user unknown' });
    expect(seen.history.filter((h) => h.type === 'delivery_failed')).toEqual([expect.objectContaining({ to: '550 5.1.1 user unknown' })]);
    const hers = (await hannah.client.get(`/api/v1/tickets/${n}`)).json;
    expect(hers.messages.find((m: { id: string }) => m.id === first.id).deliveryStatus).toBeUndefined();
    expect(hers.history.map((h: { type: string }) => h.type)).not.toContain('delivery_failed');

    // Staff see the contact's mail is suppressed; another tenant's staff and another customer cannot read or clear it.
    const status = await alex.client.get(`/api/v1/users/${hannah.id}/mail-suppression`);
    expect(status.status, status.text).toBe(200);
    expect(status.json).toMatchObject({ suppressed: true, reason: 'hard_bounce', detail: '550 5.1.1 user unknown' });
    expect((await bob.client.get(`/api/v1/users/${hannah.id}/mail-suppression`)).status).toBe(404);
    expect((await carl.client.delete(`/api/v1/users/${hannah.id}/mail-suppression`)).status).toBe(404);

    // The next answer is not mailed; the message says so.
    const next = await answer(alex, n, 'Did that help?');
    await expect.poll(async () => (await staffMessage(alex, n, next.id)).message.deliveryStatus, { timeout: 30_000, interval: 100 }).toBe('suppressed');
    expect((await mailTo(hannah.email)).filter((m) => m.body.text?.includes('Did that help?'))).toHaveLength(0);

    // Cleared by staff (say the customer fixed their mailbox): the next answer goes out again.
    const cleared = await alex.client.delete(`/api/v1/users/${hannah.id}/mail-suppression`);
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json).toEqual({ suppressed: false });
    await answer(alex, n, 'Try once more, please.');
    await answerMail(hannah, n, 'Try once more, please.');
  });

  it('by complaint suppresses too; a delivery report marks the message delivered', async () => {
    const n = await newTicket(otto, 'Scanner offline', bob, 'Bob Other');
    const first = await answer(bob, n, 'Restart the scanner.');
    const mail = await parsedMail(await answerMail(otto, n, 'Restart the scanner.'));
    await recorded(b.id, n, first.id);
    expect(
      await recordDeliveryEvent(b.id, { messageId: mail.messageId!, recipient: otto.email, type: 'delivery', permanent: false, detail: '250 2.0.0 OK' }),
    ).toBe('recorded');
    expect((await staffMessage(bob, n, first.id)).message).toMatchObject({ deliveryStatus: 'delivered', deliveryDetail: '250 2.0.0 OK' });
    expect(await recordDeliveryEvent(b.id, { messageId: mail.messageId!, recipient: otto.email, type: 'complaint', permanent: true, detail: 'abuse' })).toBe(
      'recorded',
    );
    expect((await staffMessage(bob, n, first.id)).message.deliveryStatus).toBe('complained');
    expect((await bob.client.get(`/api/v1/users/${otto.id}/mail-suppression`)).json).toMatchObject({ suppressed: true, reason: 'complaint' });
    // The customer sees and clears their own.
    expect((await otto.client.get(`/api/v1/users/${otto.id}/mail-suppression`)).json).toMatchObject({ suppressed: true });
    expect((await otto.client.delete(`/api/v1/users/${otto.id}/mail-suppression`)).json).toEqual({ suppressed: false });
  });
});
