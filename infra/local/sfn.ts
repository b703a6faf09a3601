/**
 * A small Step Functions API on loopback for the real `@aws-sdk/client-sfn` (AWS JSON 1.0:
 * `POST /`, `X-Amz-Target: AWSStepFunctions.<Op>`). Executions run in this process with
 * `aws-local-stepfunctions`, from the shared ASL definition; Task states are bound by state
 * name to `functions/workflow/<kebab-case STATES key>.ts` (`STATES.checkTicketTimers` →
 * `check-ticket-timers.ts`).
 *
 * Implemented: StartExecution (idempotent like AWS Standard workflows), DescribeExecution,
 * ListExecutions, StopExecution, GetExecutionHistory (the run in this process: an execution
 * resumed after a restart lists its events since then; the bench counts state transitions from
 * it). Local extra (not AWS): `POST /_local/settle` resolves once no execution is busy.
 *
 * With a `dataDir`, executions outlive the process, as they would in AWS: each one is journalled
 * (`sfn-journal.ts`) when it starts and when it finishes. On the next start the journal brings
 * back every execution (for Describe/List and name idempotency), and `resume()` re-runs each one
 * it left RUNNING from the beginning with its original input — Task handlers are idempotent.
 * Stopping the stand-in aborts running executions without journalling that, so they resume.
 * Without a `dataDir`, executions live in memory only.
 *
 * Time, as in AWS: an execution still running a year after it started ends TIMED_OUT
 * (`States.Timeout`), also while it waits. A `Wait` on an absolute timestamp ends when the wall
 * clock reaches it, even when the clock jumped there (a laptop woken from sleep, or a test that
 * sets the clock with `vi.setSystemTime`): Node's timers run on a monotonic clock and would fire
 * late, so the stand-in then re-runs that execution from the beginning, as a restart would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { STATES, ticketWorkflowDefinition, type WorkflowResources } from '../../shared/workflow/definition.ts';
import { lambdaContext } from './lambda-context.ts';
import { closeServer, listen } from './ports.ts';
import { ExecutionJournal, type ExecutionRecord, type JournalLimits } from './sfn-journal.ts';

type Json = unknown;
export type TaskHandler = (input: Json) => Promise<Json> | Json;

export interface SfnLocalOptions {
  /** ARN clients pass as `stateMachineArn` (the only state machine). */
  stateMachineArn: string;
  /** ASL; defaults to the shared ticket workflow with placeholder task ARNs. */
  definition?: Record<string, unknown>;
  /** Task handlers by state name; default: the `functions/workflow` handlers bound via `STATES`. */
  taskHandlers?: Record<string, TaskHandler>;
  /** Folder of the execution journal (created if missing); null/absent = executions in memory only. */
  dataDir?: string | null;
  /** How many finished executions the journal keeps. */
  journalLimits?: JournalLimits;
  /** Loopback port; default 0, a free one (a restarted stand-in may take its predecessor's, as an endpoint in AWS stays). */
  port?: number;
  log?: (line: string) => void;
}

export interface SfnLocal {
  endpoint: string;
  /** Resolves once every execution has finished or sits in a Wait state with no task running. */
  settle(timeoutMs?: number): Promise<void>;
  /**
   * Re-runs the executions the journal left RUNNING (once; later calls return 0), logging
   * "Resumed N workflow executions". Call it once Task handlers can run (their environment set).
   * Until then those executions are listed as RUNNING but do nothing. Returns how many resumed.
   */
  resume(): number;
  stop(): Promise<void>;
}

/** One entry of an execution's history, as GetExecutionHistory answers it. */
interface HistoryEntry {
  id: number;
  previousEventId: number;
  /** Epoch seconds. */
  timestamp: number;
  /** AWS's event type, e.g. `ExecutionStarted`, `TaskStateEntered`, `WaitStateExited`, `ExecutionSucceeded`. */
  type: string;
  stateEnteredEventDetails?: { name: string };
  stateExitedEventDetails?: { name: string };
}

interface Execution extends ExecutionRecord {
  /** Its history since it was launched in this process (not journalled). */
  history: HistoryEntry[];
  /** Wait states entered and Task handlers in flight: busy unless waiting with no task. */
  waits: number;
  tasks: number;
  /** Its state machine run has begun (false while it waits for `resume()`). */
  launched: boolean;
  /** Aborted because the stand-in stops: not journalled, so the next start resumes it. */
  shutdown: boolean;
  /** Aborted to be run again at once from the beginning (its wait ended by a clock jump). */
  relaunch: boolean;
  /** Aborted because it reached the one-year limit. */
  expired: boolean;
  /** Which launch in this process is current: events of an older (aborted) run are ignored. */
  run: number;
  /** While in a Wait on a timestamp: that instant (wall clock, ms) and when Node's timer fires (`performance.now()` ms). */
  wakeWall?: number;
  wakeMono?: number;
  done: Promise<void>;
  abort(): void;
}

class ApiError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/workflow/', import.meta.url));
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** Characters AWS refuses in an execution name. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what AWS refuses
const BAD_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
/** The longest a Standard execution may run in AWS (one year); then it times out. */
export const MAX_EXECUTION_MS = 365 * 86_400_000;
/** How often the stand-in looks for executions past their year, or whose wait the wall clock jumped past. */
const WATCH_MS = 1000;

/** The instant (ms) a Wait state waits for, when it waits for an absolute one (`Timestamp`, or `TimestampPath` as `$.a.b`). */
function waitTarget(state: Record<string, unknown> | undefined, input: unknown): number | undefined {
  if (!state) return undefined;
  let at: unknown = state.Timestamp;
  if (typeof state.TimestampPath === 'string' && state.TimestampPath.startsWith('$.')) {
    at = state.TimestampPath.slice(2)
      .split('.')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), input);
  }
  const ms = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** The shared definition with placeholder ARNs, and its Task states bound to local handlers. */
export function defaultWorkflow(): { definition: Record<string, unknown>; taskHandlers: Record<string, TaskHandler> } {
  const resources: Record<string, string> = {};
  const taskHandlers: Record<string, TaskHandler> = {};
  for (const [key, stateName] of Object.entries(STATES)) {
    const file = kebab(key);
    resources[key] = `arn:aws:lambda:eu-central-1:000000000000:function:helpdesk-${file}`;
    let loaded: Promise<(event: Json, context: unknown) => Promise<Json>> | undefined;
    taskHandlers[stateName] = async (input) => {
      loaded ??= import(pathToFileURL(`${FUNCTIONS_DIR}${file}.ts`).href).then((m) => m.handler);
      const handler = await loaded.catch((err) => {
        loaded = undefined; // retry the import next time (file being edited)
        throw err;
      });
      return handler(input, lambdaContext(`helpdesk-${file}`, 60_000));
    };
  }
  return { definition: ticketWorkflowDefinition(resources as unknown as WorkflowResources), taskHandlers };
}

export async function startSfn(opts: SfnLocalOptions): Promise<SfnLocal> {
  const log = opts.log ?? (() => {});
  const fallback = opts.definition && opts.taskHandlers ? undefined : defaultWorkflow();
  const definition = opts.definition ?? fallback!.definition;
  const taskHandlers = opts.taskHandlers ?? fallback!.taskHandlers;
  // Validates the ASL now: a broken definition fails the start, not the first ticket.
  const machine = new StateMachine(definition as unknown as StateMachineDefinition);
  const states = (definition.States ?? {}) as Record<string, Record<string, unknown>>;
  const executions = new Map<string, Execution>();
  const arnPrefix = opts.stateMachineArn.replace(':stateMachine:', ':execution:');
  const journal = opts.dataDir ? new ExecutionJournal(opts.dataDir, opts.journalLimits) : undefined;
  let closing = false;

  /** An execution as known, not yet running: `launch` runs it. */
  function create(record: ExecutionRecord): Execution {
    const exec: Execution = {
      ...record,
      history: [],
      waits: 0,
      tasks: 0,
      launched: false,
      shutdown: false,
      relaunch: false,
      expired: false,
      run: 0,
      done: Promise.resolve(),
      abort: () => {},
    };
    exec.abort = () => {
      if (exec.launched || exec.status !== 'RUNNING') return;
      exec.status = 'ABORTED';
      exec.stopDate = Date.now() / 1000;
      save(exec);
    };
    return exec;
  }

  /** Journals the execution's state (a no-op in memory mode, and for an abort by `stop()`). */
  function save(exec: Execution): void {
    if (!journal || (exec.shutdown && exec.status === 'ABORTED')) return;
    for (const dropped of journal.write(exec)) {
      if (dropped.stateMachineArn === opts.stateMachineArn && executions.get(dropped.name)?.status !== 'RUNNING') executions.delete(dropped.name);
    }
  }

  function launch(exec: Execution): void {
    const { name } = exec;
    const run = ++exec.run;
    const again = exec.launched; // re-run in this process: its history goes on
    exec.launched = true;
    exec.waits = 0;
    exec.tasks = 0;
    exec.wakeWall = exec.wakeMono = undefined;
    const handlers: Record<string, TaskHandler> = {};
    for (const [state, fn] of Object.entries(taskHandlers)) {
      handlers[state] = async (taskInput) => {
        exec.tasks++;
        try {
          // A Lambda sees JSON, never shared objects.
          const out = await fn(JSON.parse(JSON.stringify(taskInput ?? null)));
          return out === undefined ? null : JSON.parse(JSON.stringify(out));
        } catch (err) {
          log(`workflow ${name}: task ${state} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          throw err;
        } finally {
          exec.tasks--;
        }
      };
    }
    const execution = machine.run(JSON.parse(exec.input), {
      overrides: { taskResourceLocalHandlers: handlers as NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'] },
    });
    exec.abort = execution.abort;
    const record = (event: string, timestamp: number, state?: string, entered?: boolean) => {
      if (again && event === 'ExecutionStarted') return;
      const type = exec.expired && event === 'ExecutionAborted' ? 'ExecutionTimedOut' : event;
      const id = exec.history.length + 1;
      const details = state === undefined ? {} : entered ? { stateEnteredEventDetails: { name: state } } : { stateExitedEventDetails: { name: state } };
      exec.history.push({ id, previousEventId: id - 1, timestamp: timestamp / 1000, type, ...details });
    };
    void (async () => {
      try {
        for await (const ev of execution.eventLogs) {
          if (exec.run !== run || exec.relaunch) break; // a later run records its own
          if ('state' in ev && (ev.type === 'StateEntered' || ev.type === 'StateExited')) {
            record(`${ev.state.type}State${ev.type === 'StateEntered' ? 'Entered' : 'Exited'}`, ev.timestamp, ev.state.name, ev.type === 'StateEntered');
          } else if (ev.type.startsWith('Execution')) {
            record(ev.type === 'ExecutionTimeout' ? 'ExecutionTimedOut' : ev.type, ev.timestamp);
          }
          if (!('state' in ev) || ev.state.type !== 'Wait') continue;
          if (ev.type === 'StateEntered') {
            exec.waits++;
            exec.wakeWall = waitTarget(states[ev.state.name], ev.state.input);
            // Node's timer for it fires on the monotonic clock, this long from now.
            exec.wakeMono = exec.wakeWall === undefined ? undefined : performance.now() + Math.max(0, exec.wakeWall - Date.now());
          } else if (ev.type === 'StateExited' || ev.type === 'StateFailed') {
            exec.waits--;
            exec.wakeWall = exec.wakeMono = undefined;
          }
        }
      } catch {
        // the result promise reports the failure
      }
    })();
    exec.done = execution.result
      .then(
        (out) => {
          exec.status = 'SUCCEEDED';
          exec.output = JSON.stringify(out ?? null);
        },
        (err: Error & { cause?: Error }) => {
          if (exec.relaunch) return;
          if (exec.expired) {
            exec.status = 'TIMED_OUT';
            exec.error = 'States.Timeout';
            exec.cause = 'The execution reached the maximum duration of one year';
            log(`workflow ${name} timed out: it ran for a year`);
            return;
          }
          exec.status = err.name === 'ExecutionAbortedError' ? 'ABORTED' : err.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED';
          exec.error = err.cause?.name ?? err.name;
          exec.cause = err.cause?.message ?? err.message;
          if (exec.status === 'FAILED') log(`workflow ${name} failed: ${exec.error}: ${exec.cause}`);
        },
      )
      .then(() => {
        if (exec.relaunch) {
          exec.relaunch = false;
          if (!closing) launch(exec);
          else exec.launched = false; // stopping meanwhile: still RUNNING in the journal, it resumes on the next start
          return;
        }
        exec.stopDate = Date.now() / 1000;
        try {
          save(exec);
        } catch (err) {
          log(`workflow ${name}: could not journal its end: ${String(err)}`);
        }
      });
  }

  // Every execution of this state machine the journal knows; those left RUNNING wait for resume().
  for (const record of journal?.all() ?? []) {
    if (record.stateMachineArn === opts.stateMachineArn) executions.set(record.name, create(record));
  }
  let resumed = false;

  const describe = (e: Execution) => ({
    executionArn: e.executionArn,
    stateMachineArn: opts.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    ...(e.stopDate !== undefined && { stopDate: e.stopDate }),
  });

  const ops: Record<string, (body: Record<string, unknown>) => unknown> = {
    StartExecution(body) {
      checkMachine(body.stateMachineArn);
      const name = body.name === undefined ? randomUUID() : String(body.name);
      if (name.length < 1 || name.length > 80 || BAD_NAME.test(name)) throw new ApiError('InvalidName', `Invalid Execution Name: '${name}'`);
      const input = body.input === undefined ? '{}' : String(body.input);
      try {
        JSON.parse(input);
      } catch {
        throw new ApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
      }
      const existing = executions.get(name);
      if (existing) {
        // AWS (Standard): same name and input while running → the same execution; else an error.
        if (existing.status === 'RUNNING' && existing.input === input) return { executionArn: existing.executionArn, startDate: existing.startDate };
        throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
      }
      const exec = create({
        executionArn: `${arnPrefix}:${name}`,
        stateMachineArn: opts.stateMachineArn,
        name,
        input,
        status: 'RUNNING',
        startDate: Date.now() / 1000,
      });
      save(exec); // journalled before the caller hears of it
      executions.set(name, exec);
      // While stopping, accept it as AWS would: journalled, it runs on the next start.
      if (!closing) launch(exec);
      return { executionArn: exec.executionArn, startDate: exec.startDate };
    },
    DescribeExecution(body) {
      const e = find(body.executionArn);
      return {
        ...describe(e),
        input: e.input,
        ...(e.output !== undefined && { output: e.output }),
        ...(e.error !== undefined && { error: e.error, cause: e.cause }),
      };
    },
    ListExecutions(body) {
      checkMachine(body.stateMachineArn);
      const all = [...executions.values()].filter((e) => !body.statusFilter || e.status === body.statusFilter).sort((a, b) => b.startDate - a.startDate);
      const start = body.nextToken ? Number(body.nextToken) : 0;
      const max = Number(body.maxResults) > 0 ? Number(body.maxResults) : 100;
      const page = all.slice(start, start + max);
      return { executions: page.map(describe), ...(start + max < all.length && { nextToken: String(start + max) }) };
    },
    GetExecutionHistory(body) {
      const e = find(body.executionArn);
      const all = body.reverseOrder === true ? [...e.history].reverse() : e.history;
      const start = body.nextToken ? Number(body.nextToken) : 0;
      const max = Number(body.maxResults) > 0 ? Number(body.maxResults) : 100;
      return { events: all.slice(start, start + max), ...(start + max < all.length && { nextToken: String(start + max) }) };
    },
    StopExecution(body) {
      const e = find(body.executionArn);
      if (e.status === 'RUNNING') e.abort();
      return { stopDate: Date.now() / 1000 };
    },
  };

  function checkMachine(arn: unknown) {
    if (arn !== opts.stateMachineArn) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
  }
  function find(arn: unknown): Execution {
    const e = typeof arn === 'string' && arn.startsWith(`${arnPrefix}:`) ? executions.get(arn.slice(arnPrefix.length + 1)) : undefined;
    if (!e) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return e;
  }

  /** Whether a year has passed since the execution started. */
  const pastItsYear = (e: Execution) => Date.now() >= e.startDate * 1000 + MAX_EXECUTION_MS;

  /** Ends a running execution that reached its year as AWS does (TIMED_OUT); one left for `resume()` is journalled so at once. */
  function expire(e: Execution): void {
    e.expired = true;
    if (e.launched) return e.abort();
    Object.assign(e, {
      status: 'TIMED_OUT',
      stopDate: Date.now() / 1000,
      error: 'States.Timeout',
      cause: 'The execution reached the maximum duration of one year',
    });
    log(`workflow ${e.name} timed out: it ran for a year`);
    save(e);
  }

  /**
   * The watch: executions past their year time out; one waiting for an instant the wall clock has
   * reached while Node's (monotonic) timer is still far off — the clock jumped — runs again now.
   */
  function watch(): void {
    if (closing) return;
    const wall = Date.now();
    const mono = performance.now();
    for (const e of executions.values()) {
      if (e.status !== 'RUNNING' || !e.launched || e.relaunch || e.expired) continue;
      if (pastItsYear(e)) expire(e);
      else if (e.waits > 0 && e.tasks === 0 && e.wakeWall !== undefined && e.wakeWall <= wall && e.wakeMono! > mono + 50) {
        e.relaunch = true;
        e.abort();
      }
    }
  }
  const watcher = setInterval(watch, WATCH_MS);
  watcher.unref();

  /** Waiting for nothing more: in a Wait with no task running, and its instant not yet reached. */
  const idle = (e: Execution) => e.waits > 0 && e.tasks === 0 && !e.relaunch && !(e.wakeWall !== undefined && e.wakeWall <= Date.now());

  async function settle(timeoutMs = 30_000): Promise<void> {
    // Monotonic: a test may move the wall clock meanwhile.
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      watch();
      const busy = [...executions.values()].filter((e) => e.status === 'RUNNING' && e.launched && !idle(e));
      if (busy.length === 0) return;
      if (performance.now() > deadline) throw new Error(`workflows still busy after ${timeoutMs} ms: ${busy.map((e) => e.name).join(', ')}`);
      await Promise.race([Promise.allSettled(busy.map((e) => e.done)), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(body));
    };
    try {
      const raw = await readBody(req, 1024 * 1024);
      if (req.method === 'POST' && req.url === '/_local/settle') {
        await settle();
        return send(200, {});
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = req.method === 'POST' && target.startsWith('AWSStepFunctions.') ? ops[target.slice('AWSStepFunctions.'.length)] : undefined;
      if (!op) throw new ApiError('UnknownOperationException', `Operation not supported by the local stand-in: ${target || req.method}`);
      let body: Record<string, unknown>;
      try {
        body = raw.length ? JSON.parse(raw) : {};
      } catch {
        throw new ApiError('SerializationException', 'Request body is not JSON');
      }
      send(200, op(body));
    } catch (err) {
      if (err instanceof ApiError) return send(400, { __type: err.type, message: err.message });
      log(`sfn stand-in: ${err instanceof Error ? err.stack : String(err)}`);
      send(500, { __type: 'InternalFailure', message: String(err) });
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  const port = await listen(server, opts.port ?? 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}`;
  log(`Step Functions stand-in on ${endpoint}`);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    settle,
    resume() {
      if (resumed || closing) return 0;
      resumed = true;
      const left = [...executions.values()].filter((e) => e.status === 'RUNNING' && !e.launched);
      for (const e of left.filter(pastItsYear)) expire(e);
      const waiting = left.filter((e) => e.status === 'RUNNING');
      for (const e of waiting) launch(e);
      if (waiting.length > 0) log(`Resumed ${waiting.length} workflow execution${waiting.length === 1 ? '' : 's'}`);
      return waiting.length;
    },
    stop: () =>
      (stopped ??= (async () => {
        closing = true;
        clearInterval(watcher);
        for (const e of executions.values()) {
          if (e.status !== 'RUNNING') continue;
          e.shutdown = true;
          e.abort();
        }
        await Promise.allSettled([...executions.values()].map((e) => e.done));
        await closeServer(server);
      })()),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ApiError('ValidationException', 'Request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
