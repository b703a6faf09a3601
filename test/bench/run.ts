/**
 * `npm run bench`: latency of createTicket and listTickets over HTTP on the local stack beside
 * the bare DynamoDB Local operations they wrap, consumed capacity per operation, Lambda bundle
 * sizes with the cold import time of each (area) function, the stream consumer's lag, the
 * workflow's race for a team's tickets and the capacity of each of its actions (`workflow.ts`),
 * the SLA timers' state transitions per ticket and escalation delay (`sla.ts`), inbound mail
 * through SMTP per second and its write capacity (`inbound.ts`), search over 100 000 tickets
 * (`search.ts`: build, size, p50/p95, cold snapshot load, write-to-searchable lag), and the portal's
 * first-load JavaScript. Figures, not assertions.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LAYER_PACKAGES, layerModule } from '../../infra/build-functions.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { db } from '../../shared/db/client.ts';
import { getSession, getTicket, getUser, listTeamItems, nextTicketNumber, putNewTicket, ticketsInStatus } from '../../shared/db/store.ts';
import { getRoutingItem } from '../../shared/db/teams.ts';
import { loadSlaConfig } from '../../shared/db/sla.ts';
import { hashSecret } from '../../shared/auth/secrets.ts';
import type { TicketItem } from '../../shared/db/items.ts';
import { lighthouseMobile } from './lighthouse.ts';
import { benchWorkflow } from './workflow.ts';
import { benchSla } from './sla.ts';
import { benchInbound } from './inbound.ts';
import { benchSearch } from './search.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STEADY_TICKETS = 50;

// Record the capacity every DynamoDB call consumes (bench only: added to the shared client here).
let capacity: { op: string; units: number }[] = [];
db(null).middlewareStack.add(
  (next, context) => async (args) => {
    (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'INDEXES';
    const r = await next(args);
    const out = (r.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    // DynamoDB (and DynamoDB Local) report CapacityUnits per call, table and indexes included.
    for (const c of ([] as { CapacityUnits?: number }[]).concat((out as never) ?? [])) {
      capacity.push({ op: context.commandName ?? '?', units: c.CapacityUnits ?? 0 });
    }
    return r;
  },
  { step: 'initialize', name: 'benchCapacity' },
);

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: at(50), p99: at(99), n: s.length };
}

/** Run `op` from CONNECTIONS concurrent loops for SECONDS; latency samples in ms. */
async function loop(op: () => Promise<unknown>) {
  const samples: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await op();
        samples.push(performance.now() - t);
      }
    }),
  );
  return percentiles(samples);
}

function cannon(opts: { url: string; method?: 'GET' | 'POST'; body?: string; headers: Record<string, string> }) {
  return new Promise<{ p50: number; p99: number; n: number; errors: number }>((resolve, reject) =>
    // load comes from a worker thread, so it does not queue on the server's event loop
    autocannon({ ...opts, connections: CONNECTIONS, duration: SECONDS, workers: 1 }, (err, r) =>
      err ? reject(err) : resolve({ p50: r.latency.p50, p99: r.latency.p99, n: r.requests.total, errors: r.non2xx + r.errors }),
    ),
  );
}

const fmt = (n: number) => n.toFixed(1).padStart(7);

async function main() {
  const stack = await startLocalStack({ port: 0, dataDir: null, demo: false });
  try {
    const signup = await fetch(`${stack.url}/api/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationName: 'Bench Org',
        slug: 'bench',
        adminName: 'Bench Admin',
        email: 'bench@example.com',
        password: 'bench-password-1',
      }),
    });
    const session = (await signup.json()) as { token: string; tenant: { id: string }; user: { id: string } };
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({
      subject: 'Printer on floor 2 does not print',
      description: 'Paper jam message since this morning. '.repeat(8),
      priority: 'normal',
      category: 'Hardware',
    });

    // Capacity of one operation, through the real HTTP path (session lookup included).
    capacity = [];
    const created = await fetch(`${stack.url}/api/v1/tickets`, { method: 'POST', headers, body });
    if (created.status !== 201) throw new Error(`createTicket answered ${created.status}`);
    const createCap = capacity;
    capacity = [];
    await stack.settleEffects();
    await stack.settleWorkflows();
    const effectsCap = capacity;
    capacity = [];
    await fetch(`${stack.url}/api/v1/tickets?view=new`, { headers });
    const listCap = capacity;
    capacity = [];

    const tenantId = session.tenant.id;
    const template: Omit<TicketItem, 'number'> = {
      kind: 'ticket',
      subject: 'bare',
      description: 'x'.repeat(300),
      status: 'open',
      priority: 'normal',
      requesterId: session.user.id,
      requesterName: 'Bench Admin',
      contact: { name: 'Bench Admin' },
      channel: 'api',
      createdBy: session.user.id,
      createdByName: 'Bench Admin',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    // "Bare" = every DynamoDB call the request makes, in the same order, without HTTP, middy,
    // validation and JSON: the ratio is what our stack adds on top of the database.
    const tokenHash = hashSecret(session.token);
    // createTicket: the session, the requester, the number, the routing rules, the ticket, the teams (for the answer).
    const bareCreate = await loop(async () => {
      await getSession(tenantId, tokenHash);
      await getUser(tenantId, session.user.id);
      const number = await nextTicketNumber(tenantId);
      await getRoutingItem(tenantId);
      await listTeamItems(tenantId);
      await loadSlaConfig(tenantId); // the clocks' start: policies, teams and tenant, in parallel
      await putNewTicket(tenantId, { ...template, number });
      await listTeamItems(tenantId);
    });
    // listTickets?view=new: the session, the caller's teams, one status queue, the SLA configuration for the badges.
    const httpList = await cannon({ url: `${stack.url}/api/v1/tickets?view=new`, headers });
    const bareList = await loop(async () => {
      await getSession(tenantId, tokenHash);
      await Promise.all([listTeamItems(tenantId), loadSlaConfig(tenantId)]);
      await ticketsInStatus(tenantId, 'new', { limit: 100 });
    });
    const before = await nextTicketNumber(tenantId);
    const httpCreate = await cannon({ url: `${stack.url}/api/v1/tickets`, method: 'POST', body, headers });
    await stack.settleEffects();
    await stack.settleWorkflows();
    const afterLoad = await nextTicketNumber(tenantId);
    const lag = await acknowledgementLag(tenantId, before + 1, afterLoad);
    // The same at a steady rate the consumer keeps up with: a ticket every 200 ms for a while.
    for (let i = 0; i < STEADY_TICKETS; i++) {
      await fetch(`${stack.url}/api/v1/tickets`, { method: 'POST', headers, body });
      await new Promise((r) => setTimeout(r, 200));
    }
    await stack.settleEffects();
    const steadyLag = await acknowledgementLag(tenantId, afterLoad + 1, await nextTicketNumber(tenantId));

    console.log(`\nLatency, ${CONNECTIONS} concurrent clients, ${SECONDS} s each (ms)`);
    console.log('operation        HTTP p50  HTTP p99   bare p50  bare p99   ratio p50  ratio p99   requests');
    for (const [name, h, b] of [
      ['createTicket', httpCreate, bareCreate],
      ['listTickets', httpList, bareList],
    ] as const) {
      console.log(
        `${name.padEnd(15)} ${fmt(h.p50)}   ${fmt(h.p99)}    ${fmt(b.p50)}   ${fmt(b.p99)}    ${fmt(h.p50 / b.p50)}    ${fmt(h.p99 / b.p99)}   ${h.n} (${h.errors} non-2xx)`,
      );
    }
    const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand']);
    const units = (xs: typeof capacity, write: boolean) => xs.filter((c) => WRITES.has(c.op) === write).reduce((a, c) => a + c.units, 0);
    const ops = (xs: typeof capacity) => xs.map((c) => `${c.op.replace('Command', '')} ${c.units}`).join(', ');
    console.log('\nConsumed capacity per operation (ReturnConsumedCapacity=INDEXES: table + indexes)');
    console.log(`createTicket: ${units(createCap, true)} WCU + ${units(createCap, false)} RCU  [${ops(createCap)}]`);
    console.log(`  then its effects (acknowledgement, timers): ${units(effectsCap, true)} WCU + ${units(effectsCap, false)} RCU  [${ops(effectsCap)}]`);
    console.log(`listTickets (view=new): ${units(listCap, false)} RCU  [${ops(listCap)}]`);
    console.log('\nStream consumer lag (ticket written → acknowledgement sent; the local poller reads every 250 ms)');
    console.log(`under the createTicket load above: p50 ${fmt(lag.p50)} ms, p99 ${fmt(lag.p99)} ms over ${lag.n} tickets`);
    console.log(`at a steady 5 tickets/s:          p50 ${fmt(steadyLag.p50)} ms, p99 ${fmt(steadyLag.p99)} ms over ${steadyLag.n} tickets`);
    console.log('\nLambda bundles: minified size (target ≤ 250 KB) and cold import with the shared layer, median of 5 fresh Node processes');
    const root = 'dist/functions';
    const layer = join(root, '_layer', 'nodejs', 'node_modules');
    for (const specifier of LAYER_PACKAGES) {
      const { pkg, file } = layerModule(specifier);
      console.log(
        `${`shared layer: ${specifier.replace(/\/index\.js$/, '')}`.padEnd(34)} ${(statSync(join(layer, pkg, file)).size / 1024).toFixed(1).padStart(7)} KB (once, in every function)`,
      );
    }
    for (const kind of ['http', 'workflow', 'stream', 'mail']) {
      for (const name of readdirSync(join(root, kind))) {
        const f = join(root, kind, name, 'index.mjs');
        if (!existsSync(f)) continue;
        const kb = statSync(f).size / 1024;
        console.log(`${`${kind}/${name}`.padEnd(34)} ${kb.toFixed(1).padStart(7)} KB${kb > 250 ? '  OVER TARGET' : ''}   import ${fmt(coldImportMs(f))} ms`);
      }
    }
    await benchWorkflow(stack.url, tenantId, session.token, {
      reset: () => void (capacity = []),
      take: () => capacity.splice(0),
      settle: () => stack.settleEffects(),
    });
    await benchSla(stack.url, tenantId, session.token, async () => {
      await stack.settleEffects();
      await stack.settleWorkflows();
    });
    await benchInbound(stack.smtpPort, 'bench', process.env.INBOUND_MAIL_DOMAIN ?? 'in.helpdesk.localhost', {
      reset: () => void (capacity = []),
      take: () => capacity.splice(0),
      settle: () => stack.settleEffects(),
    });
    await benchSearch(stack.url, tenantId, session.token);
    const firstLoad = await portalFirstLoadInBrowser(`${stack.url}/bench/`);
    console.log(
      firstLoad
        ? `\nPortal first load (/bench/ in Chromium): ${(firstLoad.bytes / 1024).toFixed(1)} KB of gzipped JS in ${firstLoad.files} files`
        : `\nPortal first load (no Chromium; entry and static imports only): ${(portalFirstLoadGzip() / 1024).toFixed(1)} KB of gzipped JS`,
    );
    await printLighthouse(stack.url, signup.headers.getSetCookie());
  } finally {
    await stack.stop();
  }
}

/** Time from each ticket's write to its acknowledgement (recorded right after the mail went out). */
async function acknowledgementLag(tenantId: string, from: number, to: number) {
  const numbers = Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const lags: number[] = [];
  for (let i = 0; i < numbers.length; i += 50) {
    const tickets = await Promise.all(numbers.slice(i, i + 50).map((n) => getTicket(tenantId, n)));
    for (const t of tickets) if (t?.ackSentAt) lags.push(Date.parse(t.ackSentAt) - Date.parse(t.createdAt));
  }
  return percentiles(lags);
}

/**
 * Milliseconds a fresh Node process takes to import a bundle (module evaluation included): the
 * part of a Lambda cold start that our code adds on top of the runtime's own start.
 */
function coldImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(resolve(file)).href)}); console.log(performance.now() - t);`;
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim()));
  return percentiles(runs).p50;
}

/** Lighthouse mobile performance (target ≥ 95) of the signed-out portal and the agent workspace. */
async function printLighthouse(base: string, setCookies: string[]): Promise<void> {
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium')) return void console.log('\nLighthouse: no Chromium, skipped');
  const cookies = setCookies.map((c) => c.split(';')[0]!).map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) }));
  console.log('\nLighthouse mobile performance (Moto G Power on slow 4G, simulated; median of 3; target ≥ 95)');
  for (const [name, url, signedIn] of [
    ['signed-out portal', `${base}/bench/`, false],
    ['agent workspace', `${base}/bench/agent`, true],
  ] as const) {
    const r = await lighthouseMobile(url, { cookies: signedIn ? cookies : [] });
    console.log(
      `${name.padEnd(18)} ${String(r.score).padStart(3)}   LCP ${(r.lcp / 1000).toFixed(2)} s   TBT ${Math.round(r.tbt)} ms   (showed “${r.heading}”)`,
    );
  }
}

/** Gzipped size of every script the browser fetches for the portal's first page, lazy route chunks included. */
async function portalFirstLoadInBrowser(url: string): Promise<{ bytes: number; files: number } | undefined> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
  if (!existsSync(executablePath)) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const scripts: Promise<Buffer>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.body());
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const bodies = await Promise.all(scripts);
    return { bytes: bodies.reduce((a, b) => a + gzipSync(b).length, 0), files: bodies.length };
  } finally {
    await browser.close();
  }
}

/** Fallback without a browser: the entry scripts and their static imports. */
function portalFirstLoadGzip(): number {
  const build = 'web/build';
  const html = readFileSync(join(build, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:href|src|import\()\s*=?\s*["']([^"']+\.js)["']/g)].map((m) => m[1]!);
  let total = 0;
  while (queue.length) {
    const ref = queue.shift()!;
    const path = join(build, ref.replace(/^\.?\//, ''));
    if (seen.has(path) || !existsSync(path)) continue;
    seen.add(path);
    const code = readFileSync(path);
    total += gzipSync(code).length;
    // static imports only: `import ... from "./x.js"` and `import "./x.js"`
    for (const m of code.toString().matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)) {
      queue.push(join(ref, '..', m[1]!));
    }
  }
  return total;
}

await main();
process.exit(0);
