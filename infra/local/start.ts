/**
 * `npm start`: the whole product on this machine.
 *   PORT (default 3000; 0 = any free port), MAIL_PORT (mail inbox; default PORT+1, any free port
 *   when PORT is 0), SMTP_PORT (inbound mail, issue 8; default PORT+2), DATA_DIR (default .data), DEMO_PASSWORD (default: a random one, printed),
 *   `--no-demo` or DEMO=0 to skip the demo tenant, LISTEN_HOST (default 127.0.0.1), `--verbose`
 *   for the stand-ins' own start-up lines.
 * Data, and workflow executions still running, are kept in DATA_DIR between starts. Ctrl-C
 * stops every child process.
 */
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JavaMissingError } from './dynamodb.ts';
import { PortInUseError } from './ports.ts';
import { startLocalStack, type DemoInfo, type LocalStack } from './stack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const verbose = process.argv.includes('--verbose') || process.env.VERBOSE === '1';

/**
 * Our terminal or pipe can go away (terminal closed, `npm start | tee log` cut, the spawning
 * test gone). Then every write fails with EPIPE; logging that failure would fail again, for ever.
 * So: once output is gone, stay silent and shut down like Ctrl-C.
 */
let outputGone = false;
const say = (line: string) => {
  if (outputGone) return;
  try {
    console.error(line);
  } catch {
    outputGone = true;
  }
};
const log = (line: string) => {
  if (
    verbose ||
    !/^(DynamoDB Local on|SMTP \(inbound mail\) on|SES v2 local on|S3 \(s3rver\) on|Step Functions stand-in on|stream consumer polling|table )/.test(line)
  )
    say(line);
};
const isBrokenPipe = (err: unknown) => ['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END'].includes((err as NodeJS.ErrnoException)?.code ?? '');

/** A password people can type: e.g. `kobe-lina-tusa-ramo-42`. */
function readablePassword(): string {
  const c = 'bdfghjklmnprstvz';
  const v = 'aeiou';
  const syllable = () => c[randomInt(c.length)]! + v[randomInt(v.length)]!;
  const word = () => syllable() + syllable();
  return `${word()}-${word()}-${word()}-${word()}-${randomInt(10, 100)}`;
}

function portSetting(name: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number, got ${text}`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portSetting('PORT', process.env.PORT ?? '3000');
  const mailPort = process.env.MAIL_PORT ? portSetting('MAIL_PORT', process.env.MAIL_PORT) : undefined;
  const smtpPort = process.env.SMTP_PORT ? portSetting('SMTP_PORT', process.env.SMTP_PORT) : undefined;
  const dataDir = resolve(process.env.DATA_DIR || join(ROOT, '.data'));
  const demo = !process.argv.includes('--no-demo') && process.env.DEMO !== '0';
  const demoPassword = process.env.DEMO_PASSWORD || readablePassword();

  // eslint-disable-next-line prefer-const -- the signal handlers below must exist before the stack starts
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping || !stack) {
      // Still starting, or a second Ctrl-C: exit now; the exit hook kills the Java child.
      process.exit(130);
    }
    stopping = true;
    say(`\n${signal}: stopping…`);
    stack.stop().then(
      () => process.exit(0),
      (err) => {
        say(String(err));
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  const outputClosed = (err: unknown) => {
    if (!isBrokenPipe(err)) return;
    outputGone = true;
    if (!stopping) shutdown('output closed');
  };
  process.stdout.on('error', outputClosed);
  process.stderr.on('error', outputClosed);
  onBrokenPipe = outputClosed;

  stack = await startLocalStack({ port, mailPort, smtpPort, host: process.env.LISTEN_HOST || undefined, dataDir, demo, demoPassword, log });

  // Remember who the demo users are (never the password) to list them again on later starts.
  const demoFile = join(dataDir, 'demo.json');
  let demoInfo: DemoInfo | undefined = stack.demo;
  if (demoInfo) writeFileSync(demoFile, JSON.stringify(demoInfo, null, 2));
  else if (demo && !stack.tableCreated && existsSync(demoFile)) {
    demoInfo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoInfo;
  }

  const u = stack.url;
  const portal = `${u}${(demoInfo?.portalPath ?? '/demo').replace(/\/$/, '')}`;
  const row = (label: string, value: string) => `  ${label.padEnd(18)}${value}`;
  const lines = ['', `Helpdesk is running at ${u}`, ''];
  if (demo) {
    lines.push(row('Customer portal', `${portal}/`), row('Agent workspace', `${portal}/agent`), row('Admin', `${portal}/admin`));
  }
  lines.push(
    row('Sign up', `${u}/signup`),
    row('API docs', `${u}/api/docs`),
    row('OpenAPI', `${u}/api/openapi.json`),
    row('Mail inbox', `${stack.mailInboxUrl}  (mail sent since this start)`),
    row(
      'Inbound SMTP',
      `${process.env.LISTEN_HOST || 'localhost'}:${stack.smtpPort}  (mail to {slug}@${process.env.INBOUND_MAIL_DOMAIN || 'in.helpdesk.localhost'})`,
    ),
  );
  if (demoInfo) {
    lines.push('', '  Demo logins');
    for (const l of demoInfo.logins) lines.push(`    ${l.role.padEnd(14)}${l.email}`);
    if (stack.demo) lines.push(`    password      ${demoPassword}`);
    else if (process.env.DEMO_PASSWORD) lines.push('    password      DEMO_PASSWORD, if it was also set at the first start; else the one printed then');
    else lines.push('    password      the one printed at the first start (delete the data folder to reseed)');
  } else if (demo) {
    lines.push('', '  (the demo tenant is seeded only into an empty data folder)');
  }
  if (!existsSync(join(ROOT, 'web', 'build', 'index.html'))) {
    lines.push('', '  Note: web/build is missing, so only the API works: run npm run build:web');
  }
  lines.push('', row('Data', `${dataDir}  (kept between starts)`), '  Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}

// A stray error in some handler must not take the local server down; a broken pipe ends it cleanly.
let onBrokenPipe: (err: unknown) => void = () => process.exit(1);
process.on('unhandledRejection', (err) => (isBrokenPipe(err) ? onBrokenPipe(err) : say(`Unhandled rejection (still running): ${String(err)}`)));
process.on('uncaughtException', (err) => (isBrokenPipe(err) ? onBrokenPipe(err) : say(`Uncaught exception (still running): ${err.stack ?? String(err)}`)));

main().catch((err: unknown) => {
  if (err instanceof PortInUseError || err instanceof JavaMissingError) console.error(err.message);
  else console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
