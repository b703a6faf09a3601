/**
 * SLA timers survive restarts of the product (issue 7, Mechanism): `npm start` (infra/local/start.ts)
 * is stopped while a ticket's timer waits — once with Ctrl-C (SIGINT), once killed outright
 * (SIGKILL) — and started again on the same data folder after every pending deadline has
 * passed. Each pending step (the breach, the escalation at the breach and the one a minute later)
 * then fires, late, exactly once: never lost, never twice.
 *
 * The products run in their own process groups and are killed with them after each test, even
 * when it fails (as in start.test.ts). Every wait polls a condition; nothing asserts a duration.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PATIENCE_MS = 5 * 60_000;

/** The environment of a fresh shell: none of the test stack's settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(AWS_|TABLE_NAME|PUBLIC_URL|STATE_MACHINE_ARN|MAIL_FROM|MAIL_PORT|VITEST|NODE_OPTIONS)/.test(k)) delete env[k];
  return { ...env, ...extra };
}

/** Products this file started that may still run: each test kills its own (with their process groups) when it ends, pass or fail. */
const spawned = new Set<ChildProcess>();
function kill(children: Iterable<ChildProcess>): void {
  for (const child of [...children]) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    spawned.delete(child);
  }
}
// The tests run side by side: an afterEach would kill the other's product, so each cleans up in
// `finally`; this catches a worker that exits (a timeout) before that.
process.on('exit', () => kill(spawned));

const javaOn = (dir: string) => spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' }).stdout.trim();

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Product {
  url: string;
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exit: Promise<number | null>;
}

/** `npm start` without the demo on `dir`, once it prints its addresses; `mine` collects it for the test's cleanup. */
async function launch(dir: string, mine: Set<ChildProcess>): Promise<Product> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--no-demo'], {
    cwd: ROOT,
    env: cleanEnv({ PORT: '0', DATA_DIR: dir, SIGNUPS_PER_HOUR: '1000' }),
    stdio: 'pipe',
    detached: true, // its own process group, so the cleanup reaches Java too
  });
  spawned.add(child);
  mine.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      spawned.delete(child);
      resolve(code);
    }),
  );
  await until('the product to start', () => out.stdout.includes('Press Ctrl-C') || child.exitCode !== null);
  const url = /running at (http:\/\/\S+)/.exec(out.stdout)?.[1];
  if (!url) throw new Error(`npm start did not start:\n${out.stdout}\n${out.stderr}`);
  return { url, child, out, exit };
}

interface HistoryEvent {
  id: string;
  type: string;
  at: string;
  from?: string;
  to?: string;
}

/** Sign up an organisation and give it a one-minute policy for high priority, escalating at the breach and a minute later. */
async function organisation(url: string) {
  const slug = `restart-${randomBytes(4).toString('hex')}`;
  const signup = await fetch(`${url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisationName: 'Restart Org', slug, adminName: 'Ada Admin', email: `admin@${slug}.example`, password: 'a-long-test-password' }),
  });
  expect(signup.status, await signup.clone().text()).toBe(201);
  const token = ((await signup.json()) as { token: string }).token;
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
  };
  const policy = await call(url, 'POST', '/sla-policies', {
    name: 'High: one minute',
    match: { priorities: ['high'] },
    calendarId: '24x7',
    targets: { firstResponseMinutes: 1, resolutionMinutes: 600 },
    warnAtPercent: 50,
    escalation: [
      { afterMinutes: 0, actions: ['notify_coordinator'] },
      { afterMinutes: 1, actions: ['raise_priority'] },
    ],
  });
  expect(policy.status, JSON.stringify(policy.json)).toBe(201);
  return { call, policyId: policy.json.id as string };
}

const slaHistory = (history: HistoryEvent[]) => history.filter((e) => ['sla_warning', 'sla_breached', 'sla_escalated'].includes(e.type));

describe.concurrent('SLA timers across restarts of npm start', () => {
  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(
      `stopped with ${signal} while a ticket waits for its breach: every pending step fires after the restart, late, exactly once`,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), `hd-sla-${signal.toLowerCase()}-`));
        const mine = new Set<ChildProcess>();
        try {
          const first = await launch(dir, mine);
          const org = await organisation(first.url);
          const created = await org.call(first.url, 'POST', '/tickets', { subject: 'Mail server down', description: 'Nobody gets mail.', priority: 'high' });
          expect(created.status, JSON.stringify(created.json)).toBe(201);
          const n = created.json.ticket.number as number;
          const history = async (base: string) => ((await org.call(base, 'GET', `/tickets/${n}`)).json.history ?? []) as HistoryEvent[];

          // The timer runs: the warning (at 50 %) fires; the execution now waits for the breach.
          const warning = await until('the warning', async () => slaHistory(await history(first.url)).find((e) => e.type === 'sla_warning'));
          const targetAt = Date.parse(warning.to!);
          first.child.kill(signal);
          const code = await first.exit;
          if (signal === 'SIGINT') expect(code).toBe(0);
          await until('Java to stop', () => javaOn(dir) === '');

          // Stopped past the breach and past the second step.
          await until('the second step’s instant to pass', () => Date.now() > targetAt + 60_000);
          const restartedAt = Date.now();
          const second = await launch(dir, mine);
          expect(second.out.stderr).toMatch(/Resumed \d+ workflow execution/); // the waiting execution, re-run from the journal
          const events = await until('every pending step', async () => {
            const es = slaHistory(await history(second.url));
            return es.filter((e) => e.type === 'sla_escalated').length >= 2 && es;
          });
          expect(events.map((e) => [e.type, e.to])).toEqual([
            ['sla_warning', warning.to],
            ['sla_breached', warning.to],
            ['sla_escalated', `${org.policyId}#0: notify_coordinator`],
            ['sla_escalated', `${org.policyId}#1: raise_priority`],
          ]);
          expect(events[0]).toEqual(warning);
          // Late, after the restart — none before it, none lost while stopped.
          for (const e of events.slice(1)) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(restartedAt);
          const ticket = (await org.call(second.url, 'GET', `/tickets/${n}`)).json.ticket as { priority: string };
          expect(ticket.priority).toBe('urgent');
          // And only once: the priority was raised by exactly one step.
          expect((await history(second.url)).filter((e) => e.type === 'priority')).toHaveLength(1);

          second.child.kill('SIGINT');
          expect(await second.exit).toBe(0);
        } finally {
          kill(mine);
          rmSync(dir, { recursive: true, force: true });
        }
      },
      12 * 60_000,
    );
  }
});
