/**
 * An admin's change of the SLA rules reaches the open tickets by itself (issue 7): a policy's
 * new target, a policy placed before it, a team's own calendar. Each open ticket is re-targeted
 * from its original start as the system's change (its history names the policy change), its
 * timer starts a new generation, and closed tickets keep how they ended. Always beside a second
 * tenant, whose tickets no rule change of ours touches, and a second customer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getTicket as getTicketItem } from '../../shared/db/store.ts';
import { openTicket as open, tenantsWithUrgentPolicy, until } from '../support/sla.ts';
import { newCustomer, newStaff, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let customers: Awaited<ReturnType<typeof newCustomer>>[];
let foreign: Awaited<ReturnType<typeof newCustomer>>;
let policy: { id: string; version: number };

const MIN = 60_000;
// The sweep runs from the change stream, a page per round trip: patience on a loaded machine (nothing asserts how fast).
vi.setConfig({ testTimeout: 120_000 });

async function clockOf(t: TestTenant | { client: TestTenant['admin'] }, number: number, kind = 'first_response') {
  const client = 'client' in t ? t.client : t.admin;
  const r = await client.get(`/api/v1/tickets/${number}`);
  expect(r.status, r.text).toBe(200);
  return { ticket: r.json.ticket, clock: r.json.ticket.sla.clocks.find((c: { kind: string }) => c.kind === kind), history: r.json.history };
}

beforeAll(async () => {
  ({ a, b, policy } = await tenantsWithUrgentPolicy('slart'));
  [coordinator, foreign, ...customers] = await Promise.all([
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newCustomer(b, 'Olga Other'),
    newCustomer(a, 'Carl Customer'),
    newCustomer(a, 'Cora Customer'),
  ]);
});

describe('a change of the SLA rules', () => {
  it('re-targets the open tickets from their start, starts their timers anew, and leaves closed ones as they ended', async () => {
    const [first, second] = [await open(customers[0]!), await open(customers[1]!)];
    const closed = await open(customers[0]!);
    const theirs = await open(foreign);
    const done = await a.admin.post(`/api/v1/tickets/${closed}/close`, { resolution: 'solved', solution: 'Restarted it.' });
    expect(done.status, done.text).toBe(200);
    const before = await clockOf(a, first);
    const created = Date.parse(before.ticket.createdAt);
    expect(Date.parse(before.clock.targetAt)).toBe(created + 60 * MIN);
    const generation = Math.max((await getTicketItem(a.id, first))!.timerGeneration ?? 1, (await getTicketItem(a.id, second))!.timerGeneration ?? 1);
    const closedBefore = (await getTicketItem(a.id, closed))!;

    const r = await a.admin.patch(`/api/v1/sla-policies/${policy.id}`, {
      targets: { firstResponseMinutes: 15, resolutionMinutes: 600 },
      version: policy.version,
    });
    expect(r.status, r.text).toBe(200);
    policy = r.json;

    for (const [number, who] of [
      [first, customers[0]!],
      [second, customers[1]!],
    ] as const) {
      // the lists' stored deadline follows (the ticket page computes its clocks as it reads)
      const stored = await until(
        () => getTicketItem(a.id, number),
        (t) => Date.parse(t!.slaDueAt!) === Date.parse(t!.createdAt) + 15 * MIN,
        `ticket #${number} re-targeted`,
      );
      expect(stored!.timerGeneration).toBeGreaterThan(generation);
      const after = await clockOf(a, number);
      expect(Date.parse(after.clock.targetAt)).toBe(Date.parse(after.ticket.createdAt) + 15 * MIN);
      // the same policy, so no policy change in the history; the requester still sees no SLA
      expect(after.history.filter((h: { type: string }) => h.type === 'sla_retargeted')).toEqual([]);
      const own = await who.client.get(`/api/v1/tickets/${number}`);
      expect(own.json.ticket.sla).toBeUndefined();
    }
    const closedAfter = (await getTicketItem(a.id, closed))!;
    expect([closedAfter.version, closedAfter.slaDueAt, closedAfter.slaPolicyId]).toEqual([
      closedBefore.version,
      closedBefore.slaDueAt,
      closedBefore.slaPolicyId,
    ]);
    // the other tenant's ticket runs on its own policy, untouched
    expect(Date.parse((await clockOf(b, theirs)).clock.targetAt)).toBe(Date.parse((await clockOf(b, theirs)).ticket.createdAt) + 60 * MIN);
  });

  it('moves an open ticket to a policy placed before its own, and its history says so, as the system', async () => {
    const number = await open(customers[0]!);
    const r = await a.admin.post('/api/v1/sla-policies', {
      name: 'Urgent from Carl',
      match: { priorities: ['urgent'] },
      calendarId: '24x7',
      targets: { firstResponseMinutes: 5, resolutionMinutes: 120 },
      warnAtPercent: 80,
      position: 0,
    });
    expect(r.status, r.text).toBe(201);
    await until(
      () => getTicketItem(a.id, number),
      (t) => t!.slaPolicyId === r.json.id,
      'the ticket under the new first policy',
    );
    const after = await clockOf(a, number);
    expect(after.ticket.sla.policyId).toBe(r.json.id);
    expect(Date.parse(after.clock.targetAt)).toBe(Date.parse(after.ticket.createdAt) + 5 * MIN);
    expect(after.history).toContainEqual(expect.objectContaining({ type: 'sla_retargeted', from: policy.id, to: r.json.id, actorName: 'System' }));
    const coordinatorView = await coordinator.client.get('/api/v1/tickets', { query: { number } });
    expect(Date.parse(coordinatorView.json.items[0].slaDueAt)).toBe(Date.parse(after.clock.targetAt));
  });
});
