/**
 * The coordinator/assignee workflow through the API (issue 6: K4, K6, K8, K11, V3, V4): a
 * request is accepted by the coordinator, pre-clarified, assigned to a person or a team with
 * the coordinator's own due date, taken by exactly one member, closed with its solution,
 * reopened by the customer's reply, parked until a date and back by itself. Every step is
 * refused to callers the lifecycle table does not name; a second tenant and a second customer
 * see and change nothing of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getTicket as getTicketItem, saveTicketChange } from '../../shared/db/store.ts';
import type { UserClient } from '../support/api.ts';
import { putTeam } from '../support/teams.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;
type Staff = Awaited<ReturnType<typeof newStaff>>;
const numbers = (r: { json: { items: { number: number }[] } }) => r.json.items.map((x) => x.number);

let t: TestTenant;
let other: TestTenant;
let anna: Customer;
let cora: Customer;
let klara: Staff;
let ben: Staff;
let kim: Staff;
let otto: Staff;
let teamId: string;

beforeAll(async () => {
  [t, other] = await Promise.all([newTenant('wf'), newTenant('wf-other')]);
  [anna, cora] = await Promise.all([newCustomer(t, 'Anna Kunde'), newCustomer(t, 'Cora Curious')]);
  [klara, ben, kim, otto] = await Promise.all([
    newStaff(t, 'coordinator', 'Klara Koordinator'),
    newStaff(t, 'agent', 'Ben Bearbeiter'),
    newStaff(t, 'agent', 'Kim Kollegin'),
    newStaff(t, 'agent', 'Otto Outside'),
  ]);
  teamId = await putTeam(t.id, { de: 'Hardware', en: 'Hardware' }, [ben.id, kim.id]);
  const r = await anna.client.post('/api/v1/tickets', { subject: 'Printer jams', description: 'Every page', requestedDueDate: '2030-12-24' });
  expect(r.json.ticket).toMatchObject({ number: 1, stage: 'new', type: 'request', requesterDueDate: '2030-12-24' });
});

const list = (c: UserClient, query: Record<string, string>) => c.get('/api/v1/tickets', { query });
const counts = async (c: UserClient) => (await c.get('/api/v1/tickets/counts')).json.counts as Record<string, number>;

describe('the coordinator accepts and pre-clarifies', () => {
  it('a new request waits in “to accept”, counted on the coordinator’s tab; agents have no such tab', async () => {
    expect(numbers(await list(klara.client, { view: 'to_accept' }))).toEqual([1]);
    expect(await counts(klara.client)).toMatchObject({ to_accept: 1, to_assign: 0, mine: 0 });
    const agentCounts = await counts(ben.client);
    expect(agentCounts).toMatchObject({ mine: 0, my_teams: 0 });
    expect(agentCounts.to_accept).toBeUndefined();
  });

  it('only the coordinator accepts it; accepting twice is refused', async () => {
    expect((await ben.client.post('/api/v1/tickets/1/accept', {})).status).toBe(403);
    expect((await anna.client.post('/api/v1/tickets/1/accept', {})).status).toBe(403);
    const r = await klara.client.post('/api/v1/tickets/1/accept', {});
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'clarifying' });
    expect(r.json.ticket.actions).toEqual(expect.arrayContaining(['assign', 'answer', 'note']));
    const again = await klara.client.post('/api/v1/tickets/1/accept', {});
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'action_not_allowed', params: { action: 'accept', stage: 'clarifying' } });
    expect(numbers(await list(klara.client, { view: 'to_accept' }))).toEqual([]);
    expect(numbers(await list(klara.client, { view: 'to_assign' }))).toEqual([1]);
  });

  it('in pre-clarification the coordinator asks the requester publicly; an agent may not answer it', async () => {
    expect((await klara.client.post('/api/v1/tickets/1/messages', { body: 'Which printer model?' })).status).toBe(201);
    const agent = await ben.client.post('/api/v1/tickets/1/messages', { body: 'I would answer' });
    expect(agent.status).toBe(403);
    expect((await ben.client.post('/api/v1/tickets/1/messages', { body: 'I know this one', internal: true })).status).toBe(201);
  });
});

describe('assigning', () => {
  it('refuses a date in the past, an unknown person or team, a customer, or both at once, naming the field; nothing changes', async () => {
    const before = (await klara.client.get('/api/v1/tickets/1')).json.ticket.version;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ assigneeId: ben.id, dueDate: '2020-01-01' }, 'dueDate', 'date_in_past'],
      [{ assigneeId: 'nobody' }, 'assigneeId', 'unknown_assignee'],
      [{ assigneeId: anna.id }, 'assigneeId', 'unknown_assignee'],
      [{ teamId: 'no-such-team' }, 'teamId', 'unknown_team'],
      [{ assigneeId: ben.id, teamId }, 'assigneeId', 'assignee_or_team'],
    ];
    for (const [body, path, code] of cases) {
      const r = await klara.client.post('/api/v1/tickets/1/assign', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.errors).toEqual([expect.objectContaining({ path, code })]);
    }
    expect((await klara.client.get('/api/v1/tickets/1')).json.ticket.version).toBe(before);
  });

  it('to Ben with the coordinator’s own date: both dates are kept and shown, the instruction only to staff', async () => {
    const r = await klara.client.post('/api/v1/tickets/1/assign', { assigneeId: ben.id, dueDate: '2030-12-20', note: 'Check the toner first' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({
      stage: 'assigned',
      assignee: { id: ben.id, name: 'Ben Bearbeiter' },
      requesterDueDate: '2030-12-24',
      coordinatorDueDate: '2030-12-20',
      instruction: 'Check the toner first',
    });
    const mine = await list(ben.client, { view: 'mine' });
    expect(mine.json.items).toEqual([
      expect.objectContaining({
        number: 1,
        stage: 'assigned',
        assignee: { id: ben.id, name: 'Ben Bearbeiter' },
        requesterDueDate: '2030-12-24',
        coordinatorDueDate: '2030-12-20',
      }),
    ]);
    expect(numbers(await list(klara.client, { assigneeId: ben.id }))).toEqual([1]);
    expect(numbers(await list(klara.client, { view: 'to_assign' }))).toEqual([]);
    const seen = await anna.client.get('/api/v1/tickets/1');
    expect(seen.json.ticket.requesterDueDate).toBe('2030-12-24');
    expect(seen.json.ticket.coordinatorDueDate).toBeUndefined();
    expect(seen.text).not.toContain('toner');
    const types = seen.json.history.map((h: { type: string }) => h.type);
    for (const internal of ['accepted', 'assigned', 'due_date', 'note']) expect(types).not.toContain(internal);
    expect((await anna.client.get('/api/v1/tickets')).json.items[0].coordinatorDueDate).toBeUndefined();
  });

  it('Ben accepts it, then hands it back with a reason; a stale version is refused', async () => {
    const accepted = await ben.client.post('/api/v1/tickets/1/accept-assignment', {});
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.ticket.stage).toBe('in_progress');
    expect((await ben.client.post('/api/v1/tickets/1/messages', { body: 'Please send a photo of the tray' })).status).toBe(201);
    const stale = await ben.client.post('/api/v1/tickets/1/hand-back', { reason: 'Not hardware', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    const r = await ben.client.post('/api/v1/tickets/1/hand-back', { reason: 'Not hardware after all' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.stage).toBe('clarifying');
    expect(r.json.ticket.assignee).toBeUndefined();
    expect(r.json.history.at(-1)).toMatchObject({ type: 'handed_back', from: 'Not hardware after all', actorName: 'Ben Bearbeiter' });
    expect(numbers(await list(ben.client, { view: 'mine' }))).toEqual([]);
  });
});

describe('a team’s queue', () => {
  let winner: Staff;

  it('a ticket assigned to a team waits in every member’s “my teams”, not in anyone else’s', async () => {
    const r = await klara.client.post('/api/v1/tickets/1/assign', { teamId });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'assigned', team: { id: teamId, name: 'Hardware' } });
    expect(r.json.ticket.assignee).toBeUndefined();
    for (const member of [ben, kim]) {
      expect(numbers(await list(member.client, { view: 'my_teams' }))).toEqual([1]);
      expect((await counts(member.client)).my_teams).toBe(1);
    }
    expect(numbers(await list(otto.client, { view: 'my_teams' }))).toEqual([]);
    expect((await otto.client.post('/api/v1/tickets/1/take', {})).status).toBe(403);
  });

  it('two members take it at once: exactly one gets it, the other is told who', async () => {
    const [a, b] = await Promise.all([ben.client.post('/api/v1/tickets/1/take', {}), kim.client.post('/api/v1/tickets/1/take', {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    winner = a.status === 200 ? ben : kim;
    const winnerName = a.status === 200 ? 'Ben Bearbeiter' : 'Kim Kollegin';
    expect(won.json.ticket).toMatchObject({ stage: 'in_progress', assignee: { id: winner.id, name: winnerName }, team: { id: teamId } });
    expect(lost.json).toMatchObject({ code: 'already_taken', params: { by: winnerName } });
    // whoever comes later is told the same
    const late = await (winner === ben ? kim : ben).client.post('/api/v1/tickets/1/take', {});
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: 'already_taken', params: { by: winnerName } });
    const events = (await klara.client.get('/api/v1/tickets/1')).json.history.filter((h: { type: string }) => h.type === 'taken');
    expect(events).toHaveLength(1);
    for (const member of [ben, kim]) expect(numbers(await list(member.client, { view: 'my_teams' }))).toEqual([]);
    expect(numbers(await list(winner.client, { view: 'mine' }))).toEqual([1]);
    // the team's overview still shows it, with whoever has it
    const overview = await list(klara.client, { teamId });
    expect(overview.json.items).toEqual([expect.objectContaining({ number: 1, assignee: { id: winner.id, name: winnerName } })]);
  });

  it('closing needs the solution (or the reason); solved records it for the requester', async () => {
    const bare = await winner.client.post('/api/v1/tickets/1/close', { resolution: 'solved' });
    expect(bare.status).toBe(400);
    expect(bare.json.errors).toEqual([expect.objectContaining({ path: 'solution', code: 'required' })]);
    const noReason = await winner.client.post('/api/v1/tickets/1/close', { resolution: 'unsolvable' });
    expect(noReason.json.errors).toEqual([expect.objectContaining({ path: 'reason', code: 'required' })]);
    const r = await winner.client.post('/api/v1/tickets/1/close', { resolution: 'solved', solution: 'Replaced the pickup roller' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({
      stage: 'closed',
      status: 'solved',
      resolution: 'solved',
      solution: 'Replaced the pickup roller',
      actions: ['note', 'reopen'],
    });
    const seen = await anna.client.get('/api/v1/tickets/1');
    expect(seen.json.ticket.solution).toBe('Replaced the pickup roller');
    expect(seen.json.history.map((h: { type: string }) => h.type)).toContain('closed');
    expect(numbers(await list(winner.client, { view: 'mine' }))).toEqual([]);
  });

  it('the customer’s reply reopens it with its assignee; the customer’s history shows nothing of the routing', async () => {
    expect((await anna.client.post('/api/v1/tickets/1/messages', { body: 'It jams again' })).status).toBe(201);
    const staff = await klara.client.get('/api/v1/tickets/1');
    expect(staff.json.ticket).toMatchObject({ stage: 'in_progress', status: 'open', assignee: { id: winner.id } });
    expect(staff.json.ticket.resolution).toBeUndefined();
    const types = (await anna.client.get('/api/v1/tickets/1')).json.history.map((h: { type: string }) => h.type);
    expect(types).toContain('reopened');
    for (const internal of ['accepted', 'assigned', 'due_date', 'taken', 'handed_back', 'note']) expect(types).not.toContain(internal);
    expect(numbers(await list(winner.client, { view: 'mine' }))).toEqual([1]);
  });

  it('pending until an instant: refused in the past; at that instant it comes back by itself, as the system', async () => {
    const past = await winner.client.post('/api/v1/tickets/1/pend', { until: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.json.errors).toEqual([expect.objectContaining({ path: 'until', code: 'date_in_past' })]);
    const until = new Date(Date.now() + 2_000).toISOString();
    const r = await winner.client.post('/api/v1/tickets/1/pend', { until });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'pending', pendingUntil: until });
    let back: { stage: string } | undefined;
    for (let i = 0; i < 300 && back?.stage !== 'in_progress'; i++) {
      back = (await klara.client.get('/api/v1/tickets/1')).json.ticket;
      if (back?.stage !== 'in_progress') await new Promise((res) => setTimeout(res, 200));
    }
    expect(back).toMatchObject({ stage: 'in_progress', assignee: { id: winner.id } });
    const h = (await klara.client.get('/api/v1/tickets/1')).json.history;
    expect(h.at(-1)).toMatchObject({ type: 'resumed', actorName: 'System' });
    expect(numbers(await list(klara.client, { view: 'pending' }))).toEqual([]);
    expect(numbers(await list(winner.client, { view: 'mine' }))).toEqual([1]);
    const types = (await anna.client.get('/api/v1/tickets/1')).json.history.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['pended', 'resumed']));
  });

  it('a pending ticket is off the work lists, in “pending”; staff resume it by hand, and reopen a closed one', async () => {
    await winner.client.post('/api/v1/tickets/1/pend', { until: new Date(Date.now() + 86_400_000).toISOString() });
    expect(numbers(await list(klara.client, { view: 'pending' }))).toEqual([1]);
    expect(numbers(await list(winner.client, { view: 'mine' }))).toEqual([]);
    expect((await counts(klara.client)).pending).toBe(1);
    // …and off the status tabs too, though its status stays what it was
    const status = (await klara.client.get('/api/v1/tickets/1')).json.ticket.status as string;
    const tab = ({ new: 'new', open: 'customer_waiting', waiting: 'support_waiting' } as Record<string, string>)[status]!;
    expect(numbers(await list(klara.client, { view: tab }))).not.toContain(1);
    expect(numbers(await list(klara.client, { view: tab, number: '1' }))).toEqual([]);
    const before = (await counts(klara.client))[tab];
    const resumed = await klara.client.post('/api/v1/tickets/1/resume', {});
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.json.ticket).toMatchObject({ stage: 'in_progress' });
    expect(resumed.json.ticket.pendingUntil).toBeUndefined();
    expect(numbers(await list(klara.client, { view: tab }))).toContain(1);
    expect((await counts(klara.client))[tab]).toBe(before! + 1);
    await winner.client.post('/api/v1/tickets/1/close', { resolution: 'unsolvable', reason: 'Printer out of support' });
    const reopened = await klara.client.post('/api/v1/tickets/1/reopen', {});
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.json.ticket).toMatchObject({ stage: 'in_progress', status: 'open' });
    expect(reopened.json.ticket.unsolvableReason).toBeUndefined();
  });

  it('closing with open hidden sub-tickets is refused unless they are explicitly left open; the requester never sees them', async () => {
    // The split part writes the parent's sub-ticket summary; here it is written directly.
    const parent = (await getTicketItem(t.id, 1))!;
    await saveTicketChange(
      t.id,
      {
        ...parent,
        subTickets: [{ number: 99, subject: 'Ask the vendor', stage: 'in_progress', visibility: 'hidden', assigneeId: kim.id, assigneeName: 'Kim Kollegin' }],
      },
      parent.version ?? 0,
      [],
    );
    expect((await anna.client.get('/api/v1/tickets/1')).text).not.toContain('Ask the vendor');
    const refused = await winner.client.post('/api/v1/tickets/1/close', { resolution: 'solved', solution: 'New printer' });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'open_sub_tickets', params: { numbers: [99] } });
    const closed = await winner.client.post('/api/v1/tickets/1/close', { resolution: 'solved', solution: 'New printer', leaveSubTicketsOpen: true });
    expect(closed.status, closed.text).toBe(200);
  });
});

describe('the requester', () => {
  it('closes their own request as solved without having to explain it', async () => {
    const n = (await anna.client.post('/api/v1/tickets', { subject: 'Monitor flickers', description: 'x' })).json.ticket.number;
    const r = await anna.client.post(`/api/v1/tickets/${n}/close`, { resolution: 'solved' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'closed', status: 'solved', actions: ['answer'] });
    expect(r.json.history.map((h: { type: string }) => h.type)).toContain('closed');
  });
});

describe('races between coordinators', () => {
  it('two accept the same new ticket at once: exactly one wins', async () => {
    const n = (await cora.client.post('/api/v1/tickets', { subject: 'Mouse broken', description: 'x' })).json.ticket.number;
    const [a, b] = await Promise.all([klara.client.post(`/api/v1/tickets/${n}/accept`, {}), t.admin.post(`/api/v1/tickets/${n}/accept`, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const h = (await klara.client.get(`/api/v1/tickets/${n}`)).json.history;
    expect(h.filter((e: { type: string }) => e.type === 'accepted')).toHaveLength(1);
  });
});

describe('isolation', () => {
  it('another tenant’s coordinator sees none of these lists or counts and acts on its own tickets only', async () => {
    for (const view of ['to_accept', 'to_assign', 'pending', 'mine', 'my_teams']) expect((await list(other.admin, { view })).json.items).toEqual([]);
    expect(await counts(other.admin)).toMatchObject({ to_accept: 0, to_assign: 0, pending: 0 });
    expect((await other.admin.get('/api/v1/tickets', { query: { teamId } })).json.items).toEqual([]);
    for (const op of ['accept', 'take', 'reopen']) expect((await other.admin.post(`/api/v1/tickets/1/${op}`, {})).status).toBe(404);
    expect((await other.admin.post('/api/v1/tickets/1/assign', { teamId })).status).toBe(400); // not its team
  });

  it('another customer of the tenant finds nothing and may do nothing', async () => {
    expect((await cora.client.get('/api/v1/tickets/1')).status).toBe(404);
    for (const op of ['accept', 'take', 'pend', 'reopen']) expect((await cora.client.post(`/api/v1/tickets/1/${op}`, {})).status).toBe(403);
    // closing is open to customers (their own requests): someone else's is not found
    expect((await cora.client.post('/api/v1/tickets/1/close', { resolution: 'solved' })).status).toBe(404);
    expect(await counts(cora.client)).toEqual({ mine: 1 });
    expect(numbers(await list(cora.client, { view: 'to_accept' }))).not.toContain(1);
  });
});
