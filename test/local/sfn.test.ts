/**
 * The Step Functions stand-in, driven by the real `@aws-sdk/client-sfn`.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorkflow, startSfn, type SfnLocal } from '../../infra/local/sfn.ts';
import { STATES } from '../../shared/workflow/definition.ts';

const ARN = 'arn:aws:states:eu-central-1:000000000000:stateMachine:test-workflow';

/** Work → (input.wait ? Park (a long Wait) : Done). */
const definition = {
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'arn:aws:lambda:eu-central-1:000000000000:function:work', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.wait', IsPresent: true },
            { Variable: '$.wait', BooleanEquals: true },
          ],
          Next: 'Park',
        },
      ],
      Default: 'Done',
    },
    Park: { Type: 'Wait', Seconds: 3600, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('the Step Functions stand-in', () => {
  let sfn: SfnLocal;
  let client: SFNClient;
  const gates = new Map<string, () => void>();

  beforeAll(async () => {
    sfn = await startSfn({
      stateMachineArn: ARN,
      definition,
      log: () => {},
      taskHandlers: {
        Work: async (input) => {
          const i = input as { tenantId: string; number: number; hold?: boolean; fail?: boolean; wait?: boolean };
          if (i.fail) throw new Error(`cannot handle ticket ${i.number}`);
          if (i.hold) await new Promise<void>((resolve) => gates.set(`${i.tenantId}/${i.number}`, resolve));
          return { ...i, handled: true };
        },
      },
    });
    client = new SFNClient({ endpoint: sfn.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });

  afterAll(async () => {
    for (const open of gates.values()) open();
    client.destroy();
    await sfn.stop();
  });

  const start = (name: string, input: object) => client.send(new StartExecutionCommand({ stateMachineArn: ARN, name, input: JSON.stringify(input) }));
  const describeExec = (executionArn: string) => client.send(new DescribeExecutionCommand({ executionArn }));

  it('is idempotent per execution name, like AWS', async () => {
    const input = { tenantId: 'tenant-a', number: 1, hold: true };
    const first = await start('tenant-a-1-created', input);
    expect(first.executionArn).toBe(`${ARN.replace(':stateMachine:', ':execution:')}:tenant-a-1-created`);
    expect(first.startDate).toBeInstanceOf(Date);

    const again = await start('tenant-a-1-created', input);
    expect(again.executionArn).toBe(first.executionArn);
    await expect(start('tenant-a-1-created', { ...input, number: 2 })).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    // Another tenant's execution with the same ticket number is a different execution.
    const other = await start('tenant-b-1-created', { tenantId: 'tenant-b', number: 1 });
    expect(other.executionArn).not.toBe(first.executionArn);

    expect((await describeExec(first.executionArn!)).status).toBe('RUNNING');
    gates.get('tenant-a/1')!();
    await sfn.settle();

    const done = await describeExec(first.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.input!)).toEqual(input);
    expect(JSON.parse(done.output!)).toEqual({ ...input, handled: true });
    expect(done.stopDate).toBeInstanceOf(Date);
    expect((await describeExec(other.executionArn!)).status).toBe('SUCCEEDED');
    // Once closed, AWS refuses the name even with the same input.
    await expect(start('tenant-a-1-created', input)).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('reports a failing task as FAILED, without crashing anything', async () => {
    const { executionArn } = await start('tenant-a-2-created', { tenantId: 'tenant-a', number: 2, fail: true });
    await sfn.settle();
    const d = await describeExec(executionArn!);
    expect(d.status).toBe('FAILED');
    expect(d.cause).toContain('cannot handle ticket 2');
    const ok = await start('tenant-b-2-created', { tenantId: 'tenant-b', number: 2 });
    await sfn.settle();
    expect((await describeExec(ok.executionArn!)).status).toBe('SUCCEEDED');
  });

  it('settles while an execution waits for a timer, and stops it on request', async () => {
    const { executionArn } = await start('tenant-a-3-sla', { tenantId: 'tenant-a', number: 3, wait: true });
    await sfn.settle(5000); // does not wait the hour
    expect((await describeExec(executionArn!)).status).toBe('RUNNING');
    await client.send(new StopExecutionCommand({ executionArn }));
    await sfn.settle();
    expect((await describeExec(executionArn!)).status).toBe('ABORTED');
  });

  it('lists executions and refuses unknown ones', async () => {
    const all = await client.send(new ListExecutionsCommand({ stateMachineArn: ARN }));
    const names = all.executions!.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['tenant-a-1-created', 'tenant-b-1-created']));
    const failed = await client.send(new ListExecutionsCommand({ stateMachineArn: ARN, statusFilter: 'FAILED' }));
    expect(failed.executions!.map((e) => e.name)).toEqual(['tenant-a-2-created']);
    await expect(describeExec(`${ARN.replace(':stateMachine:', ':execution:')}:nope`)).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('binds every Task state of the shared workflow to a functions/workflow handler', async () => {
    const { definition: shared, taskHandlers } = defaultWorkflow();
    expect(Object.keys(taskHandlers).sort()).toEqual(Object.values(STATES).sort());
    const real = await startSfn({ stateMachineArn: ARN, log: () => {} }); // validates the shared ASL
    await real.stop();
    expect(shared).toHaveProperty('StartAt');
  });
});
