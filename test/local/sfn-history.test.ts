/**
 * GetExecutionHistory of the Step Functions stand-in: the events AWS would list for a run (the
 * bench counts state transitions from them), with AWS's paging.
 */
import { GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSfn, type SfnLocal } from '../../infra/local/sfn.ts';

const ARN = 'arn:aws:states:eu-central-1:000000000000:stateMachine:history-test';
const EXECUTION = ARN.replace(':stateMachine:', ':execution:');

/** Work → (wait until the given instant) → Check → Done: one of each state type the timers use. */
const definition = {
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'arn:aws:lambda:eu-central-1:000000000000:function:work', Next: 'Later' },
    Later: { Type: 'Wait', TimestampPath: '$.wakeAt', Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.again', IsPresent: true, Next: 'Work' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('GetExecutionHistory', () => {
  let sfn: SfnLocal;
  let client: SFNClient;
  beforeAll(async () => {
    sfn = await startSfn({ stateMachineArn: ARN, definition, taskHandlers: { Work: (input) => ({ ...(input as object), wakeAt: new Date().toISOString() }) } });
    client = new SFNClient({ endpoint: sfn.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    client.destroy();
    await sfn.stop();
  });

  it('lists the run’s events in order, entering and leaving each state, and pages like AWS', async () => {
    await client.send(new StartExecutionCommand({ stateMachineArn: ARN, name: 'one', input: '{}' }));
    await sfn.settle();
    const r = await client.send(new GetExecutionHistoryCommand({ executionArn: `${EXECUTION}:one` }));
    expect(r.events!.map((e) => [e.type, e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name])).toEqual([
      ['ExecutionStarted', undefined],
      ['TaskStateEntered', 'Work'],
      ['TaskStateExited', 'Work'],
      ['WaitStateEntered', 'Later'],
      ['WaitStateExited', 'Later'],
      ['ChoiceStateEntered', 'Check'],
      ['ChoiceStateExited', 'Check'],
      ['SucceedStateEntered', 'Done'],
      ['SucceedStateExited', 'Done'],
      ['ExecutionSucceeded', undefined],
    ]);
    expect(r.events!.map((e) => e.id)).toEqual(r.events!.map((_, i) => i + 1));
    expect(r.events!.every((e) => e.timestamp instanceof Date)).toBe(true);

    const first = await client.send(new GetExecutionHistoryCommand({ executionArn: `${EXECUTION}:one`, maxResults: 4 }));
    expect(first.events).toHaveLength(4);
    const rest = await client.send(new GetExecutionHistoryCommand({ executionArn: `${EXECUTION}:one`, nextToken: first.nextToken }));
    expect([...first.events!, ...rest.events!]).toEqual(r.events);
    expect(rest.nextToken).toBeUndefined();
    const reversed = await client.send(new GetExecutionHistoryCommand({ executionArn: `${EXECUTION}:one`, reverseOrder: true }));
    expect(reversed.events!.map((e) => e.id)).toEqual([...r.events!].reverse().map((e) => e.id));
  });
});
