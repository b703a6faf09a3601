/**
 * A ticket merged into another before its acknowledgement went out (issue 8, K16): its
 * requester gets ONE mail about it, the merge notice, not an acknowledgement of a ticket that
 * is already closed as a duplicate as well. The target's acknowledgement is untouched, and so is a
 * second tenant's ticket of the same number. This suite runs its own table and starts its
 * stream consumer only after the merge, so the acknowledgement is certainly still owed when the
 * merge happens (on the shared stack the consumer would race the request).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb.ts';
import { startStreamPoller, type StreamPoller } from '../../infra/local/streams.ts';
import { getTicket } from '../../shared/db/store.ts';
import { createTicket } from '../../shared/tickets/tickets.ts';
import { mergeTicket } from '../../shared/merge/merge.ts';
import type { Actor } from '../../shared/auth/actor.ts';
import { mailTo } from '../support/mail.ts';
import { customerOf, signedUpOrg } from '../support/actors.ts';

// A table of its own: the shared stack's consumer never sees these writes.
process.env.TABLE_NAME = `merge-before-ack-${randomBytes(4).toString('hex')}`;
const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;

let consumer: StreamPoller | undefined;

/** A new organisation with its admin and one customer. */
async function org(label: string): Promise<{ staff: Actor; customer: Actor }> {
  const { tenant, slug, staff } = await signedUpOrg(label);
  return { staff, customer: await customerOf(tenant.id, { name: 'Cora Customer', email: `cora.${slug}@customer.example` }) };
}

beforeAll(async () => {
  await ensureTable(endpoint, process.env.TABLE_NAME!);
});
afterAll(async () => {
  await consumer?.stop();
});

describe('a ticket merged before its acknowledgement went out', () => {
  it('gets one mail, the merge notice; the target and another tenant’s ticket of the same number are acknowledged as usual', async () => {
    const [a, b] = await Promise.all([org('mba'), org('mbb')]);
    const request = { subject: 'Scanner is slow', description: 'It takes minutes per page', priority: 'normal' as const };
    const into = (await createTicket(a.customer, request)).ticket.number;
    const from = (await createTicket(a.customer, { ...request, subject: 'Scanner is very slow' })).ticket.number;
    await createTicket(b.customer, request);
    const theirs = (await createTicket(b.customer, { ...request, subject: 'Scanner is very slow' })).ticket.number;
    expect(theirs).toBe(from);
    const version = (await getTicket(a.staff.tenantId, from))!.version ?? 0;
    await mergeTicket(a.staff, from, { into, version });

    // Only now the stream's effects run: the duplicate's insert, then the change that merged it.
    consumer = await startStreamPoller({ endpoint, tableName: process.env.TABLE_NAME!, intervalMs: 50, retryDelayMs: 50 });
    await consumer.settle();

    const about = async (email: string, n: number) => (await mailTo(email)).filter((m) => m.subject.startsWith(`[#${n}]`));
    const toCora = await about(a.customer.email, from);
    expect(toCora).toHaveLength(1);
    expect(toCora[0]!.body.text).toMatch(/merged/);
    expect(toCora[0]!.body.text).toContain(`#${into}`);
    expect((await getTicket(a.staff.tenantId, from))!.ackSentAt).toBeUndefined();
    // The target was acknowledged when it came in; the other tenant's same-numbered ticket too.
    expect((await about(a.customer.email, into)).map((m) => /received/.test(m.body.text ?? ''))).toEqual([true]);
    expect((await about(b.customer.email, theirs)).map((m) => /received/.test(m.body.text ?? ''))).toEqual([true]);
  });
});
