/**
 * Service-level timers on the local stack (issue 7, point 5), with one-minute targets on the
 * built-in 24x7 calendar and a warning at 50 %: the timer execution of each ticket warns, then
 * records the breach, then runs the escalation steps (at the breach and one minute later), each
 * exactly once — in the history and as one notification per person — even when its check is run
 * again by hand, several times at once, at the very instant a step is due (as a retried Task or a
 * resumed execution would). A pause (support waits for the customer) that crosses the old target
 * prevents the breach until the clock runs again; a priority change re-targets the clock from the
 * ticket's start, and the timer follows. The requester sees none of it, another customer not
 * even the ticket, and a second tenant's staff hear nothing of it.
 *
 * Waiting: every wait polls a condition (an event in the history, a notification in the inbox,
 * the clock passing an instant the server named); nothing sleeps for a fixed time and nothing
 * asserts how fast it went. Each scenario takes two to three minutes of real time, so they run
 * concurrently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as checkTimers } from '../../functions/workflow/check-ticket-timers.ts';
import { getTicket } from '../../shared/db/store.ts';
import { MAX_WAIT_MS } from '../../shared/workflow/timers.ts';
import type { UserClient } from '../support/api.ts';
import { mailTo } from '../support/mail.ts';
import { putPolicy } from '../support/sla.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { settleWorkflows } from '../support/workflows.ts';

type Staff = Awaited<ReturnType<typeof newStaff>>;
interface HistoryEvent {
  id: string;
  type: string;
  actorName: string;
  at: string;
  from?: string;
  to?: string;
}
interface Note {
  id: string;
  kind: string;
  ticketNumber: number;
}
interface Clock {
  kind: string;
  targetAt: string;
  warnAt?: string;
  state: string;
}

/** A scenario waits at most this long for what it expects (a loaded machine is slow, never wrong). */
const PATIENCE_MS = 5 * 60_000;
const SCENARIO_MS = 8 * 60_000;

let a: TestTenant;
let b: TestTenant;
let cleo: Staff; // coordinator of A, reads German
let alma: Staff; // agent of team "first line"
let bert: Staff; // agent of team "second line"
let otto: Staff; // coordinator of the other tenant
let customer: Awaited<ReturnType<typeof newCustomer>>;
let stranger: Awaited<ReturnType<typeof newCustomer>>; // another customer of A
let firstLine: string;
let secondLine: string;
let escalating: string; // policy id

const until = async <T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> => {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

async function must(client: UserClient, method: 'post' | 'patch', path: string, body: unknown, status = 200) {
  const r = await client[method](path, body);
  expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
  return r.json;
}

const detail = async (n: number) => {
  const r = await a.admin.get(`/api/v1/tickets/${n}`);
  expect(r.status, r.text).toBe(200);
  return r.json as {
    ticket: { priority: string; team?: { id: string }; assignee?: unknown; sla?: { clocks: Clock[]; policyId?: string } };
    history: HistoryEvent[];
  };
};
const slaEvents = async (n: number) => (await detail(n)).history.filter((e) => e.type.startsWith('sla_') && e.type !== 'sla_retargeted');
const clockOf = async (n: number, kind: string) => (await detail(n)).ticket.sla?.clocks.find((c) => c.kind === kind);

async function inbox(who: { client: UserClient }, n: number): Promise<Note[]> {
  const r = await who.client.get('/api/v1/notifications');
  expect(r.status, r.text).toBe(200);
  return (r.json.items as Note[]).filter((x) => x.ticketNumber === n);
}

/** A ticket of the customer at `priority`, taken in and put into a team's queue (untaken). */
async function ticketInTeam(subject: string, priority: string, teamId: string): Promise<number> {
  const t = await must(a.admin, 'post', '/api/v1/tickets', { subject, description: 'Please help.', priority, requesterId: customer.id }, 201);
  const n = t.ticket.number as number;
  await must(a.admin, 'post', `/api/v1/tickets/${n}/accept`, {});
  await must(a.admin, 'post', `/api/v1/tickets/${n}/assign`, { teamId });
  return n;
}

/** Run the ticket's timer check as its execution would, `times` at once. */
async function checkAgain(n: number, times: number) {
  const generation = (await getTicket(a.id, n))!.timerGeneration ?? 1;
  await Promise.all(Array.from({ length: times }, () => checkTimers({ tenantId: a.id, number: n, generation })));
}

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('sla-timer-a'), newTenant('sla-timer-b')]);
  [cleo, alma, bert, otto] = await Promise.all([
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newStaff(a, 'agent', 'Alma Agent'),
    newStaff(a, 'agent', 'Bert Backup'),
    newStaff(b, 'coordinator', 'Otto Other'),
  ]);
  expect((await cleo.client.patch('/api/v1/me', { language: 'de' })).status).toBe(200);
  [customer, stranger] = await Promise.all([newCustomer(a, 'Carla Customer'), newCustomer(a, 'Dora Other')]);
  firstLine = (await must(a.admin, 'post', '/api/v1/teams', { name: { de: 'Erste Linie', en: 'First line' }, memberIds: [alma.id] }, 201)).id;
  secondLine = (await must(a.admin, 'post', '/api/v1/teams', { name: { de: 'Zweite Linie', en: 'Second line' }, memberIds: [bert.id] }, 201)).id;
  escalating = await putPolicy(a.id, {
    name: 'High: one minute',
    match: { priorities: ['high', 'urgent'] },
    escalation: [
      { afterMinutes: 0, actions: ['notify_coordinator', 'notify_team'] },
      { afterMinutes: 1, actions: ['raise_priority', 'reassign'], teamId: secondLine },
    ],
  });
  await putPolicy(a.id, { name: 'Normal: one minute', match: { priorities: ['normal'] }, escalation: [] });
  await putPolicy(a.id, {
    name: 'Low: half an hour',
    match: { priorities: ['low'] },
    escalation: [],
    targets: { firstResponseMinutes: 30, resolutionMinutes: 600 },
  });
  // The other tenant has the same policy: its timers are its own.
  await putPolicy(b.id, { name: 'High: one minute', match: { priorities: ['high'] }, escalation: [{ afterMinutes: 0, actions: ['notify_coordinator'] }] });
}, 120_000);

describe('a deadline years ahead', () => {
  it('is waited for in hops of at most 20 days (a wait the local runner can hold, inside an execution’s year in AWS)', async () => {
    // The other tenant's normal tickets have no policy: only the requester's date, years away.
    const t = await must(
      b.admin,
      'post',
      '/api/v1/tickets',
      { subject: 'Contract renewal', description: 'Due in years.', requestedDueDate: '2031-06-30' },
      201,
    );
    const n = t.ticket.number as number;
    const generation = (await getTicket(b.id, n))!.timerGeneration ?? 1;
    const before = Date.now();
    const out = await checkTimers({ tenantId: b.id, number: n, generation });
    const after = Date.now();
    expect(Date.parse(out.wakeAt!)).toBeGreaterThanOrEqual(before + MAX_WAIT_MS);
    expect(Date.parse(out.wakeAt!)).toBeLessThanOrEqual(after + MAX_WAIT_MS);
  });
});

describe.concurrent('SLA timers with one-minute targets', () => {
  it(
    'warn, breach, then escalate (notify, then raise and reassign), each exactly once even when the check runs again',
    async () => {
      const n = await ticketInTeam('Server room too hot', 'high', firstLine);
      const first = (await until('the first-response clock', () => clockOf(n, 'first_response')))!;
      expect(first.state).toBe('running');

      // At the warning instant, five checks race the execution: one warning.
      await until('the warning instant', async () => Date.now() >= Date.parse(first.warnAt!));
      await checkAgain(n, 5);
      await until('the warning', async () => (await slaEvents(n)).some((e) => e.type === 'sla_warning'));

      // Breach and step 0 at the target, step 1 a minute later.
      const events = await until('the second escalation step', async () => {
        const es = await slaEvents(n);
        return es.filter((e) => e.type === 'sla_escalated').length >= 2 && es;
      });
      await checkAgain(n, 5); // a replayed execution finds every key fired
      await settleWorkflows();
      const after = await detail(n);
      const sla = after.history.filter((e) => e.type.startsWith('sla_') && e.type !== 'sla_retargeted');
      expect(sla).toEqual(events);
      expect(sla.map((e) => [e.type, e.from, e.to, e.actorName])).toEqual([
        ['sla_warning', 'first_response', first.targetAt, 'System'],
        ['sla_breached', 'first_response', first.targetAt, 'System'],
        ['sla_escalated', 'first_response', `${escalating}#0: notify_coordinator,notify_team`, 'System'],
        ['sla_escalated', 'first_response', `${escalating}#1: raise_priority,reassign`, 'System'],
      ]);
      // Each fired at or after its instant, never before.
      expect(Date.parse(sla[0]!.at)).toBeGreaterThanOrEqual(Date.parse(first.warnAt!));
      expect(Date.parse(sla[1]!.at)).toBeGreaterThanOrEqual(Date.parse(first.targetAt));
      expect(Date.parse(sla[3]!.at)).toBeGreaterThanOrEqual(Date.parse(first.targetAt) + 60_000);
      // Step 1's actions: one level up, into the second line's queue, untaken; recorded by the system.
      expect(after.ticket.priority).toBe('urgent');
      expect(after.ticket.team?.id).toBe(secondLine);
      expect(after.ticket.assignee).toBeUndefined();
      const step1 = after.history.filter((e) => e.at === sla[3]!.at && !e.type.startsWith('sla_'));
      expect(step1.map((e) => [e.type, e.from, e.to, e.actorName])).toEqual([
        ['priority', 'high', 'urgent', 'System'],
        ['assigned', undefined, `team:${secondLine}`, 'System'],
      ]);

      // Notifications, one per event and person: the team's member is warned and told of the
      // breach and of step 0 (notify_team); the coordinator of step 0; the second line of the reassignment.
      const almaNotes = await until('Alma’s three', async () => {
        const xs = await inbox(alma, n);
        return xs.filter((x) => x.kind.startsWith('sla_')).length >= 3 && xs;
      });
      const cleoNotes = await until('Cleo’s', async () => {
        const xs = await inbox(cleo, n);
        return xs.length >= 1 && xs;
      });
      const bertNotes = await until('Bert’s', async () => {
        const xs = await inbox(bert, n);
        return xs.length >= 1 && xs;
      });
      const idOf = (e: HistoryEvent) => `${e.at}.${e.id}`;
      expect(
        almaNotes
          .filter((x) => x.kind.startsWith('sla_'))
          .map((x) => [x.kind, x.id])
          .sort(),
      ).toEqual(
        [
          ['sla_warning', idOf(sla[0]!)],
          ['sla_breached', idOf(sla[1]!)],
          ['sla_breached', idOf(sla[2]!)],
        ].sort(),
      );
      expect(cleoNotes.map((x) => [x.kind, x.id])).toEqual([['sla_breached', idOf(sla[2]!)]]);
      expect(bertNotes.map((x) => x.kind)).toEqual(['assigned']);
      // Mailed too (both kinds are mailed by default), in each reader's language: one each.
      const mails = async (address: string, subject: RegExp, about: string) =>
        (await mailTo(address)).filter((m) => subject.test(m.subject) && (m.body.text ?? '').includes(about));
      await until('Alma’s mails', async () => (await mails(alma.email, /Deadline passed/, `#${n} "`)).length >= 2);
      expect(await mails(alma.email, /Deadline close/, `#${n} "`)).toHaveLength(1);
      expect(await mails(alma.email, /Deadline passed/, `#${n} "`)).toHaveLength(2); // the breach, and step 0's notify_team
      await until('Cleo’s mail', async () => (await mails(cleo.email, /Frist überschritten/, `#${n} „`)).length >= 1);
      expect(await mails(cleo.email, /Frist überschritten/, `#${n} „`)).toHaveLength(1);
      // The requester sees none of it (neither the deadlines nor the escalation); another customer not even the ticket.
      const mine = await customer.client.get(`/api/v1/tickets/${n}`);
      expect(mine.status, mine.text).toBe(200);
      expect((mine.json.history as HistoryEvent[]).filter((e) => e.type.startsWith('sla_') || e.type === 'priority' || e.type === 'assigned')).toEqual([]);
      expect(mine.json.ticket.sla).toBeUndefined();
      expect((await stranger.client.get(`/api/v1/tickets/${n}`)).status).toBe(404);
      // The other tenant's coordinator never hears of it.
      expect(await inbox(otto, n)).toEqual([]);
    },
    SCENARIO_MS,
  );

  it(
    'a pause that crosses the old target prevents the breach; the clock goes on with what was left when it runs again',
    async () => {
      const n = await ticketInTeam('Invoice wrong', 'normal', firstLine);
      const running = (await until('the clock', () => clockOf(n, 'first_response')))!;
      await must(a.admin, 'patch', `/api/v1/tickets/${n}`, { status: 'waiting' }); // support waits for the customer
      const paused = (await clockOf(n, 'first_response'))!;
      expect(paused.state).toBe('paused');

      await until('the old target to pass', async () => Date.now() > Date.parse(running.targetAt));
      await settleWorkflows();
      expect((await slaEvents(n)).filter((e) => e.type === 'sla_breached')).toEqual([]);
      expect((await clockOf(n, 'first_response'))!.state).toBe('paused');

      const resumedAt = Date.now();
      await must(a.admin, 'patch', `/api/v1/tickets/${n}`, { status: 'open' });
      const again = (await clockOf(n, 'first_response'))!;
      expect(again.state).toBe('running');
      expect(Date.parse(again.targetAt)).toBeGreaterThan(Date.parse(running.targetAt));
      const breach = await until('the breach after the pause', async () => (await slaEvents(n)).find((e) => e.type === 'sla_breached'));
      expect(breach.to).toBe(again.targetAt);
      expect(Date.parse(breach.at)).toBeGreaterThan(resumedAt);
    },
    SCENARIO_MS,
  );

  it(
    'a priority change re-targets the clock from the ticket’s start, and the timer follows the new target',
    async () => {
      const n = await ticketInTeam('Phone broken', 'low', firstLine);
      const slow = (await until('the half-hour clock', () => clockOf(n, 'first_response')))!;
      await must(a.admin, 'patch', `/api/v1/tickets/${n}`, { priority: 'normal' });
      const d = await detail(n);
      expect(d.history.some((e) => e.type === 'sla_retargeted')).toBe(true);
      const fast = d.ticket.sla!.clocks.find((c) => c.kind === 'first_response')!;
      expect(Date.parse(fast.targetAt)).toBeLessThan(Date.parse(slow.targetAt));
      const breach = await until('the breach at the new target', async () => (await slaEvents(n)).find((e) => e.type === 'sla_breached'));
      expect(breach.to).toBe(fast.targetAt);
      expect(Date.parse(breach.at)).toBeLessThan(Date.parse(slow.targetAt));
    },
    SCENARIO_MS,
  );
});
