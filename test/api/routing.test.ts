/**
 * Routing (K5) through the API: the admin's ordered rules send each new ticket to a team's
 * queue, a person or the coordinator, and the (staff) history says which rule routed it. Rules
 * name only this tenant's teams and staff; a save on a stale version is refused. Always beside a
 * second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let ben: Awaited<ReturnType<typeof newStaff>>;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let anna: Awaited<ReturnType<typeof newCustomer>>;
let acme: Awaited<ReturnType<typeof newCustomer>>;
let otherCustomer: Awaited<ReturnType<typeof newCustomer>>;
let hardware: { id: string };
let accounting: { id: string };
let firstLevel: { id: string };
let foreignTeam: { id: string };
let version = 0;

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('route-a'), newTenant('route-b')]);
  [ben, coordinator, anna, acme, otherCustomer] = await Promise.all([
    newStaff(a, 'agent', 'Ben Berger'),
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newCustomer(a, 'Anna Kunde'),
    newCustomer(a, 'Alex Acme', { company: 'ACME GmbH' }),
    newCustomer(b, 'Olga Other'),
  ]);
  const team = async (t: TestTenant, de: string, en: string) => {
    const r = await t.admin.post('/api/v1/teams', { name: { de, en }, memberIds: t === a ? [ben.id] : [] });
    expect(r.status, r.text).toBe(201);
    return r.json;
  };
  hardware = await team(a, 'Hardware', 'Hardware');
  accounting = await team(a, 'Buchhaltung', 'Accounting');
  firstLevel = await team(a, '1st Level', '1st level');
  foreignTeam = await team(b, 'Hardware', 'Hardware');
});

/** Save rules at the version last seen; returns the response. */
async function save(rules: unknown[]) {
  const r = await a.admin.put('/api/v1/routing', { rules, version });
  if (r.status === 200) version = r.json.version;
  return r;
}

/** The first truthy result of `read`, polled while the change stream catches up. */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const got = await read();
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('never happened');
}

const routedEvents = (detail: { history: { type: string }[] }) => detail.history.filter((e) => e.type === 'routed');

describe('the routing rules', () => {
  it('start empty; admins and coordinators read them, agents and customers do not', async () => {
    const r = await a.admin.get('/api/v1/routing');
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ rules: [], version: 0 });
    expect((await coordinator.client.get('/api/v1/routing')).json).toEqual({ rules: [], version: 0 });
    expect((await ben.client.get('/api/v1/routing')).status).toBe(403);
    expect((await anna.client.get('/api/v1/routing')).status).toBe(403);
  });

  it('are saved by an admin in order, each rule numbered by the server', async () => {
    const r = await save([
      { when: { category: 'Hardware' }, then: { teamId: hardware.id } },
      { when: { subjectContains: 'invoice' }, then: { teamId: accounting.id } },
      { when: { channel: 'email' }, then: { teamId: firstLevel.id } },
      { when: { company: 'acme gmbh' }, then: { assigneeId: ben.id } },
    ]);
    expect(r.status, r.text).toBe(200);
    expect(r.json.rules.map((x: { id: string }) => x.id)).toEqual(['1', '2', '3', '4']);
    expect(r.json.version).toBe(1);
    expect((await coordinator.client.get('/api/v1/routing')).json).toEqual(r.json);
  });

  it('may only be changed by an admin, at the version they saw', async () => {
    const current = (await a.admin.get('/api/v1/routing')).json;
    expect((await coordinator.client.put('/api/v1/routing', { rules: [], version: current.version })).status).toBe(403);
    expect((await ben.client.put('/api/v1/routing', { rules: [], version: current.version })).status).toBe(403);
    const stale = await a.admin.put('/api/v1/routing', { rules: [], version: current.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('conflict');
    expect((await a.admin.get('/api/v1/routing')).json).toEqual(current);
  });

  it('refuse a rule without a condition, an unknown target shape, and more than 50 rules', async () => {
    const none = await save([{ when: {}, then: { coordinator: true } }]);
    expect(none.status).toBe(400);
    expect(none.json.errors).toEqual([expect.objectContaining({ path: 'rules.0.when', code: 'no_condition' })]);
    const odd = await save([{ when: { channel: 'fax' }, then: { team: 'x' } }]);
    expect(odd.status).toBe(400);
    expect(odd.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['rules.0.when.channel', 'rules.0.then']));
    const many = await save(Array.from({ length: 51 }, () => ({ when: { channel: 'phone' }, then: { coordinator: true } })));
    expect(many.status).toBe(400);
    expect(many.json.errors).toEqual([expect.objectContaining({ path: 'rules', code: 'too_big', params: { maximum: 50 } })]);
  });

  it('refuse a team of another tenant and a person who is not staff of this one', async () => {
    const before = (await a.admin.get('/api/v1/routing')).json;
    const r = await save([
      { when: { category: 'x' }, then: { teamId: foreignTeam.id } },
      { when: { category: 'y' }, then: { assigneeId: anna.id } },
      { when: { category: 'z' }, then: { assigneeId: otherCustomer.id } },
    ]);
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([
      expect.objectContaining({ path: 'rules.0.then.teamId', code: 'unknown_team' }),
      expect.objectContaining({ path: 'rules.1.then.assigneeId', code: 'not_staff' }),
      expect.objectContaining({ path: 'rules.2.then.assigneeId', code: 'not_staff' }),
    ]);
    expect((await a.admin.get('/api/v1/routing')).json).toEqual(before);
    // and the other tenant's rules stay its own
    expect((await b.admin.get('/api/v1/routing')).json).toEqual({ rules: [], version: 0 });
    expect((await b.admin.put('/api/v1/routing', { rules: [{ when: { category: 'Hardware' }, then: { teamId: hardware.id } }], version: 0 })).status).toBe(400);
  });
});

describe('a new ticket', () => {
  it('from the portal with category Hardware lands in team Hardware’s queue; the history names the rule', async () => {
    const r = await anna.client.post('/api/v1/tickets', { subject: 'Screen flickers', description: 'Since Monday.', category: 'hardware' });
    expect(r.status, r.text).toBe(201);
    const number = r.json.ticket.number;
    const staffView = (await coordinator.client.get(`/api/v1/tickets/${number}`)).json;
    expect(staffView.ticket).toMatchObject({ stage: 'assigned', team: { id: hardware.id, name: 'Hardware' } });
    expect(staffView.ticket.assignee).toBeUndefined();
    expect(routedEvents(staffView)).toEqual([expect.objectContaining({ from: '1', to: `team:${hardware.id}`, actorName: 'System' })]);
    // the requester does not see how it was routed
    const own = (await anna.client.get(`/api/v1/tickets/${number}`)).json;
    expect(routedEvents(own)).toEqual([]);
  });

  it('with a keyword in the subject goes to the team of that rule', async () => {
    const r = await anna.client.post('/api/v1/tickets', { subject: 'Wrong amount on INVOICE 2024-117', description: 'Please check.' });
    const detail = (await a.admin.get(`/api/v1/tickets/${r.json.ticket.number}`)).json;
    expect(detail.ticket).toMatchObject({ stage: 'assigned', team: { id: accounting.id } });
    expect(routedEvents(detail)).toEqual([expect.objectContaining({ from: '2', to: `team:${accounting.id}` })]);
    // the team is named in the language the request asks for, on the ticket and in the lists
    const path = `/api/v1/tickets/${r.json.ticket.number}`;
    expect((await a.admin.get(path, { headers: { 'accept-language': 'de' } })).json.ticket.team.name).toBe('Buchhaltung');
    expect((await a.admin.get(path, { headers: { 'accept-language': 'en-GB,en;q=0.8' } })).json.ticket.team.name).toBe('Accounting');
    const list = await a.admin.get('/api/v1/tickets', { query: { number: r.json.ticket.number }, headers: { 'accept-language': 'de-DE' } });
    expect(list.json.items[0].team.name).toBe('Buchhaltung');
  });

  it('taken by mail follows the channel rule; the same by phone does not', async () => {
    const mail = await coordinator.client.post('/api/v1/tickets', {
      subject: 'Cannot log in',
      description: 'From a mail.',
      requesterId: anna.id,
      channel: 'email',
    });
    expect(mail.status, mail.text).toBe(201);
    expect(mail.json.ticket).toMatchObject({ stage: 'assigned', team: { id: firstLevel.id } });
    const phone = await coordinator.client.post('/api/v1/tickets', {
      subject: 'Cannot log in',
      description: 'On the phone.',
      requesterId: anna.id,
      channel: 'phone',
    });
    expect(phone.json.ticket.stage).toBe('new');
  });

  it('from a customer company goes to the person of that rule', async () => {
    const r = await acme.client.post('/api/v1/tickets', { subject: 'New colleague needs access', description: 'Starts on the 1st.' });
    const detail = (await a.admin.get(`/api/v1/tickets/${r.json.ticket.number}`)).json;
    expect(detail.ticket).toMatchObject({ stage: 'assigned', assignee: { id: ben.id, name: 'Ben Berger' } });
    expect(detail.ticket.team).toBeUndefined();
    expect(routedEvents(detail)).toEqual([expect.objectContaining({ from: '4', to: `user:${ben.id}` })]);
    // Routed to him is assigned to him: Ben is told, like any assignment.
    const told = await eventually(async () => {
      const items = (await ben.client.get('/api/v1/notifications')).json.items as { kind: string; ticketNumber: number }[];
      return items.find((x) => x.ticketNumber === r.json.ticket.number);
    });
    expect(told).toMatchObject({ kind: 'assigned', actorName: 'System' });
  });

  it('that no rule matches waits for the coordinator, with no routing entry', async () => {
    const r = await anna.client.post('/api/v1/tickets', { subject: 'A general question', description: 'Hello.' });
    const detail = (await a.admin.get(`/api/v1/tickets/${r.json.ticket.number}`)).json;
    expect(detail.ticket.stage).toBe('new');
    expect(detail.ticket.team).toBeUndefined();
    expect(detail.ticket.assignee).toBeUndefined();
    expect(routedEvents(detail)).toEqual([]);
  });

  it('follows the first matching rule, and rules keep their numbers when reordered and removed', async () => {
    const current = (await a.admin.get('/api/v1/routing')).json.rules as { id: string }[];
    // keyword first, hardware rule removed, a coordinator rule added
    const r = await save([current[1], current[2], { when: { category: 'Hardware' }, then: { coordinator: true } }]);
    expect(r.status, r.text).toBe(200);
    expect(r.json.rules.map((x: { id: string }) => x.id)).toEqual(['2', '3', '5']);
    const t = await anna.client.post('/api/v1/tickets', { subject: 'Invoice for the new printer', description: 'x', category: 'Hardware' });
    const detail = (await a.admin.get(`/api/v1/tickets/${t.json.ticket.number}`)).json;
    expect(routedEvents(detail)).toEqual([expect.objectContaining({ from: '2', to: `team:${accounting.id}` })]);
    const hw = await anna.client.post('/api/v1/tickets', { subject: 'Mouse broken', description: 'x', category: 'Hardware' });
    const hwDetail = (await a.admin.get(`/api/v1/tickets/${hw.json.ticket.number}`)).json;
    expect(hwDetail.ticket.stage).toBe('new');
    expect(routedEvents(hwDetail)).toEqual([expect.objectContaining({ from: '5', to: 'coordinator' })]);
  });

  it('of another tenant is never routed by these rules', async () => {
    const r = await otherCustomer.client.post('/api/v1/tickets', { subject: 'invoice question', description: 'x', category: 'Hardware' });
    expect(r.status, r.text).toBe(201);
    const detail = (await b.admin.get(`/api/v1/tickets/${r.json.ticket.number}`)).json;
    expect(detail.ticket.stage).toBe('new');
    expect(routedEvents(detail)).toEqual([]);
  });
});
