/**
 * A customer closes their own request: only that (status `solved`, nothing else, on their own
 * ticket); it is recorded in the history under their name. Another customer of the same tenant,
 * and a customer of another tenant with a ticket of the same number, can close nothing of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;

describe('a customer closes their own request', () => {
  let t: TestTenant;
  let other: TestTenant;
  let cleo: Customer;
  let bob: Customer;
  let foreign: Customer;
  let agent: Customer['client'];

  beforeAll(async () => {
    t = await newTenant('close');
    other = await newTenant('close-other');
    cleo = await newCustomer(t, 'Cleo Closer');
    bob = await newCustomer(t, 'Bob Bystander');
    foreign = await newCustomer(other, 'Fiona Foreign');
    agent = (await newStaff(t, 'agent', 'Alex Agent')).client;
    for (const [c, subject] of [
      [cleo, 'Printer jam'],
      [cleo, 'Second printer'],
      [foreign, 'Foreign ticket'],
    ] as const) {
      const r = await c.client.post('/api/v1/tickets', { subject, description: 'x' });
      expect(r.status, r.text).toBe(201);
    }
    // A new ticket is the coordinator's to answer (pre-clarification); the admin coordinates.
    expect((await t.admin.post('/api/v1/tickets/1/messages', { body: 'Try turning it off and on.' })).status).toBe(201);
  });

  it('sets it to solved, and the history names the customer', async () => {
    const r = await cleo.client.patch('/api/v1/tickets/1', { status: 'solved' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.status).toBe('solved');
    expect(r.json.history.slice(-2)).toMatchObject([
      { type: 'status', from: 'waiting', to: 'solved', actorName: 'Cleo Closer' },
      { type: 'closed', to: 'solved', actorName: 'Cleo Closer' },
    ]);
    expect(r.json.ticket).toMatchObject({ stage: 'closed', resolution: 'solved' });
    const staffView = await agent.get('/api/v1/tickets/1');
    expect(staffView.json.ticket.status).toBe('solved');
    expect((await agent.get('/api/v1/tickets', { query: { view: 'closed' } })).json.items.map((x: { number: number }) => x.number)).toEqual([1]);
  });

  it('may change nothing else: no other status, no priority, no category, not even beside closing', async () => {
    for (const body of [{ status: 'open' }, { status: 'unsolvable' }, { priority: 'urgent' }, { category: 'Mine' }, { status: 'solved', priority: 'low' }]) {
      const r = await cleo.client.patch('/api/v1/tickets/2', body);
      expect(r.status, `${JSON.stringify(body)}: ${r.text}`).toBe(403);
      expect(r.json.code).toBe('forbidden');
    }
    const still = await cleo.client.get('/api/v1/tickets/2');
    expect(still.json.ticket).toMatchObject({ status: 'new', priority: 'normal' });
    expect(still.json.ticket.category).toBeUndefined();
  });

  it('another customer of the tenant cannot close it: to them it does not exist', async () => {
    const r = await bob.client.patch('/api/v1/tickets/2', { status: 'solved' });
    expect(r.status, r.text).toBe(404);
    expect(r.json.code).toBe('not_found');
    expect((await cleo.client.get('/api/v1/tickets/2')).json.ticket.status).toBe('new');
  });

  it('a customer of another tenant closes only their own #1, never this tenant’s', async () => {
    const r = await foreign.client.patch('/api/v1/tickets/2', { status: 'solved' });
    expect(r.status, r.text).toBe(404);
    const own = await foreign.client.patch('/api/v1/tickets/1', { status: 'solved' });
    expect(own.status, own.text).toBe(200);
    expect(own.json.ticket.subject).toBe('Foreign ticket');
    expect((await cleo.client.get('/api/v1/tickets/2')).json.ticket.status).toBe('new');
  });

  it('a reply afterwards opens it again, as before', async () => {
    expect((await cleo.client.post('/api/v1/tickets/1/messages', { body: 'It jammed again.' })).status).toBe(201);
    expect((await cleo.client.get('/api/v1/tickets/1')).json.ticket).toMatchObject({ status: 'open', stage: 'new' });
  });
});
