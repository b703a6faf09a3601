import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutionJournal, type ExecutionRecord } from '../../infra/local/sfn-journal.js';

const dir = mkdtempSync(join(tmpdir(), 'sfn-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const finished = (name: string, stopDate: number): ExecutionRecord => ({
  executionArn: `arn:aws:states:eu-central-1:000000000000:execution:sm:${name}`,
  stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:sm',
  name,
  input: '{}',
  status: 'SUCCEEDED',
  startDate: stopDate,
  stopDate,
});

describe('the Step Functions journal', () => {
  it('keeps the executions that finished last, also when several finished in the same millisecond', () => {
    const folder = join(dir, 'tie');
    const journal = new ExecutionJournal(folder, { maxFinished: 2 });
    const now = Date.now() / 1000;
    for (const name of ['first', 'second', 'third']) journal.write(finished(name, now));
    journal.write(finished('fourth', now));
    // Opening prunes to the limit; the two written last are the two kept.
    expect(new ExecutionJournal(folder, { maxFinished: 2 }).all().map((r) => r.name)).toEqual(['third', 'fourth']);
  });
});
