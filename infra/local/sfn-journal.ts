/**
 * The execution journal of the Step Functions stand-in: `<dir>/executions.jsonl`, one JSON line
 * per change of an execution (started, finished); an execution's last line wins. Lines are
 * appended synchronously, so whatever the API has answered survives a crash. The file is
 * rewritten (temp file, then rename) without superseded lines and without finished executions
 * beyond the retention limits: on open, and whenever it has grown to twice what it keeps.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  /** The input as the client sent it (a JSON text). */
  input: string;
  status: ExecutionStatus;
  /** Epoch seconds, as the API reports them. */
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

export interface JournalLimits {
  /** Finished executions kept, the most recently finished first. Default 10 000. */
  maxFinished?: number;
  /** Finished executions stopped longer ago are dropped. Default 90 (AWS keeps closed executions 90 days). */
  maxAgeDays?: number;
}

const FIELDS = ['executionArn', 'stateMachineArn', 'name', 'input', 'status', 'startDate', 'stopDate', 'output', 'error', 'cause'] as const;

function isRecord(r: unknown): r is ExecutionRecord {
  const o = r as Partial<ExecutionRecord> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.executionArn === 'string' &&
    typeof o.stateMachineArn === 'string' &&
    typeof o.name === 'string' &&
    typeof o.input === 'string' &&
    typeof o.status === 'string' &&
    typeof o.startDate === 'number'
  );
}

export class ExecutionJournal {
  readonly file: string;
  private readonly records = new Map<string, ExecutionRecord>();
  /** Lines in the file, superseded ones included. */
  private lines = 0;
  private readonly maxFinished: number;
  private readonly maxAgeSeconds: number;

  constructor(dir: string, limits: JournalLimits = {}) {
    this.file = join(dir, 'executions.jsonl');
    this.maxFinished = limits.maxFinished ?? 10_000;
    this.maxAgeSeconds = (limits.maxAgeDays ?? 90) * 86_400;
    mkdirSync(dir, { recursive: true });
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // A line torn by a crash mid-write is skipped, and the rewrite below drops it.
    let torn = text !== '' && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      this.lines++;
      let r: unknown;
      try {
        r = JSON.parse(line);
      } catch {
        torn = true;
        continue;
      }
      if (!isRecord(r)) continue;
      this.records.delete(r.executionArn); // keep the map in order of last change
      this.records.set(r.executionArn, r);
    }
    const dropped = this.prune();
    if (torn || dropped.length > 0 || this.lines > this.records.size) this.rewrite();
  }

  /** Every execution kept, in order of last change. */
  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  /** Journals an execution's current state; returns the finished executions a compaction dropped. */
  write(execution: ExecutionRecord): ExecutionRecord[] {
    const r = Object.fromEntries(FIELDS.filter((k) => execution[k] !== undefined).map((k) => [k, execution[k]])) as unknown as ExecutionRecord;
    appendFileSync(this.file, `${JSON.stringify(r)}\n`);
    this.lines++;
    this.records.delete(r.executionArn);
    this.records.set(r.executionArn, r);
    if (this.lines < 2 * Math.max(this.maxFinished, this.records.size, 1)) return [];
    const dropped = this.prune();
    this.rewrite();
    return dropped;
  }

  /** Drops finished executions beyond the limits (running ones always stay). */
  private prune(): ExecutionRecord[] {
    const oldest = Date.now() / 1000 - this.maxAgeSeconds;
    // Newest change first before the (stable) sort: executions finished in the same millisecond keep that order.
    const finished = [...this.records.values()]
      .reverse()
      .filter((r) => r.status !== 'RUNNING')
      .sort((a, b) => (b.stopDate ?? b.startDate) - (a.stopDate ?? a.startDate));
    const dropped = finished.filter((r, i) => i >= this.maxFinished || (r.stopDate ?? r.startDate) < oldest);
    for (const r of dropped) this.records.delete(r.executionArn);
    return dropped;
  }

  private rewrite(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, [...this.records.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
    renameSync(tmp, this.file);
    this.lines = this.records.size;
  }
}
