/**
 * The ticket backfill (`npm run tickets:backfill`, issue 6): tickets stored before a release
 * that added index attributes are missing from the lists those attributes feed; the backfill
 * re-derives them the way every change does, so they appear at once — without a new version,
 * history entry, mail or notification, and a second run changes nothing. Only the tenant asked
 * for is touched; the command prints a cursor to go on from.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { db } from '../../shared/db/client.ts';
import { config } from '../../shared/config.ts';
import { keys } from '../../shared/db/keys.ts';
import { backfillTickets } from '../../shared/tickets/backfill.ts';
import { effectsOf } from '../../shared/effects/registry.ts';
import { changeOf } from '../../functions/stream/effects.ts';
import { mailTo, waitForMail } from '../support/mail.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

/** What a release before the work lists stored: the ticket without their index attributes. */
const INDEX_ATTRIBUTES = ['workQueue', 'dueKey', 'overviewTeam', 'restKey', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'];

let a: TestTenant;
let b: TestTenant;
let ben: Awaited<ReturnType<typeof newStaff>>;
let klara: Awaited<ReturnType<typeof newStaff>>;
let anna: Awaited<ReturnType<typeof newCustomer>>;
let bert: Awaited<ReturnType<typeof newCustomer>>;

const raw = async (tenantId: string, number: number) =>
  (await db(tenantId).send(new GetCommand({ TableName: config.tableName, Key: keys.ticket(tenantId, number), ConsistentRead: true }))).Item!;

/** Write the ticket back raw, as an older release had stored it (no index attributes). */
async function storeAsBefore(tenantId: string, number: number): Promise<Record<string, unknown>> {
  const item = Object.fromEntries(Object.entries(await raw(tenantId, number)).filter(([k]) => !INDEX_ATTRIBUTES.includes(k)));
  await db(tenantId).send(new PutCommand({ TableName: config.tableName, Item: item }));
  return item;
}

const numbers = async (who: { client: { get: (p: string, o: object) => Promise<{ json: { items: { number: number }[] } }> } }, view: string) =>
  (await who.client.get('/api/v1/tickets', { query: { view } })).json.items.map((t) => t.number);
const inbox = async (who: typeof ben) => (await who.client.get('/api/v1/notifications')).json.items as { kind: string; ticketNumber: number }[];

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('backfill-a'), newTenant('backfill-b')]);
  [ben, klara, anna, bert] = await Promise.all([
    newStaff(a, 'agent', 'Ben Agent'),
    newStaff(a, 'coordinator', 'Klara Coordinator'),
    newCustomer(a, 'Anna Customer'),
    newCustomer(b, 'Bert Customer'),
  ]);
  // #1 assigned to Ben (his "mine"), #2 new (the coordinator's "to accept"); B has its own #1
  await anna.client.post('/api/v1/tickets', { subject: 'Printer jams', description: 'Paper everywhere.' });
  await anna.client.post('/api/v1/tickets', { subject: 'Monitor flickers', description: 'Since Monday.' });
  await klara.client.post('/api/v1/tickets/1/accept', {});
  expect((await klara.client.post('/api/v1/tickets/1/assign', { assigneeId: ben.id })).status).toBe(200);
  expect((await ben.client.post('/api/v1/tickets/1/accept-assignment', {})).status).toBe(200);
  await bert.client.post('/api/v1/tickets', { subject: 'B’s ticket', description: 'x' });
  // everything the product does about these tickets has happened: both acknowledgements, Ben's assignment note
  await waitForMail(anna.email, { subject: /Monitor flickers/ });
  await waitForMail(anna.email, { subject: /Printer jams/ });
  await vi.waitFor(async () => expect((await inbox(ben)).filter((n) => n.ticketNumber === 1)).toHaveLength(1), { timeout: 30_000, interval: 200 });
});

describe('a ticket stored before its work list existed', () => {
  let before: Record<string, unknown>;
  let stripped: Record<string, unknown>;
  let mailsBefore: number;
  let history: unknown;

  beforeAll(async () => {
    before = await raw(a.id, 1);
    history = (await ben.client.get('/api/v1/tickets/1')).json.history;
    stripped = await storeAsBefore(a.id, 1);
    await storeAsBefore(a.id, 2);
    await storeAsBefore(b.id, 1);
    mailsBefore = (await mailTo(anna.email)).length;
  });

  it('is missing from its lists until the backfill', async () => {
    expect(await numbers(ben, 'mine')).not.toContain(1);
    expect(await numbers(klara, 'to_accept')).not.toContain(2);
  });

  it('appears in them after the backfill, with its version, history and last change as they were', async () => {
    const r = await backfillTickets(a.id);
    expect(r).toMatchObject({ changed: 2, unchanged: 0, missing: 0, next: 3 });
    expect(await numbers(ben, 'mine')).toContain(1);
    expect(await numbers(klara, 'to_accept')).toContain(2);
    const after = await raw(a.id, 1);
    // every attribute as the last change wrote it, index attributes included
    expect(after).toEqual(before);
    const view = (await ben.client.get('/api/v1/tickets/1')).json;
    expect(view.history).toEqual(history);
    expect(view.ticket.version).toBe(before.version);
  });

  it('a second run changes nothing', async () => {
    const first = await raw(a.id, 2);
    expect(await backfillTickets(a.id)).toMatchObject({ changed: 0, unchanged: 2, missing: 0 });
    expect(await raw(a.id, 2)).toEqual(first);
  });

  it('is no change to the stream’s effects: no mail, no notification', async () => {
    // the stream record of the backfill's write calls for no effect at all
    const record = {
      eventID: 'backfill-probe',
      eventName: 'MODIFY',
      dynamodb: {
        Keys: marshall({ pk: stripped.pk, sk: stripped.sk }),
        OldImage: marshall(stripped, { removeUndefinedValues: true }),
        NewImage: marshall(await raw(a.id, 1), { removeUndefinedValues: true }),
      },
    } as unknown as DynamoDBRecord;
    expect(effectsOf(changeOf(record)!).map((e) => e.name)).toEqual([]);
    // and in the running stack: after Ben's answer (mailed) and Anna's reply (notified), nothing else arrived
    expect((await ben.client.post('/api/v1/tickets/1/messages', { body: 'Please restart the printer.' })).status).toBe(201);
    await waitForMail(anna.email, { subject: /Printer jams/, notIn: await mailTo(anna.email) });
    expect((await anna.client.post('/api/v1/tickets/1/messages', { body: 'Restarted, works.' })).status).toBe(201);
    await vi.waitFor(async () => expect((await inbox(ben)).filter((n) => n.ticketNumber === 1)).toHaveLength(2), { timeout: 30_000, interval: 200 });
    expect((await mailTo(anna.email)).length).toBe(mailsBefore + 1);
    expect((await inbox(ben)).map((n) => n.kind)).toEqual(['customer_replied', 'assigned']);
  });

  it('leaves other tenants alone', async () => {
    const theirs = await raw(b.id, 1);
    expect(INDEX_ATTRIBUTES.filter((k) => k in theirs)).toEqual([]);
  });
});

describe('the operator command', () => {
  const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/tickets-backfill.ts', ...args], { env: process.env });

  it('backfills one tenant, prints a cursor, goes on from it, and refuses what it cannot do', async () => {
    await storeAsBefore(b.id, 1);
    const first = await run(b.slug);
    expect(first.stdout).toContain(`${b.slug}: up to #1 (cursor: --from 2)`);
    expect(first.stdout).toContain(`${b.slug}: 1 tickets re-derived, 0 already right`);
    expect((await b.admin.get('/api/v1/tickets', { query: { view: 'to_accept' } })).json.items.map((t: { number: number }) => t.number)).toEqual([1]);
    // resuming after the last ticket does nothing
    expect((await run(b.slug, '--from', '2')).stdout).toContain(`${b.slug}: 0 tickets re-derived, 0 already right`);
    await expect(run('no-such-tenant-slug')).rejects.toMatchObject({ stderr: expect.stringContaining('no tenant with the address "no-such-tenant-slug"') });
    await expect(run('--from', 'x')).rejects.toMatchObject({ code: 2 });
  });
});
