/**
 * The Step Functions stand-in with a data folder: executions outlive a restart, as in AWS.
 * Each "restart" is a new stand-in on the same folder; the first one is stopped the way Ctrl-C
 * stops `npm start` (executions aborted, nothing journalled for that).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSfn, type SfnLocal, type TaskHandler } from '../../infra/local/sfn.ts';

const ARN = 'arn:aws:states:eu-central-1:000000000000:stateMachine:test-workflow';
const EXECUTION = ARN.replace(':stateMachine:', ':execution:');

/** Work → Done; Work blocks while `input.hold` until the test opens its gate. */
const definition = {
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'arn:aws:lambda:eu-central-1:000000000000:function:work', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

interface Input {
  tenantId: string;
  number: number;
  hold?: boolean;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the Step Functions stand-in with a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-sfn-'));
  const running: { sfn: SfnLocal; client: SFNClient }[] = [];
  /** Every Task run, as `<stand-in>:<tenant>/<number>`. */
  const runs: string[] = [];
  const gates: (() => void)[] = [];

  afterEach(async () => {
    for (const open of gates.splice(0)) open();
    for (const { sfn, client } of running.splice(0)) {
      client.destroy();
      await sfn.stop();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in on `folder`; its Task records each run, and holds (until released, or forever) on `hold`. */
  async function standIn(label: string, opts: { folder?: string; release?: Promise<void>; log?: string[]; maxFinished?: number } = {}) {
    const work: TaskHandler = async (input) => {
      const i = input as Input;
      runs.push(`${label}:${i.tenantId}/${i.number}`);
      if (i.hold) await (opts.release ?? new Promise<void>(() => {}));
      return { ...i, handled: true };
    };
    const sfn = await startSfn({
      stateMachineArn: ARN,
      definition,
      taskHandlers: { Work: work },
      dataDir: opts.folder ?? dir,
      ...(opts.maxFinished !== undefined && { journalLimits: { maxFinished: opts.maxFinished } }),
      log: (line) => opts.log?.push(line),
    });
    const client = new SFNClient({ endpoint: sfn.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    running.push({ sfn, client });
    const start = (name: string, input: Input) => client.send(new StartExecutionCommand({ stateMachineArn: ARN, name, input: JSON.stringify(input) }));
    const describeExec = (name: string) => client.send(new DescribeExecutionCommand({ executionArn: `${EXECUTION}:${name}` }));
    const names = async (statusFilter?: 'RUNNING' | 'SUCCEEDED' | 'ABORTED') =>
      ((await client.send(new ListExecutionsCommand({ stateMachineArn: ARN, statusFilter }))).executions ?? []).map((e) => e.name).sort();
    return { sfn, client, start, describeExec, names };
  }

  /** Stops a stand-in as Ctrl-C would, and forgets it. */
  async function stop(s: { sfn: SfnLocal; client: SFNClient }) {
    running.splice(
      running.findIndex((r) => r.sfn === s.sfn),
      1,
    );
    s.client.destroy();
    await s.sfn.stop();
  }

  const heldA: Input = { tenantId: 'tenant-a', number: 1, hold: true };
  const doneB: Input = { tenantId: 'tenant-b', number: 1 };

  it('a workflow that was running when the stack stopped runs again after a restart', async () => {
    const first = await standIn('first');
    const a = await first.start('tenant-a-1-created', heldA);
    await first.start('tenant-b-1-created', doneB);
    await until(async () => runs.includes('first:tenant-a/1') && (await first.describeExec('tenant-b-1-created')).status === 'SUCCEEDED', 'the first runs');
    const startDate = (await first.describeExec('tenant-a-1-created')).startDate;
    await stop(first); // tenant-a's task is still blocked: the execution is RUNNING

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    gates.push(release);
    const log: string[] = [];
    const second = await standIn('second', { release: gate, log });
    // Known again before it resumes: still RUNNING, and the same name and input is the same execution.
    expect((await second.describeExec('tenant-a-1-created')).status).toBe('RUNNING');
    expect((await second.start('tenant-a-1-created', heldA)).executionArn).toBe(a.executionArn);
    await expect(second.start('tenant-a-1-created', { ...heldA, number: 2 })).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    expect(await second.names('RUNNING')).toEqual(['tenant-a-1-created']);

    expect(second.sfn.resume()).toBe(1);
    expect(log).toContain('Resumed 1 workflow execution');
    expect(second.sfn.resume()).toBe(0);
    await until(() => runs.includes('second:tenant-a/1'), 'the resumed task');
    release();
    await second.sfn.settle();

    const d = await second.describeExec('tenant-a-1-created');
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ ...heldA, handled: true });
    expect(JSON.parse(d.input!)).toEqual(heldA);
    expect(d.startDate).toEqual(startDate); // the same execution, not a new one
    // tenant-a's task ran once more from the beginning; tenant-b's finished execution did not run again.
    expect(runs.filter((r) => r.endsWith(':tenant-a/1'))).toEqual(['first:tenant-a/1', 'second:tenant-a/1']);
    expect(runs.filter((r) => r.endsWith(':tenant-b/1'))).toEqual(['first:tenant-b/1']);
  });

  it("a finished execution's name stays taken after a restart", async () => {
    const third = await standIn('third');
    expect(third.sfn.resume()).toBe(0);
    for (const [name, input] of [
      ['tenant-a-1-created', heldA],
      ['tenant-b-1-created', doneB],
    ] as const) {
      expect((await third.describeExec(name)).status).toBe('SUCCEEDED');
      await expect(third.start(name, input)).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    }
    expect(await third.names()).toEqual(['tenant-a-1-created', 'tenant-b-1-created']);
    expect(runs.some((r) => r.startsWith('third:'))).toBe(false);
  });

  it('keeps an execution stopped by StopExecution stopped, and the journal bounded', async () => {
    const folder = join(dir, 'bounded');
    const first = await standIn('bounded', { folder, maxFinished: 2 });
    for (const n of [1, 2, 3]) {
      for (const tenantId of ['tenant-a', 'tenant-b']) {
        await first.start(`${tenantId}-${n}-created`, { tenantId, number: n });
        await first.sfn.settle(); // one after the other: a clear order of finishing
      }
    }
    await first.start('tenant-b-9-created', { tenantId: 'tenant-b', number: 9, hold: true });
    await first.client.send(new StopExecutionCommand({ executionArn: `${EXECUTION}:tenant-b-9-created` }));
    await first.sfn.settle();
    await stop(first);

    const second = await standIn('bounded-again', { folder, maxFinished: 2 });
    expect(second.sfn.resume()).toBe(0);
    expect((await second.describeExec('tenant-b-9-created')).status).toBe('ABORTED');
    // The two most recently finished executions are kept; older ones are gone, their names free again.
    expect(await second.names()).toEqual(['tenant-b-3-created', 'tenant-b-9-created']);
    await expect(second.describeExec('tenant-a-1-created')).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    expect(readFileSync(join(folder, 'executions.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
