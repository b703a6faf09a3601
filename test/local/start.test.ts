/**
 * `npm start` (infra/local/start.ts) as a user meets it: a clear line for a taken port, a URL
 * block on start, Ctrl-C stopping every child, and no Java left behind even when killed hard.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError } from '../../infra/local/ports.ts';
import { startLocalStack } from '../../infra/local/stack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The environment of a fresh shell: none of the test stack's settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(AWS_|TABLE_NAME|PUBLIC_URL|STATE_MACHINE_ARN|MAIL_FROM|MAIL_PORT|VITEST|NODE_OPTIONS)/.test(k)) delete env[k];
  return { ...env, ...extra };
}

/** Products this file started and that may still run: killed, with their whole process group, after each test. */
const spawned = new Set<ChildProcess>();
function killSpawned(): void {
  for (const child of spawned) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawned.clear();
}
// Also when a test times out (vitest still runs hooks) or the worker itself exits.
afterEach(killSpawned);
process.on('exit', killSpawned);

function startCli(env: Record<string, string>, args: string[] = []): ChildProcess {
  // Its own process group, so the cleanup above reaches Java too.
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], { cwd: ROOT, env: cleanEnv(env), stdio: 'pipe', detached: true });
  spawned.add(child);
  child.on('exit', () => spawned.delete(child));
  return child;
}

/** Java processes whose command line names this folder. */
const javaOn = (dir: string) => spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' }).stdout.trim();

async function waitFor(check: () => boolean, tries = 100, intervalMs = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return check();
}

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { out, exit };
}

describe('a port already in use', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

  it('gives a clear error from startLocalStack, before anything starts', async () => {
    const err = await startLocalStack({ port, dataDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toBe(`Port ${port} is in use: stop the other process or set PORT=${port + 1}`);
  });

  it('makes npm start print one line and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-cli-busy-'));
    try {
      const { out, exit } = collect(startCli({ PORT: String(port), DATA_DIR: dir }));
      expect(await exit).toBe(1);
      expect(out.stderr.trim()).toBe(`Port ${port} is in use: stop the other process or set PORT=${port + 1}`);
      expect(javaOn(dir)).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('as the mail port, gives the same kind of line naming MAIL_PORT, before any Java starts', async () => {
    const err = await startLocalStack({ port: 0, mailPort: port, dataDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toBe(`Port ${port} is in use: stop the other process or set MAIL_PORT=${port + 1}`);

    const dir = mkdtempSync(join(tmpdir(), 'hd-cli-busy-mail-'));
    try {
      const { out, exit } = collect(startCli({ PORT: '0', MAIL_PORT: String(port), DATA_DIR: dir }));
      expect(await exit).toBe(1);
      expect(out.stderr.trim()).toBe(`Port ${port} is in use: stop the other process or set MAIL_PORT=${port + 1}`);
      expect(javaOn(dir)).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every URL, answers, and leaves no Java after Ctrl-C', async () => {
    const child = startCli({ PORT: '0', DATA_DIR: dir }, ['--no-demo']);
    const { out, exit } = collect(child);
    expect(await waitFor(() => out.stdout.includes('Press Ctrl-C'), 450)).toBe(true);
    const url = /running at (http:\/\/\S+)/.exec(out.stdout)![1]!;
    for (const label of ['Sign up', 'API docs', 'OpenAPI', 'Mail inbox']) expect(out.stdout).toContain(label);
    expect(javaOn(dir)).not.toBe('');

    const res = await fetch(`${url}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');

    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(javaOn(dir)).toBe('');
  }, 60_000);

  it('shuts down cleanly, leaving no Java, when its terminal goes away (closed pipes, then a hang-up)', async () => {
    const child = startCli({ PORT: '0', DATA_DIR: dir }, ['--no-demo']);
    const { out, exit } = collect(child);
    expect(await waitFor(() => out.stdout.includes('Press Ctrl-C'), 450)).toBe(true);
    child.stdout!.destroy();
    child.stderr!.destroy();
    await new Promise((r) => setTimeout(r, 500)); // the pipes are closed on its side too
    child.kill('SIGHUP'); // its goodbye line now has nowhere to go
    expect(await exit).toBe(0);
    expect(javaOn(dir)).toBe('');
  }, 60_000);

  it('leaves no Java behind even when killed with SIGKILL (watchdog)', async () => {
    const child = startCli({ PORT: '0', DATA_DIR: dir }, ['--no-demo']);
    const { out, exit } = collect(child);
    expect(await waitFor(() => out.stdout.includes('Press Ctrl-C'), 450)).toBe(true);
    expect(javaOn(dir)).not.toBe('');
    child.kill('SIGKILL');
    await exit;
    // The watchdog polls every second.
    expect(await waitFor(() => javaOn(dir) === '', 50)).toBe(true);
  }, 60_000);
});
