/**
 * Side effects come from the table's change stream, after the write: acknowledgement, the
 * ticket's timers, the mail about support's answer. Each happens once per change, and a
 * failure is retried until it happens. This suite runs its own table and stream consumer (the
 * real handler, polled like the event source mapping does), so it controls every delivery.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ensureTable } from '../../infra/local/dynamodb.ts';
import { startStreamPoller, type StreamPoller } from '../../infra/local/streams.ts';
import { addMessage, createTicket, getTicket } from '../../shared/tickets/tickets.ts';
import { timerExecutionName } from '../../shared/workflow/start.ts';
import type { Actor } from '../../shared/auth/actor.ts';
import type { Language } from '../../shared/tenancy/schemas.ts';
import { mailTo } from '../support/mail.ts';
import { customerOf, signedUpOrg, unique } from '../support/actors.ts';

// A table of its own: the shared stack's consumer never sees these writes.
process.env.TABLE_NAME = `effects-${randomBytes(4).toString('hex')}`;
const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
const sfn = new SFNClient({ endpoint: process.env.AWS_ENDPOINT_URL_SFN });

let consumer: StreamPoller;
beforeAll(async () => {
  await ensureTable(endpoint, process.env.TABLE_NAME!);
  consumer = await startStreamPoller({ endpoint, tableName: process.env.TABLE_NAME!, intervalMs: 50, retryDelayMs: 50 });
});
afterAll(async () => {
  await consumer?.stop();
  sfn.destroy();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function org(language: Language = 'en') {
  const { tenant, staff: agent } = await signedUpOrg('fx', language);
  return { tenant, agent };
}

const customer = (tenantId: string, language?: Language): Promise<Actor> =>
  customerOf(tenantId, { name: `Cora ${unique()}`, email: `cora.${unique()}@customer.example`, language });

const request = { subject: 'Printer on fire', description: 'Smoke everywhere', priority: 'high' as const };
const acks = async (to: Actor, number: number) =>
  (await mailTo(to.email)).filter((m) => m.subject.startsWith(`[#${number}]`) && /received|erhalten/.test(m.body.text ?? ''));
const answers = async (to: Actor) => (await mailTo(to.email)).filter((m) => /answered|geantwortet/.test(m.body.text ?? ''));
const execution = (tenantId: string, number: number) =>
  sfn.send(
    new DescribeExecutionCommand({
      executionArn: `${process.env.STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:')}:${timerExecutionName({ tenantId, number, generation: 1 })}`,
    }),
  );

describe('a new ticket', () => {
  it('is acknowledged once, and its timers start, after the write', async () => {
    const { tenant } = await org();
    const cora = await customer(tenant.id);
    const { ticket } = await createTicket(cora, request);
    await consumer.settle();
    expect(await acks(cora, ticket.number)).toHaveLength(1);
    expect((await execution(tenant.id, ticket.number)).status).toMatch(/RUNNING|SUCCEEDED/);
    const history = (await getTicket(cora, ticket.number)).history.map((h) => h.type);
    expect(history).toEqual(['created', 'acknowledged']);
  });

  it('is still acknowledged when the first attempt to send fails, and only once', async () => {
    const { tenant } = await org();
    const cora = await customer(tenant.id);
    const send = vi.spyOn(SESv2Client.prototype, 'send').mockRejectedValueOnce(new Error('SES is throttling'));
    const { ticket } = await createTicket(cora, request);
    await consumer.settle();
    expect(send.mock.calls.length).toBeGreaterThanOrEqual(2); // failed, then retried
    expect(await acks(cora, ticket.number)).toHaveLength(1);
    expect((await getTicket(cora, ticket.number)).history.map((h) => h.type)).toContain('acknowledged');
    // the timers started on the first attempt and were not started twice
    expect((await execution(tenant.id, ticket.number)).status).toMatch(/RUNNING|SUCCEEDED/);
  });

  it('gets its timers when the first workflow start fails, and the retry does not mail again', async () => {
    const { tenant } = await org();
    const cora = await customer(tenant.id);
    const start = vi.spyOn(SFNClient.prototype, 'send').mockRejectedValueOnce(new Error('Step Functions is unavailable'));
    const { ticket } = await createTicket(cora, request);
    await consumer.settle();
    expect(start).toHaveBeenCalled();
    vi.restoreAllMocks();
    expect((await execution(tenant.id, ticket.number)).status).toMatch(/RUNNING|SUCCEEDED/);
    expect(await acks(cora, ticket.number)).toHaveLength(1);
  });

  it('is acknowledged in the requester’s language, to the account’s address, in every tenant', async () => {
    const de = await org('de');
    const en = await org('en');
    const berta = await customer(de.tenant.id); // no language of her own: the tenant's
    const cora = await customer(en.tenant.id, 'de'); // her own language wins
    const b = await createTicket(berta, request);
    const c = await createTicket(cora, request);
    await consumer.settle();
    const [toBerta] = await acks(berta, b.ticket.number);
    const [toCora] = await acks(cora, c.ticket.number);
    expect(toBerta?.body.text).toContain('erhalten');
    expect(toBerta?.body.text).toContain(`/${de.tenant.slug}/tickets/${b.ticket.number}`);
    expect(toCora?.body.text).toContain('erhalten');
    expect(toCora?.body.text).toContain(`/${en.tenant.slug}/tickets/${c.ticket.number}`);
  });
});

describe('a redelivered change', () => {
  it('does nothing a second time (a consumer reading the whole stream again sends no mail)', async () => {
    const { tenant, agent } = await org();
    const cora = await customer(tenant.id);
    const { ticket } = await createTicket(cora, request);
    await addMessage(agent, ticket.number, { body: 'We are on it', internal: false });
    await consumer.settle();
    const before = await mailTo(cora.email);
    expect(before).toHaveLength(2);

    const replay = await startStreamPoller({ endpoint, tableName: process.env.TABLE_NAME!, startAt: 'TRIM_HORIZON', intervalMs: 50 });
    try {
      await replay.settle();
    } finally {
      await replay.stop();
    }
    expect((await mailTo(cora.email)).map((m) => m.messageId)).toEqual(before.map((m) => m.messageId));
  });
});

describe('support’s public answer', () => {
  it('is mailed to the requester with the text and a link, and can be answered by mail; notes and the customer’s own replies mail nobody', async () => {
    const { tenant, agent } = await org();
    const other = await org();
    const cora = await customer(tenant.id, 'en');
    const otto = await customer(other.tenant.id, 'en');
    const { ticket } = await createTicket(cora, request);
    await createTicket(otto, request);
    await addMessage(agent, ticket.number, { body: 'Internal: ask facilities', internal: true });
    await addMessage(cora, ticket.number, { body: 'It is getting worse', internal: false });
    await addMessage(agent, ticket.number, { body: 'Please leave the room.\nWe are coming.', internal: false });
    await consumer.settle();

    const mails = await answers(cora);
    expect(mails).toHaveLength(1);
    const text = mails[0]!.body.text ?? '';
    expect(text).toContain('Please leave the room.\nWe are coming.');
    expect(text).toContain(`/${tenant.slug}/tickets/${ticket.number}`);
    expect(text).toMatch(/reply to this email – or in the portal/);
    expect(text).not.toContain('ask facilities');
    expect(await answers(otto)).toHaveLength(0);
  });

  it('reaches a German-speaking requester in German', async () => {
    const { tenant, agent } = await org('en');
    const berta = await customer(tenant.id, 'de');
    const { ticket } = await createTicket(berta, request);
    await addMessage(agent, ticket.number, { body: 'Bitte Fenster öffnen', internal: false });
    await consumer.settle();
    const [mail] = await answers(berta);
    expect(mail?.body.text).toContain('hat auf Ihre Anfrage');
    expect(mail?.body.text).toContain('Antworten Sie einfach auf diese E-Mail');
  });
});
