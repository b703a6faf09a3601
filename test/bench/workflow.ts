/**
 * The workflow's figures for `npm run bench`: `takeTicket` raced by 50 members of one team
 * (latency, exactly one winner per ticket, no error but the expected `already_taken`), and the
 * capacity each workflow action consumes through the real HTTP path.
 */
import { createSession } from '../../shared/auth/sessions.ts';
import { createUser } from '../../shared/db/store.ts';
import { newId, nowIso } from '../../shared/ids.ts';

const MEMBERS = 50;
const TICKETS = 30;

interface Capacity {
  op: string;
  units: number;
}

/** What the bench's capacity recorder offers: start a window, read what it saw since. */
export interface CapacityWindow {
  reset(): void;
  take(): Capacity[];
  /** Waits until the stream consumer has run every effect so far (its calls would land in the window). */
  settle(): Promise<void>;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand']);
const sum = (xs: Capacity[], write: boolean) => xs.filter((c) => WRITES.has(c.op) === write).reduce((a, c) => a + c.units, 0);

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: at(50), p99: at(99), n: s.length };
}

/** Race and measure; prints its own section. `admin` is a signed-in admin of tenant `tenantId`. */
export async function benchWorkflow(base: string, tenantId: string, adminToken: string, capacity: CapacityWindow): Promise<void> {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const must = async (token: string, method: string, path: string, body?: unknown) => {
    const r = await call(token, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.json)}`);
    return r.json;
  };

  // Fifty agents with sessions (written directly: inviting fifty people by mail measures nothing here).
  const members: { userId: string; token: string }[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const userId = newId();
    const user = { userId, name: `Bench Agent ${i}`, email: `agent${i}@bench.example`, role: 'agent' as const };
    await createUser(tenantId, { kind: 'user', ...user, emailVerified: true, createdAt: nowIso() });
    members.push({ userId, token: (await createSession(tenantId, user)).token });
  }
  const team = await must(adminToken, 'POST', '/teams', { name: { de: 'Bench-Team', en: 'Bench team' }, memberIds: members.map((m) => m.userId) });

  // The capacity of each action, once, on a ticket of its own stage.
  const costs: [string, Capacity[]][] = [];
  // Only the request's own calls: the effects of earlier writes are done before, this one's after.
  const measure = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    await capacity.settle();
    capacity.reset();
    const out = await run();
    costs.push([name, capacity.take()]);
    return out;
  };
  const newTicket = async (subject: string) =>
    ((await must(adminToken, 'POST', '/tickets', { subject, description: 'Workflow bench ticket.', priority: 'normal' })).ticket as { number: number }).number;
  const n1 = await measure('createTicket', () => newTicket('Bench workflow one'));
  await measure('acceptTicket', () => must(adminToken, 'POST', `/tickets/${n1}/accept`, {}));
  await measure('assignTicket (team)', () => must(adminToken, 'POST', `/tickets/${n1}/assign`, { teamId: team.id }));
  await measure('takeTicket', () => must(members[0]!.token, 'POST', `/tickets/${n1}/take`, {}));
  await measure('lockTicket', () => must(members[0]!.token, 'POST', `/tickets/${n1}/lock`, {}));
  await measure('addTicketMessage (answer)', () => must(members[0]!.token, 'POST', `/tickets/${n1}/messages`, { body: 'An answer.', internal: false }));
  await measure('pendTicket', () => must(members[0]!.token, 'POST', `/tickets/${n1}/pend`, { until: new Date(Date.now() + 86_400_000).toISOString() }));
  await measure('resumeTicket', () => must(members[0]!.token, 'POST', `/tickets/${n1}/resume`, {}));
  await measure('closeTicket', () => must(members[0]!.token, 'POST', `/tickets/${n1}/close`, { resolution: 'solved', solution: 'Done.' }));
  const n2 = await newTicket('Bench workflow two');
  await must(adminToken, 'POST', `/tickets/${n2}/accept`, {});
  await measure('splitTicket (2 parts)', () =>
    must(adminToken, 'POST', `/tickets/${n2}/split`, {
      parts: [0, 1].map((i) => ({ subject: `Part ${i}`, instruction: 'Check.', teamId: team.id, visibility: 'hidden' })),
    }),
  );
  await measure('getTicket', () => must(adminToken, 'GET', `/tickets/${n1}`));
  await measure('listTickets (view=my_teams)', () => must(members[1]!.token, 'GET', '/tickets?view=my_teams'));
  await measure('countTickets', () => must(members[1]!.token, 'GET', '/tickets/counts'));

  // The race: every member tries to take every ticket of the team's queue at once.
  const numbers: number[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const n = await newTicket(`Race ${i}`);
    await must(adminToken, 'POST', `/tickets/${n}/accept`, {});
    await must(adminToken, 'POST', `/tickets/${n}/assign`, { teamId: team.id });
    numbers.push(n);
  }
  const samples: number[] = [];
  const wins = new Map<number, number>();
  const unexpected: string[] = [];
  let lost = 0;
  await Promise.all(
    members.map(async (m, i) => {
      // Each member walks the queue from a different place, so every ticket is contested all the time.
      for (let k = 0; k < numbers.length; k++) {
        const n = numbers[(i + k) % numbers.length]!;
        const t = performance.now();
        const r = await call(m.token, 'POST', `/tickets/${n}/take`, {});
        samples.push(performance.now() - t);
        if (r.status === 200) wins.set(n, (wins.get(n) ?? 0) + 1);
        else if (r.status === 409 && r.json.code === 'already_taken') lost++;
        else unexpected.push(`${r.status} ${String(r.json.code)}`);
      }
    }),
  );
  const p = percentiles(samples);
  const oneWinner = numbers.every((n) => wins.get(n) === 1);
  console.log(`\ntakeTicket raced by ${MEMBERS} members of one team over ${TICKETS} tickets (${p.n} requests, ms)`);
  console.log(
    `p50 ${p.p50.toFixed(1)}   p99 ${p.p99.toFixed(1)}   winners: ${oneWinner ? 'exactly one per ticket' : `WRONG ${JSON.stringify([...wins])}`}   ` +
      `already_taken: ${lost}   other errors: ${unexpected.length}${unexpected.length ? ` (${[...new Set(unexpected)].join(', ')})` : ''}`,
  );
  console.log('\nCapacity per workflow action over HTTP (session lookup included; ReturnConsumedCapacity=INDEXES)');
  for (const [name, xs] of costs) console.log(`${name.padEnd(30)} ${String(sum(xs, true)).padStart(4)} WCU ${String(sum(xs, false)).padStart(5)} RCU`);
}
