/**
 * Timers further away than an execution may live (issue 7): a Standard execution runs at most a
 * year in AWS, and the Step Functions stand-in keeps that year too. A ticket's timer execution
 * that would wait past 300 days after its start hands over to a successor of the same
 * generation (`…-g1-c1`) and ends; the successor fires what is due, once. The stand-in's Wait
 * ends when the wall clock reaches its instant, also when the clock jumped there.
 *
 * Time is the test's: `vi.setSystemTime` moves the wall clock of this worker, where a stand-in of
 * its own runs the real ticket workflow (ASL and task handler) against the shared table. Each
 * step moves the clock by at most one wait (20 days), as passing time would wake every wait on
 * the way; the stand-in notices the jump and wakes the wait. Nothing sleeps for a fixed time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as checkTimers } from '../../functions/workflow/check-ticket-timers.ts';
import { getTicket } from '../../shared/db/store.ts';
import { startSfn, MAX_EXECUTION_MS, type SfnLocal } from '../../infra/local/sfn.ts';
import { HANDOVER_AFTER_MS, MAX_WAIT_MS } from '../../shared/workflow/timers.ts';
import { startTimerExecution, timerExecutionName } from '../../shared/workflow/start.ts';
import { newCustomer, newTenant, type TestTenant } from '../support/tenants.ts';

const DAY = 86_400_000;
const ARN = process.env.STATE_MACHINE_ARN!;
const EXECUTIONS = ARN.replace(':stateMachine:', ':execution:');

interface HistoryEvent {
  type: string;
  at: string;
  from?: string;
  to?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'hd-handover-'));
const standIns: SfnLocal[] = [];
let sfn: SfnLocal;
let client: SFNClient;
let a: TestTenant;
let b: TestTenant;

/** A stand-in of this worker on `folder` (the same port again after a restart: the handlers' client keeps its endpoint). */
async function standIn(folder: string, port?: number): Promise<SfnLocal> {
  const s = await startSfn({ stateMachineArn: ARN, dataDir: folder, port, log: () => {} });
  standIns.push(s);
  return s;
}

const executions = async () =>
  ((await client.send(new ListExecutionsCommand({ stateMachineArn: ARN }))).executions ?? [])
    .map((e) => [e.name, e.status])
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));

const slaEvents = async (t: TestTenant, n: number) => {
  const r = await t.admin.get(`/api/v1/tickets/${n}`);
  expect(r.status, r.text).toBe(200);
  return (r.json.history as HistoryEvent[]).filter((e) => e.type.startsWith('sla_'));
};

/** A ticket of `t` the requester wants done on the day `days` from now (nothing else owed: no policy). */
async function dueIn(t: TestTenant, days: number): Promise<number> {
  const date = new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  const r = await t.admin.post('/api/v1/tickets', { subject: 'Renew the contract', description: 'Before it runs out.', requestedDueDate: date });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number as number;
}

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('handover-a'), newTenant('handover-b')]);
  sfn = await standIn(dir);
  // The handlers of this worker (hand-overs included) start executions on this stand-in.
  process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
  client = new SFNClient({ endpoint: sfn.endpoint });
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  client?.destroy();
  for (const s of standIns) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Step Functions stand-in keeps AWS’s year', () => {
  it('an execution still running a year after it started times out (States.Timeout)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const folder = mkdtempSync(join(tmpdir(), 'hd-year-'));
    const own = await startSfn({
      stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:year',
      dataDir: folder,
      // Waits a day, again and again: it never ends by itself.
      definition: {
        StartAt: 'Park',
        States: {
          Park: { Type: 'Wait', Seconds: 86_400, Next: 'Again' },
          Again: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Park' },
          Done: { Type: 'Succeed' },
        },
      },
      taskHandlers: {},
    });
    standIns.push(own);
    const c = new SFNClient({ endpoint: own.endpoint });
    try {
      const { executionArn } = await c.send(
        new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:year', name: 'parked' }),
      );
      await own.settle();
      expect((await c.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      vi.setSystemTime(Date.now() + MAX_EXECUTION_MS - 1000);
      await own.settle();
      expect((await c.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      vi.setSystemTime(Date.now() + 1000);
      await own.settle();
      const d = await c.send(new DescribeExecutionCommand({ executionArn }));
      expect([d.status, d.error]).toEqual(['TIMED_OUT', 'States.Timeout']);
    } finally {
      c.destroy();
      await own.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the Step Functions stand-in follows the wall clock', () => {
  it('ends a Wait whose instant the clock jumped to (a laptop woken from sleep) at once, not when Node’s timer would fire', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const arn = 'arn:aws:states:eu-central-1:000000000000:stateMachine:jump';
    const own = await startSfn({
      stateMachineArn: arn,
      definition: { StartAt: 'Park', States: { Park: { Type: 'Wait', TimestampPath: '$.until', Next: 'Done' }, Done: { Type: 'Succeed' } } },
      taskHandlers: {},
    });
    standIns.push(own);
    const c = new SFNClient({ endpoint: own.endpoint });
    try {
      const until = new Date(Date.now() + 10 * DAY).toISOString();
      const { executionArn } = await c.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'parked', input: JSON.stringify({ until }) }));
      await own.settle();
      vi.setSystemTime(Date.parse(until) - 1000);
      await own.settle();
      expect((await c.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      vi.setSystemTime(Date.parse(until));
      await own.settle();
      const d = await c.send(new DescribeExecutionCommand({ executionArn }));
      expect([d.status, d.output]).toEqual(['SUCCEEDED', JSON.stringify({ until })]);
    } finally {
      c.destroy();
      await own.stop();
    }
  });
});

describe('a ticket due 400 days ahead', () => {
  it(
    'warns and breaches exactly once: its execution hands over to a successor before its year is up, and a restart in between loses nothing',
    async () => {
      const n = await dueIn(a, 400);
      const other = await dueIn(b, 100); // the other tenant's ticket fires on its own day, in its own history
      const stranger = await newCustomer(a, 'Dora Other');
      const generation = (await getTicket(a.id, n))!.timerGeneration ?? 1;

      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now());
      const start = Date.now();
      await startTimerExecution({ tenantId: a.id, number: n, generation });
      await startTimerExecution({ tenantId: b.id, number: other, generation: (await getTicket(b.id, other))!.timerGeneration ?? 1 });
      await sfn.settle();
      const first = timerExecutionName({ tenantId: a.id, number: n, generation });
      const second = timerExecutionName({ tenantId: a.id, number: n, generation, chain: 1 });
      const mine = async () => (await executions()).filter(([name]) => String(name).startsWith(`tkt-${a.id}-`));
      expect(await mine()).toEqual([[first, 'RUNNING']]);

      /** Moves the clock to `day` days after the start, one wait at a time, letting every woken execution finish its check. */
      let day = 0;
      const passTo = async (to: number) => {
        while (day < to) {
          day = Math.min(to, day + MAX_WAIT_MS / DAY);
          vi.setSystemTime(start + day * DAY);
          await sfn.settle();
        }
      };

      // Up to the hand-over the first execution waits, hop after hop; then its successor takes over.
      await passTo(HANDOVER_AFTER_MS / DAY - 1);
      expect(await mine()).toEqual([[first, 'RUNNING']]);
      await passTo(HANDOVER_AFTER_MS / DAY);
      expect(await mine()).toEqual([
        [first, 'SUCCEEDED'],
        [second, 'RUNNING'],
      ]);
      // A retried check of the first one (a Task retry in AWS) starts no second successor.
      await checkTimers({ tenantId: a.id, number: n, generation, since: new Date(start).toISOString() });
      expect(await mine()).toEqual([
        [first, 'SUCCEEDED'],
        [second, 'RUNNING'],
      ]);
      expect(await slaEvents(a, n)).toEqual([]); // the warning is due at 80 % of the (nearly) 400 days

      // The stand-in stops (Ctrl-C) and starts again on its folder and port: the successor resumes.
      const port = Number(new URL(sfn.endpoint).port);
      await sfn.stop();
      sfn = await standIn(dir, port);
      expect(sfn.resume()).toBe(1);
      await sfn.settle();

      await passTo(420);
      const events = await slaEvents(a, n);
      expect(events.map((e) => [e.type, e.from])).toEqual([
        ['sla_warning', 'requester_due'],
        ['sla_breached', 'requester_due'],
      ]);
      const breach = events[1]!;
      expect(Date.parse(breach.at)).toBeGreaterThanOrEqual(Date.parse(breach.to!));
      expect(Date.parse(breach.to!)).toBeGreaterThan(start + 399 * DAY);
      // Nothing is left to wait for: the successor ended; no execution of the ticket ran out of its year.
      expect(await mine()).toEqual([
        [first, 'SUCCEEDED'],
        [second, 'SUCCEEDED'],
      ]);
      // Another year on, nothing fires again.
      await passTo(800);
      expect(await slaEvents(a, n)).toEqual(events);

      // The other tenant's ticket breached on its own day, in its own history; A's knows nothing of it.
      expect((await slaEvents(b, other)).map((e) => [e.type, e.from])).toEqual([
        ['sla_warning', 'requester_due'],
        ['sla_breached', 'requester_due'],
      ]);
      expect((await stranger.client.get(`/api/v1/tickets/${n}`)).status).toBe(404);
      expect((await client.send(new DescribeExecutionCommand({ executionArn: `${EXECUTIONS}:${second}` }))).status).toBe('SUCCEEDED');
    },
    5 * 60_000,
  );
});
