/**
 * The service-level timers' figures for `npm run bench` (issue 7): the Step Functions state
 * transitions of one ticket's lifecycle (create, six messages, one pause, close) under a policy,
 * counted from the local stand-in's execution histories, with their cost at list price; and the
 * delay between a deadline and its escalation being recorded (the history event's `at` minus the
 * step's instant), over tickets with one-minute targets.
 */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { createSession } from '../../shared/auth/sessions.ts';
import { config, endpointFor } from '../../shared/config.ts';
import { createPolicyItem, getSlaItems, type PolicyItem } from '../../shared/db/sla.ts';
import { createUser, getTicketPartition } from '../../shared/db/store.ts';
import { newId, nowIso } from '../../shared/ids.ts';

/** Step Functions Standard, list price per state transition (USD 0.025 per 1,000). */
const PRICE_PER_TRANSITION = 0.025 / 1000;
/** Tickets whose escalation delay is measured. */
const DELAYED = 20;
/** A still-waiting execution's last wake-up: the check, the choice, the end. */
const LAST_WAKE = 3;

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: at(50), p99: at(99), n: s.length };
}

async function addPolicy(tenantId: string, p: Pick<PolicyItem, 'name' | 'match' | 'targets' | 'warnAtPercent' | 'escalation'>): Promise<void> {
  const { head } = await getSlaItems(tenantId);
  const policyId = newId();
  const at = nowIso();
  await createPolicyItem(
    tenantId,
    { kind: 'slaPolicy', policyId, calendarId: '24x7', ...p, createdAt: at, updatedAt: at, version: 1 },
    { ...head, policyIds: [...head.policyIds, policyId] },
  );
}

/** Measure and print; `adminToken` is a signed-in admin of tenant `tenantId`; `settle` waits for the stream and the workflows. */
export async function benchSla(base: string, tenantId: string, adminToken: string, settle: () => Promise<void>): Promise<void> {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, any>;
  };
  const person = async (role: 'agent' | 'customer', name: string) => {
    const userId = newId();
    const user = { userId, name, email: `${role}.${userId.toLowerCase()}@sla-bench.example`, role };
    await createUser(tenantId, { kind: 'user', ...user, emailVerified: true, createdAt: nowIso() });
    return { userId, token: (await createSession(tenantId, user)).token };
  };
  const agent = await person('agent', 'SLA Bench Agent');
  const customer = await person('customer', 'SLA Bench Customer');
  // A working policy (no deadline comes during the lifecycle) and a one-minute one for the delay.
  await addPolicy(tenantId, {
    name: 'Bench normal',
    match: { priorities: ['normal'] },
    targets: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480 },
    warnAtPercent: 80,
    escalation: [{ afterMinutes: 0, actions: ['notify_coordinator'] }],
  });
  await addPolicy(tenantId, {
    name: 'Bench one minute',
    match: { priorities: ['urgent'] },
    targets: { firstResponseMinutes: 1, resolutionMinutes: 600 },
    warnAtPercent: 50,
    escalation: [{ afterMinutes: 0, actions: ['notify_coordinator'] }],
  });

  // One lifecycle: the customer asks, the coordinator takes it in and assigns it, the agent
  // answers three times (each reply of the customer starts a next-response clock), parks it
  // for an hour and takes it back, and closes it. Each step waits until the stream and the
  // timers are idle, as minutes between the steps would: a superseded timer generation has
  // reached its Wait and stays there until its old instant (counted below as still waiting).
  const step = async (token: string, path: string, body: unknown) => {
    const r = await call(token, 'POST', path, body);
    await settle();
    return r;
  };
  const n = (await step(customer.token, '/tickets', { subject: 'SLA bench lifecycle', description: 'Measuring transitions.' })).ticket.number as number;
  await step(adminToken, `/tickets/${n}/accept`, {});
  await step(adminToken, `/tickets/${n}/assign`, { assigneeId: agent.userId });
  await step(agent.token, `/tickets/${n}/accept-assignment`, {});
  for (let i = 0; i < 3; i++) {
    await step(agent.token, `/tickets/${n}/messages`, { body: `Answer ${i + 1}.`, internal: false });
    await step(customer.token, `/tickets/${n}/messages`, { body: `Reply ${i + 1}.` });
  }
  await step(agent.token, `/tickets/${n}/pend`, { until: new Date(Date.now() + 3_600_000).toISOString() });
  await step(agent.token, `/tickets/${n}/resume`, {});
  await step(agent.token, `/tickets/${n}/close`, { resolution: 'solved', solution: 'Done.' });

  const sfn = new SFNClient({ endpoint: endpointFor('SFN') });
  const prefix = `tkt-${tenantId}-${n}-g`;
  const names: { arn: string; name: string }[] = [];
  let token: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: config.stateMachineArn, nextToken: token }));
    for (const e of page.executions ?? []) if (e.name?.startsWith(prefix)) names.push({ arn: e.executionArn!, name: e.name });
    token = page.nextToken;
  } while (token);
  let transitions = 0;
  let waiting = 0;
  for (const e of names) {
    const events: HistoryEvent[] = [];
    let next: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: e.arn, nextToken: next }));
      events.push(...(page.events ?? []));
      next = page.nextToken;
    } while (next);
    transitions += events.filter((x) => x.type?.endsWith('StateEntered')).length;
    if ((await sfn.send(new DescribeExecutionCommand({ executionArn: e.arn }))).status === 'RUNNING') waiting++;
  }
  const total = transitions + waiting * LAST_WAKE;

  // The delay: tickets due in one minute, escalated at the breach.
  const numbers: number[] = [];
  for (let i = 0; i < DELAYED; i++) {
    numbers.push(
      (await call(adminToken, 'POST', '/tickets', { subject: `SLA bench deadline ${i}`, description: 'Due in a minute.', priority: 'urgent' })).ticket.number,
    );
  }
  const delays: number[] = [];
  const deadline = Date.now() + 10 * 60_000;
  const pending = new Set(numbers);
  while (pending.size > 0 && Date.now() < deadline) {
    for (const num of [...pending]) {
      const events = (await getTicketPartition(tenantId, num))?.events ?? [];
      const breach = events.find((e) => e.type === 'sla_breached');
      const escalated = events.find((e) => e.type === 'sla_escalated');
      if (!breach || !escalated) continue;
      delays.push(Date.parse(escalated.at) - Date.parse(breach.to!)); // step 0: due at the breach
      pending.delete(num);
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 500));
  }
  const d = percentiles(delays);

  console.log('\nSLA timers on Step Functions (Standard; counted from the local stand-in’s execution histories)');
  console.log(
    `ticket lifecycle (create, 6 messages, one pause, close): ${total} state transitions in ${names.length} timer generation(s)` +
      `${waiting ? ` (${transitions} so far + ${LAST_WAKE} for the last wake-up of ${waiting} still waiting)` : ''}` +
      `   cost $${(total * PRICE_PER_TRANSITION).toFixed(6)} per ticket, $${(total * PRICE_PER_TRANSITION * 1000).toFixed(2)} per 1,000 tickets`,
  );
  console.log(
    `deadline → escalation recorded (one-minute targets, ${d.n}/${DELAYED} tickets): p50 ${d.p50.toFixed(0)} ms   p99 ${d.p99.toFixed(0)} ms` +
      `${pending.size ? `   NOT ESCALATED within 10 min: ${[...pending].join(', ')}` : ''}`,
  );
}
