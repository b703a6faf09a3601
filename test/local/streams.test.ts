/**
 * The local event source mapping: the stream consumer gets every committed change in order,
 * in Lambda's event shape, is retried from the record that failed, gives a record up after its
 * last attempt, and after a restart goes on where it stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.ts';
import { startStreamPoller, type StreamPoller } from '../../infra/local/streams.ts';

const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const dirs: string[] = [];
const pollers: StreamPoller[] = [];
afterAll(async () => {
  for (const p of pollers) await p.stop().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  client.destroy();
});

async function freshTable(): Promise<string> {
  const name = `streams-${randomBytes(4).toString('hex')}`;
  await ensureTable(endpoint, name);
  return name;
}
const put = (table: string, id: string) => client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: id }, sk: { S: 'X' }, kind: { S: 'thing' } } }));

/** A consumer that records what it saw and fails the records `failing` names, as often as asked. */
function recorder(failing: Record<string, number> = {}) {
  const seen: string[] = [];
  const events: DynamoDBStreamEvent[] = [];
  const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    events.push(event);
    const failures: { itemIdentifier: string }[] = [];
    for (const r of event.Records) {
      const id = r.dynamodb!.Keys!.pk!.S!;
      seen.push(id);
      if ((failing[id] ?? 0) > 0) {
        failing[id]!--;
        failures.push({ itemIdentifier: r.dynamodb!.SequenceNumber! });
      }
    }
    return { batchItemFailures: failures };
  };
  return { seen, events, handler };
}

async function poller(table: string, handler: ReturnType<typeof recorder>['handler'], extra: Partial<Parameters<typeof startStreamPoller>[0]> = {}) {
  const p = await startStreamPoller({ endpoint, tableName: table, handler: handler as never, intervalMs: 20, retryDelayMs: 10, ...extra });
  pollers.push(p);
  return p;
}

describe('local stream consumer', () => {
  it('hands over every change in order, shaped like the Lambda event', async () => {
    const table = await freshTable();
    const r = recorder();
    const p = await poller(table, r.handler);
    for (const id of ['a', 'b', 'c']) await put(table, id);
    await p.settle();
    expect(r.seen).toEqual(['a', 'b', 'c']);
    const [record] = r.events[0]!.Records;
    expect(record).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { NewImage: { kind: { S: 'thing' } } } });
    expect(record!.eventSourceARN).toContain(`table/${table}/stream/`);
    expect(typeof record!.dynamodb!.ApproximateCreationDateTime).toBe('number');
  });

  it('retries from the record that failed: the ones before it are not handed out again', async () => {
    const table = await freshTable();
    const r = recorder({ b: 2 });
    const p = await poller(table, r.handler);
    for (const id of ['a', 'b', 'c']) await put(table, id);
    await p.settle();
    expect(r.seen.filter((x) => x === 'a')).toHaveLength(1);
    expect(r.seen.filter((x) => x === 'b')).toHaveLength(3); // failed twice, then done
    expect(r.seen[r.seen.length - 1]).toBe('c'); // after b in the stream, so handed out again with it
  });

  it('gives a record up after its last attempt and goes on with the next', async () => {
    const table = await freshTable();
    const r = recorder({ poison: 1000 });
    const lines: string[] = [];
    const p = await poller(table, r.handler, { maxAttempts: 3, log: (l) => lines.push(l) });
    await put(table, 'poison');
    await put(table, 'after');
    await p.settle();
    expect(r.seen.filter((x) => x === 'poison')).toHaveLength(3);
    expect(r.seen).toContain('after');
    expect(lines.some((l) => /failed 3 times: given up/.test(l))).toBe(true);
  });

  it('after a restart goes on where it stopped, with nothing handed out twice', async () => {
    const table = await freshTable();
    const dataDir = mkdtempSync(join(tmpdir(), 'streams-'));
    dirs.push(dataDir);
    const first = recorder();
    const p1 = await poller(table, first.handler, { dataDir });
    await put(table, 'before');
    await p1.settle();
    await p1.stop();
    await put(table, 'while-stopped');

    const second = recorder();
    const p2 = await poller(table, second.handler, { dataDir });
    await put(table, 'after');
    await p2.settle();
    expect(first.seen).toEqual(['before']);
    expect(second.seen).toEqual(['while-stopped', 'after']);
  });
});
