/**
 * A merge that crashes half-way through moving the duplicate's thread (issue 8, K16): nothing
 * is lost or doubled, and either repeating the merge or the stream's `finish-merge` effect moves
 * the rest, in order. This suite runs its own table and starts its stream consumer only when it
 * wants the effects, so the crash point is exactly where the spec puts it (on the shared stack
 * the consumer would race the request and finish the move first).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb.ts';
import { startStreamPoller, type StreamPoller } from '../../infra/local/streams.ts';
import { getTicketPartition } from '../../shared/db/store.ts';
import { addMessage, createTicket } from '../../shared/tickets/tickets.ts';
import { mergeTicket } from '../../shared/merge/merge.ts';
import type { Actor } from '../../shared/auth/actor.ts';
import { mailTo } from '../support/mail.ts';
import { customerOf, signedUpOrg } from '../support/actors.ts';

// A table of its own: the shared stack's consumer never sees these writes.
process.env.TABLE_NAME = `merge-resume-${randomBytes(4).toString('hex')}`;
const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;

let consumer: StreamPoller | undefined;
let staff: Actor;
let cora: Actor;

beforeAll(async () => {
  await ensureTable(endpoint, process.env.TABLE_NAME!);
  const org = await signedUpOrg('mr');
  staff = org.staff;
  cora = await customerOf(org.tenant.id, { name: 'Cora Customer', email: `cora.${org.slug}@customer.example` });
});
afterAll(async () => {
  await consumer?.stop();
});

const BODIES = ['one', 'two', 'three', 'four', 'five'];

/** Two requests of Cora's; the second has five replies. */
async function duplicatePair(): Promise<{ into: number; from: number; version: number }> {
  const into = (await createTicket(cora, { subject: 'Scanner is slow', description: 'It takes minutes per page', priority: 'normal' })).ticket.number;
  const from = (await createTicket(cora, { subject: 'Scanner is very slow', description: 'Still minutes per page', priority: 'normal' })).ticket.number;
  for (const body of BODIES) await addMessage(cora, from, { body, internal: false });
  const version = (await getTicketPartition(cora.tenantId, from))!.ticket.version ?? 0;
  return { into, from, version };
}

/** Merge with batches of two, crashing right after the first batch. */
async function crashingMerge(from: number, into: number, version: number) {
  const crash = mergeTicket(
    staff,
    from,
    { into, version },
    {
      batchSize: 2,
      afterBatch: () => {
        throw new Error('crash after the first batch');
      },
    },
  );
  await expect(crash).rejects.toThrow('crash after the first batch');
}

const bodies = async (n: number, mergedFrom?: number) =>
  (await getTicketPartition(cora.tenantId, n))!.messages.filter((m) => mergedFrom === undefined || m.mergedFrom === mergedFrom).map((m) => m.body);

describe('a merge that crashed after its first batch', () => {
  it('left every message on exactly one ticket, the duplicate already closed and pointing; repeating the merge finishes it in order', async () => {
    const { into, from, version } = await duplicatePair();
    await crashingMerge(from, into, version);
    expect(await bodies(from)).toEqual(['three', 'four', 'five']);
    expect(await bodies(into)).toEqual(['Still minutes per page', 'one', 'two']); // the request text came with the first write
    expect((await getTicketPartition(cora.tenantId, from))!.ticket).toMatchObject({ mergedInto: into, resolution: 'duplicate', stage: 'closed' });

    // the retry needs no fresh version: the merge is done, only the move is left
    const done = await mergeTicket(staff, from, { into, version: 0 });
    expect(done.messages.map((m) => [m.body, m.mergedFrom])).toEqual([['Still minutes per page', from], ...BODIES.map((b) => [b, from])]);
    expect(await bodies(from)).toEqual([]);
  });

  it('is finished by the stream when nobody repeats it, and the requester is told once', async () => {
    const { into, from, version } = await duplicatePair();
    await crashingMerge(from, into, version);
    expect(await bodies(from)).toEqual(['three', 'four', 'five']);
    consumer = await startStreamPoller({ endpoint, tableName: process.env.TABLE_NAME!, intervalMs: 50, retryDelayMs: 50 });
    await consumer.settle();
    expect(await bodies(from)).toEqual([]);
    expect(await bodies(into, from)).toEqual(['Still minutes per page', ...BODIES]);
    const told = (await mailTo(cora.email)).filter((m) => m.subject.startsWith(`[#${from}]`) && /merged/.test(m.body.text ?? ''));
    expect(told).toHaveLength(1);
  });
});
