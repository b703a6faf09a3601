/**
 * Tickets as tasks (K19): staff open internal work without a customer, with an estimate,
 * difficulty, progress and a responsible person besides the assignee; every change of those is
 * in the history; customers can neither open tasks nor set task fields.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let lead: Awaited<ReturnType<typeof newStaff>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;

beforeAll(async () => {
  t = await newTenant('tasks');
  other = await newTenant('tasks-other');
  agent = await newStaff(t, 'agent', 'Anton Agent');
  lead = await newStaff(t, 'coordinator', 'Lena Lead');
  cora = await newCustomer(t, 'Cora Customer');
  nils = await newCustomer(t, 'Nils Neighbour');
});

describe('tasks', () => {
  let n: number;

  it('an agent opens a task without a customer: they are its requester of record, with estimate, difficulty, progress and a responsible person', async () => {
    const r = await agent.client.post('/api/v1/tickets', {
      subject: 'Service the printers on floor 2',
      description: 'Clean and check all four printers',
      type: 'task',
      estimateHours: 3.5,
      difficulty: 'medium',
      progress: 10,
      responsibleId: lead.id,
    });
    expect(r.status, r.text).toBe(201);
    n = r.json.ticket.number;
    expect(r.json.ticket).toMatchObject({
      type: 'task',
      requesterId: agent.id,
      requesterName: 'Anton Agent',
      channel: 'api',
      estimateHours: 3.5,
      difficulty: 'medium',
      progress: 10,
      responsible: { id: lead.id, name: 'Lena Lead' },
    });
  });

  it('a ticket without a type is a request; staff may say incident', async () => {
    const plain = await cora.client.post('/api/v1/tickets', { subject: 'A question', description: 'How do I …' });
    expect(plain.json.ticket.type).toBe('request');
    const incident = await agent.client.post('/api/v1/tickets', { subject: 'Server down', description: 'Mail server', type: 'incident', requesterId: cora.id });
    expect(incident.json.ticket).toMatchObject({ type: 'incident', requesterId: cora.id, channel: 'phone' });
  });

  it('progress, responsible person and type change through updateTicket, each recorded in the history', async () => {
    const r = await lead.client.patch(`/api/v1/tickets/${n}`, { progress: 60, responsibleId: agent.id, estimateHours: 5 });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ progress: 60, estimateHours: 5, responsible: { id: agent.id, name: 'Anton Agent' } });
    expect(r.json.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'progress', from: '10', to: '60', actorName: 'Lena Lead' }),
        expect.objectContaining({ type: 'estimate', from: '3.5', to: '5' }),
        expect.objectContaining({ type: 'responsible', from: 'Lena Lead', to: 'Anton Agent' }),
      ]),
    );
    const typed = await lead.client.patch(`/api/v1/tickets/${n}`, { type: 'request', responsibleId: '' });
    expect(typed.json.ticket.type).toBe('request');
    expect(typed.json.ticket.responsible).toBeUndefined();
    expect(typed.json.history).toContainEqual(expect.objectContaining({ type: 'type', from: 'task', to: 'request' }));
  });

  it.each([
    ['progress over 100', { progress: 101 }, 'progress'],
    ['a negative estimate', { estimateHours: -1 }, 'estimateHours'],
    ['an unknown difficulty', { difficulty: 'epic' }, 'difficulty'],
    ['an unknown type', { type: 'chore' }, 'type'],
  ])('%s is refused naming the field', async (_what, body, field) => {
    const r = await agent.client.patch(`/api/v1/tickets/${n}`, body);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json.errors)).toContain(field);
  });

  it('the responsible person is staff of this organisation: not a customer, not someone of another tenant', async () => {
    for (const id of [cora.id, (await newStaff(other, 'agent')).id]) {
      const r = await agent.client.patch(`/api/v1/tickets/${n}`, { responsibleId: id });
      expect(r.status).toBe(400);
      expect(r.json.errors).toMatchObject([{ path: 'responsibleId', code: 'unknown_responsible' }]);
    }
  });

  it('customers open no tasks and set no task fields; others see nothing of the task', async () => {
    expect((await cora.client.post('/api/v1/tickets', { subject: 'My task', description: 'x', type: 'task' })).status).toBe(403);
    expect((await cora.client.post('/api/v1/tickets', { subject: 'Guess', description: 'x', progress: 50 })).status).toBe(403);
    const own = (await cora.client.post('/api/v1/tickets', { subject: 'Mine', description: 'x' })).json.ticket.number;
    expect((await cora.client.patch(`/api/v1/tickets/${own}`, { progress: 50 })).status).toBe(403);
    for (const c of [cora.client, nils.client]) expect((await c.get(`/api/v1/tickets/${n}`)).status).toBe(404);
    expect((await other.admin.get(`/api/v1/tickets/${n}`)).json.ticket?.subject).not.toBe('Service the printers on floor 2');
  });
});
