/**
 * The local stand-in for a DynamoDB Streams event source mapping: polls the table's stream on
 * DynamoDB Local and invokes the stream consumer (`functions/stream/effects.ts`) with the same
 * event shape Lambda would, honouring its partial batch response like AWS does: records before
 * the first failed one count as done, the failed one is handed out again after a back-off, and
 * after `maxAttempts` it is given up (logged), as an event source mapping with a retry limit
 * and an on-failure destination would.
 *
 * With a `dataDir`, the position in each shard is kept in `checkpoint.json`, so a restart goes
 * on where it stopped (DynamoDB Local keeps stream records across restarts).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  TrimmedDataAccessException,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.ts';
import { lambdaContext } from './lambda-context.ts';

export type StreamHandler = (event: DynamoDBStreamEvent, context: unknown) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  /** Default: the `handler` of `functions/stream/effects.ts`, imported on first use. */
  handler?: StreamHandler;
  /** Folder for the checkpoint; null = in memory. */
  dataDir?: string | null;
  /** Where to begin in a shard without a checkpoint (a new table: from the start). */
  startAt?: 'TRIM_HORIZON' | 'LATEST';
  /** Pause between polls of an idle stream (Lambda polls about four times a second). */
  intervalMs?: number;
  /** Records per invocation (the event source mapping's batch size). */
  batchSize?: number;
  /** Attempts of a failing record before it is given up. */
  maxAttempts?: number;
  /** First back-off after a failure; doubles each attempt, at most 30 s. */
  retryDelayMs?: number;
  log?: (line: string) => void;
}

export interface StreamPoller {
  /** Resolves once a poll that began after the call found nothing new and no retry pending. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

interface Position {
  type: 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER';
  seq: string;
}

interface Shard {
  id: string;
  parent?: string;
  iterator?: string;
  position?: Position;
  closed: boolean;
  attempts: number;
  retryAt: number;
}

const HANDLER_FILE = fileURLToPath(new URL('../../functions/stream/effects.ts', import.meta.url));
const DESCRIBE_EVERY_MS = 5_000;

async function importHandler(): Promise<StreamHandler> {
  const mod = (await import(pathToFileURL(HANDLER_FILE).href)) as { handler: StreamHandler };
  return mod.handler;
}

/** The Lambda event record of a stream record (dates as epoch seconds, like Lambda sends them). */
function lambdaRecord(r: StreamRecord, streamArn: string): DynamoDBStreamEvent['Records'][number] {
  const d = r.dynamodb ?? {};
  const at = d.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion,
    eventSource: r.eventSource,
    awsRegion: r.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: { ...d, ApproximateCreationDateTime: at instanceof Date ? Math.floor(at.getTime() / 1000) : at } as never,
  };
}

export async function startStreamPoller(opts: StreamPollerOptions): Promise<StreamPoller> {
  const log = opts.log ?? (() => {});
  const interval = opts.intervalMs ?? 250;
  const batchSize = opts.batchSize ?? 100;
  const maxAttempts = opts.maxAttempts ?? 10;
  const retryDelay = opts.retryDelayMs ?? 500;
  const aws = { endpoint: opts.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const ddb = new DynamoDBClient(aws);
  const streams = new DynamoDBStreamsClient(aws);
  const table = await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }));
  ddb.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`);

  const checkpointFile = opts.dataDir ? join(opts.dataDir, 'checkpoint.json') : undefined;
  const saved = readCheckpoint(checkpointFile, streamArn);
  const shards = new Map<string, Shard>();
  let handler: Promise<StreamHandler> | undefined = opts.handler && Promise.resolve(opts.handler);
  let lastDescribe = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let waiters: { since: number; resolve(): void; reject(err: Error): void }[] = [];

  async function describe(): Promise<void> {
    let start: string | undefined;
    do {
      const r = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      for (const s of r.StreamDescription?.Shards ?? []) {
        if (!s.ShardId || shards.has(s.ShardId)) continue;
        const seq = saved[s.ShardId];
        shards.set(s.ShardId, {
          id: s.ShardId,
          parent: s.ParentShardId,
          position: seq ? { type: 'AFTER_SEQUENCE_NUMBER', seq } : undefined,
          closed: false,
          attempts: 0,
          retryAt: 0,
        });
      }
      start = r.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    lastDescribe = Date.now();
  }

  function save(): void {
    if (!checkpointFile) return;
    const positions = Object.fromEntries([...shards.values()].flatMap((s) => (s.position?.type === 'AFTER_SEQUENCE_NUMBER' ? [[s.id, s.position.seq]] : [])));
    const tmp = `${checkpointFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ streamArn, shards: { ...saved, ...positions } }));
    renameSync(tmp, checkpointFile);
  }

  /** Polls one shard once; true when it had records (or is waiting to retry some). */
  async function poll(shard: Shard, again = true): Promise<boolean> {
    if (shard.retryAt > Date.now()) return true;
    if (!shard.iterator) {
      const type: ShardIteratorType = shard.position?.type ?? opts.startAt ?? 'TRIM_HORIZON';
      try {
        const it = await streams.send(
          new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber: shard.position?.seq }),
        );
        shard.iterator = it.ShardIterator;
      } catch (err) {
        if (!(err instanceof TrimmedDataAccessException)) throw err;
        // The stream no longer holds records after our position: they are lost; go on from the oldest.
        log(`stream records of ${shard.id} after ${shard.position?.seq} were trimmed before they were read`);
        shard.position = undefined;
        return true;
      }
    }
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
    } catch (err) {
      // DynamoDB Local also calls an iterator "trimmed" when it points at an empty shard's start
      // and other tables have written meanwhile: take a fresh one from the same position.
      // Read again at once with the fresh iterator: records after that position may well be there,
      // and a settle must not end before they are read. Refused twice, the shard is taken as empty.
      if (err instanceof ExpiredIteratorException || err instanceof TrimmedDataAccessException) {
        shard.iterator = undefined;
        return again ? poll(shard, false) : false;
      }
      throw err;
    }
    const records = page.Records ?? [];
    if (records.length > 0) {
      const failedAt = await invoke(records);
      if (failedAt !== undefined) {
        handleFailure(shard, records, failedAt);
        return true;
      }
      shard.attempts = 0;
      shard.position = { type: 'AFTER_SEQUENCE_NUMBER', seq: records[records.length - 1]!.dynamodb!.SequenceNumber! };
      save();
    }
    shard.iterator = page.NextShardIterator;
    if (!shard.iterator) shard.closed = true;
    return records.length > 0;
  }

  /** Invokes the consumer; the index of the first record to hand out again, if any failed. */
  async function invoke(records: StreamRecord[]): Promise<number | undefined> {
    const event: DynamoDBStreamEvent = { Records: records.map((r) => lambdaRecord(r, streamArn!)) };
    try {
      handler ??= importHandler();
      const fn = await handler.catch((err: unknown) => {
        handler = undefined;
        throw err;
      });
      const result = await fn(event, lambdaContext('helpdesk-stream-effects', 60_000));
      const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      if (failed.size === 0) return undefined;
      const index = records.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      return index < 0 ? 0 : index;
    } catch (err) {
      log(`stream consumer failed for the whole batch: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
  }

  function handleFailure(shard: Shard, records: StreamRecord[], index: number): void {
    const failed = records[index]!.dynamodb!.SequenceNumber!;
    // Records before the failed one are done; the next read begins with the failed one.
    if (index > 0) {
      shard.position = { type: 'AFTER_SEQUENCE_NUMBER', seq: records[index - 1]!.dynamodb!.SequenceNumber! };
      shard.attempts = 0;
    } else {
      shard.position ??= { type: 'AT_SEQUENCE_NUMBER', seq: failed };
    }
    shard.attempts++;
    if (shard.attempts >= maxAttempts) {
      log(`stream record ${failed} (${records[index]!.eventID}) failed ${shard.attempts} times: given up`);
      shard.position = { type: 'AFTER_SEQUENCE_NUMBER', seq: failed };
      shard.attempts = 0;
    } else {
      shard.retryAt = Date.now() + Math.min(30_000, retryDelay * 2 ** (shard.attempts - 1));
    }
    shard.iterator = undefined;
    save();
  }

  async function tick(): Promise<void> {
    const began = Date.now();
    let busy = false;
    try {
      if (Date.now() - lastDescribe > DESCRIBE_EVERY_MS) await describe();
      // Parents before children, as the stream's order of changes to one item requires.
      for (const shard of shards.values()) {
        if (shard.closed || (shard.parent && shards.has(shard.parent) && !shards.get(shard.parent)!.closed)) continue;
        try {
          if (await poll(shard)) busy = true;
        } catch (err) {
          busy = true;
          log(
            `stream poll of ${shard.id} failed (${JSON.stringify(shard.position)}, iterator ${shard.iterator ? 'set' : 'none'}): ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
          );
        }
      }
    } catch (err) {
      busy = true;
      log(`stream poll failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!busy) {
      const done = waiters.filter((w) => w.since <= began);
      waiters = waiters.filter((w) => w.since > began);
      for (const w of done) w.resolve();
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then(() => schedule(interval));
    }, delay);
  }

  await describe();
  schedule(0);
  log(`stream consumer polling ${streamArn}`);

  return {
    settle: () =>
      new Promise<void>((resolve, reject) => {
        if (stopped) return reject(new Error('stream poller stopped'));
        waiters.push({ since: Date.now(), resolve, reject });
      }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      for (const w of waiters) w.reject(new Error('stream poller stopped'));
      waiters = [];
      streams.destroy();
    },
  };
}

function readCheckpoint(file: string | undefined, streamArn: string): Record<string, string> {
  if (!file) return {};
  mkdirSync(join(file, '..'), { recursive: true });
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { streamArn?: string; shards?: Record<string, string> };
    // Another stream (the table was made anew): its positions mean nothing here.
    return data.streamArn === streamArn ? (data.shards ?? {}) : {};
  } catch {
    return {};
  }
}
