import { describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from 'aws-lambda';
import { inPartitionOrder } from '../../functions/stream/effects.ts';

const record = (pk: string, seq: string): DynamoDBRecord => ({ dynamodb: { Keys: { pk: { S: pk } }, SequenceNumber: seq } });

describe('the stream consumer runs changes', () => {
  it('of one partition one after the other, of different partitions side by side', async () => {
    const log: string[] = [];
    const gates = new Map<string, () => void>();
    const handle = inPartitionOrder(async (r) => {
      const seq = r.dynamodb!.SequenceNumber!;
      log.push(`start ${seq}`);
      await new Promise<void>((resolve) => gates.set(seq, resolve));
      log.push(`end ${seq}`);
    });
    const runs = [handle(record('T#TICKET#1', '1')), handle(record('T#TICKET#1', '2')), handle(record('T#TICKET#2', '3'))];
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['start 1', 'start 3']); // 2 waits for 1; 3 does not
    gates.get('1')!();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(log).toContain('start 2');
    gates.get('2')!();
    gates.get('3')!();
    await Promise.all(runs);
  });

  it('never runs a change after an earlier one of its partition failed (it fails too, to come again in order)', async () => {
    const ran: string[] = [];
    const handle = inPartitionOrder(async (r) => {
      ran.push(r.dynamodb!.SequenceNumber!);
      if (r.dynamodb!.SequenceNumber === '1') throw new Error('mail failed');
    });
    const results = await Promise.allSettled([handle(record('T#TICKET#1', '1')), handle(record('T#TICKET#1', '2')), handle(record('T#TICKET#2', '3'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(ran).toEqual(['1', '3']);
  });
});
