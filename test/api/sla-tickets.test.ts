/**
 * Service levels on tickets through the API (issue 7, S2/S3): staff see each ticket's clocks on
 * `getTicket` and a badge on every list (on track, at risk, breached, with the business minutes
 * left of its most urgent running clock), can list "due first" across a whole view and filter the
 * at-risk and the breached; customers never see any of it. Policies on 24/7 with targets down to
 * one minute. A ticket's age is set back through the store's versioned write (the engine
 * recomputes its clocks from the moved start), so no spec waits for the clock. Always beside a
 * second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getTicket as getTicketItem } from '../../shared/db/store.ts';
import { nowIso } from '../../shared/ids.ts';
import { commitTicketChange } from '../../shared/tickets/commit.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let customer: Awaited<ReturnType<typeof newCustomer>>;
let otherCustomer: Awaited<ReturnType<typeof newCustomer>>;
let urgentPolicy: string;
let standardPolicy: string;
/** Tickets by the SLA state they were put in. */
const n = { onTrack: 0, atRisk: 0, breached: 0, paused: 0, noPolicy: 0, urgent: 0 };

const MIN = 60_000;

async function open(subject: string, priority: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await customer.client.post('/api/v1/tickets', { subject, description: 'Details', priority, ...extra });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number;
}

/** The ticket's clocks started `minutes` ago: its SLA start set back through the versioned write. */
async function startedAgo(tenantId: string, number: number, minutes: number): Promise<void> {
  const t = (await getTicketItem(tenantId, number))!;
  const startedAt = new Date(Date.parse(t.createdAt) - minutes * MIN).toISOString();
  await commitTicketChange(tenantId, t, { ...t, sla: { ...t.sla!, startedAt }, updatedAt: nowIso() }, []);
}

const staffList = async (query: Record<string, string>) => {
  const r = await coordinator.client.get('/api/v1/tickets', { query });
  expect(r.status, r.text).toBe(200);
  return r.json.items as { number: number; slaState?: string; slaDueAt?: string; slaRemainingMinutes?: number }[];
};
const ours = (items: { number: number }[]) => items.map((i) => i.number).filter((x) => Object.values(n).includes(x));

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('slat-a'), newTenant('slat-b')]);
  [agent, coordinator, customer, otherCustomer] = await Promise.all([
    newStaff(a, 'agent', 'Ben Agent'),
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newCustomer(a, 'Carl Customer'),
    newCustomer(a, 'Cora Customer'),
  ]);
  const urgent = await a.admin.post('/api/v1/sla-policies', {
    name: 'Urgent',
    match: { priorities: ['urgent'] },
    calendarId: '24x7',
    targets: { firstResponseMinutes: 1, resolutionMinutes: 5 },
    warnAtPercent: 50,
    escalation: [],
  });
  expect(urgent.status, urgent.text).toBe(201);
  urgentPolicy = urgent.json.id;
  const standard = await a.admin.post('/api/v1/sla-policies', {
    name: 'Standard',
    match: { priorities: ['normal', 'high'] },
    calendarId: '24x7',
    targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 240 },
    warnAtPercent: 50,
    escalation: [],
  });
  expect(standard.status, standard.text).toBe(201);
  standardPolicy = standard.json.id;

  n.onTrack = await open('Printer jams', 'normal');
  n.atRisk = await open('Mail is slow', 'normal');
  n.breached = await open('VPN is down', 'high');
  n.paused = await open('New laptop', 'normal');
  n.noPolicy = await open('Wallpaper', 'low');
  n.urgent = await open('Server room is hot', 'urgent');
  // At risk: 45 of 60 minutes to the first response used (warning at 50 %); breached: two hours.
  await startedAgo(a.id, n.atRisk, 45);
  await startedAgo(a.id, n.breached, 120);
  // Paused: support (the coordinator, pre-clarifying) answered and waits for the customer.
  expect((await coordinator.client.post(`/api/v1/tickets/${n.paused}/accept`, {})).status).toBe(200);
  const answer = await coordinator.client.post(`/api/v1/tickets/${n.paused}/messages`, { body: 'Which model?' });
  expect(answer.status, answer.text).toBe(201);
});

describe('a ticket’s clocks (getTicket, staff)', () => {
  it('run from creation under the first policy that matches, down to a one-minute target', async () => {
    const r = await agent.client.get(`/api/v1/tickets/${n.urgent}`);
    expect(r.status, r.text).toBe(200);
    const { sla, createdAt } = r.json.ticket;
    expect(sla).toMatchObject({ policyId: urgentPolicy, policyName: 'Urgent' });
    const at = (minutes: number) => new Date(Date.parse(createdAt) + minutes * MIN).toISOString();
    expect(sla.clocks).toEqual([
      expect.objectContaining({ kind: 'first_response', targetAt: at(1), targetMinutes: 1, warnAt: at(0.5), calendarId: '24x7' }),
      expect.objectContaining({ kind: 'resolution', targetAt: at(5), targetMinutes: 5 }),
    ]);
  });

  it('show the first response met and the others paused while support waits for the customer', async () => {
    const r = await agent.client.get(`/api/v1/tickets/${n.paused}`);
    expect(r.json.ticket.sla.clocks.map((c: { kind: string; state: string }) => [c.kind, c.state])).toEqual([
      ['first_response', 'met'],
      ['resolution', 'paused'],
    ]);
    expect(r.json.ticket.sla.state).toBeUndefined(); // no clock runs
  });

  it('a breached first response is overdue by the business minutes since its target', async () => {
    const r = await coordinator.client.get(`/api/v1/tickets/${n.breached}`);
    expect(r.json.ticket.sla.state).toBe('breached');
    const first = r.json.ticket.sla.clocks.find((c: { kind: string }) => c.kind === 'first_response');
    expect(first).toMatchObject({ state: 'breached', targetMinutes: 60 });
    expect(first.remainingMinutes).toBeLessThanOrEqual(-60);
    expect(first.usedMinutes).toBeGreaterThanOrEqual(120);
  });

  it('a priority change re-targets under the new policy, and the history says so', async () => {
    const r = await coordinator.client.patch(`/api/v1/tickets/${n.noPolicy}`, { priority: 'high' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.sla.policyId).toBe(standardPolicy);
    expect(r.json.history).toContainEqual(expect.objectContaining({ type: 'sla_retargeted', from: '', to: standardPolicy, actorName: 'Cleo Coordinator' }));
    const back = await coordinator.client.patch(`/api/v1/tickets/${n.noPolicy}`, { priority: 'low' });
    expect(back.json.ticket.sla).toEqual({ clocks: [] }); // no policy, no due date: no clock, no state
    const mine = await customer.client.get(`/api/v1/tickets/${n.noPolicy}`);
    expect(mine.json.history.map((h: { type: string }) => h.type)).not.toContain('sla_retargeted');
  });

  it('are never shown to the customer, on the ticket or in their list', async () => {
    const r = await customer.client.get(`/api/v1/tickets/${n.breached}`);
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.sla).toBeUndefined();
    expect(JSON.stringify(r.json.history)).not.toContain('sla_');
    const list = await customer.client.get('/api/v1/tickets', { query: { sort: 'slaDueAt', sla: 'breached' } });
    expect(list.status, list.text).toBe(200);
    expect(list.json.items.length).toBeGreaterThanOrEqual(5);
    for (const item of list.json.items) expect(Object.keys(item).filter((k) => k.startsWith('sla'))).toEqual([]);
  });
});

describe('lists', () => {
  it('every staff list item carries the badge of its most urgent running clock', async () => {
    const items = await staffList({ view: 'all' });
    const badge = (number: number) => items.find((i) => i.number === number)!;
    expect(badge(n.onTrack)).toMatchObject({ slaState: 'on_track', slaDueAt: expect.any(String) });
    expect(badge(n.onTrack).slaRemainingMinutes).toBeLessThanOrEqual(60);
    expect(badge(n.onTrack).slaRemainingMinutes).toBeGreaterThan(30);
    expect(badge(n.atRisk)).toMatchObject({ slaState: 'at_risk' });
    expect(badge(n.breached)).toMatchObject({ slaState: 'breached' });
    expect(badge(n.breached).slaRemainingMinutes).toBeLessThanOrEqual(-60);
    // Waiting for the customer, or no policy and no due date: nothing runs, no badge.
    for (const number of [n.paused, n.noPolicy]) expect(Object.keys(badge(number)).filter((k) => k.startsWith('sla'))).toEqual([]);
  });

  it('sort=slaDueAt orders a whole status view due first, across pages', async () => {
    const first = await staffList({ view: 'all', sort: 'slaDueAt', limit: '2' });
    const r = await coordinator.client.get('/api/v1/tickets', { query: { view: 'all', sort: 'slaDueAt', limit: '2' } });
    const second = await staffList({ view: 'all', sort: 'slaDueAt', limit: '10', cursor: r.json.nextCursor });
    // Breached an hour ago; the urgent one due a minute after its creation; at risk in a quarter of an hour; on track in an hour; the rest run no clock.
    expect(ours([...first, ...second]).slice(0, 4)).toEqual([n.breached, n.urgent, n.atRisk, n.onTrack]);
    expect(ours([...first, ...second]).sort()).toEqual(Object.values(n).sort());
    const firstDesc = await coordinator.client.get('/api/v1/tickets', { query: { view: 'all', sort: 'slaDueAt', order: 'desc', limit: '3' } });
    const restDesc = await staffList({ view: 'all', sort: 'slaDueAt', order: 'desc', cursor: firstDesc.json.nextCursor });
    expect(ours([...firstDesc.json.items, ...restDesc]).slice(0, 4)).toEqual([n.onTrack, n.atRisk, n.urgent, n.breached]);
  });

  it('a work list is due first by its index: the coordinator’s To accept', async () => {
    expect(ours(await staffList({ view: 'to_accept' })).slice(0, 4)).toEqual([n.breached, n.urgent, n.atRisk, n.onTrack]);
  });

  it('sla=breached and sla=at_risk keep just those tickets', async () => {
    // (The urgent ticket moves from on track to breached within its minute: left out here.)
    const settled = (items: { number: number }[]) => ours(items).filter((x) => x !== n.urgent);
    expect(settled(await staffList({ view: 'all', sla: 'breached' }))).toEqual([n.breached]);
    expect(settled(await staffList({ view: 'to_accept', sla: 'at_risk' }))).toEqual([n.atRisk]);
  });

  it('the other tenant lists none of it, and its staff cannot open the ticket; a second customer cannot either', async () => {
    const other = await b.admin.get('/api/v1/tickets', { query: { view: 'all', sort: 'slaDueAt', sla: 'breached' } });
    expect(other.status, other.text).toBe(200);
    expect(other.json.items).toEqual([]);
    expect((await b.admin.get(`/api/v1/tickets/${n.breached}`)).status).toBe(404);
    expect((await otherCustomer.client.get(`/api/v1/tickets/${n.breached}`)).status).toBe(404);
  });

  it('without policies the due dates are the clocks, ending at midnight in the tenant’s time zone', async () => {
    const bob = await newCustomer(b, 'Bob Customer');
    const r = await bob.client.post('/api/v1/tickets', { subject: 'Invoice', description: 'Please resend', requestedDueDate: '2099-01-15' });
    expect(r.status, r.text).toBe(201);
    const staff = await b.admin.get(`/api/v1/tickets/${r.json.ticket.number}`);
    expect(staff.json.ticket.sla).toMatchObject({
      clocks: [expect.objectContaining({ kind: 'requester_due', state: 'running', targetAt: '2099-01-15T23:00:00.000Z' })],
    });
    expect(staff.json.ticket.sla.policyId).toBeUndefined();
  });
});
