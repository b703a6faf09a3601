/**
 * Who is answering (K14): the reply lease, taking it over, and answers that are refused because
 * someone else is answering or the ticket changed since the sender loaded it. Kim and Ben are
 * coordinators on a customer's new ticket: who answers such a ticket (the workflow core's stage
 * rules: coordinators answer `new` tickets; today any staff member may).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { claimLease } from '../../shared/db/leases.ts';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;
let kim: { client: UserClient; id: string };
let ben: { client: UserClient; id: string };

beforeAll(async () => {
  t = await newTenant('lock');
  other = await newTenant('lock-other');
  cora = await newCustomer(t, 'Cora Customer');
  nils = await newCustomer(t, 'Nils Neighbour');
  kim = await newStaff(t, 'coordinator', 'Kim Agent');
  ben = await newStaff(t, 'coordinator', 'Ben Agent');
});

/** A fresh ticket of Cora's; its number. */
async function newTicket(subject = 'Printer jams'): Promise<number> {
  const r = await cora.client.post('/api/v1/tickets', { subject, description: 'Since this morning' });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number;
}

const ticketOf = async (c: UserClient, n: number) => (await c.get(`/api/v1/tickets/${n}`)).json;
const lock = (c: UserClient, n: number, body: object = {}) => c.post(`/api/v1/tickets/${n}/lock`, body);

describe('the reply lease', () => {
  it('opening the reply box takes a short lease that others see, without changing the ticket', async () => {
    const n = await newTicket();
    const before = (await ticketOf(ben.client, n)).ticket.version;
    const r = await lock(kim.client, n);
    expect(r.status, r.text).toBe(200);
    expect(r.json.lock).toMatchObject({ userId: kim.id, name: 'Kim Agent' });
    const minutes = (Date.parse(r.json.lock.until) - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(1);
    expect(minutes).toBeLessThanOrEqual(2);
    const seen = (await ticketOf(ben.client, n)).ticket;
    expect(seen.lock).toEqual(r.json.lock);
    expect(seen.version).toBe(before);
    // the customer never learns who is typing
    expect((await ticketOf(cora.client, n)).ticket.lock).toBeUndefined();
  });

  it('renewing one’s own lease moves its end on; someone else is refused and told who holds it until when', async () => {
    const n = await newTicket();
    const first = await lock(kim.client, n);
    const renewed = await lock(kim.client, n);
    expect(renewed.status).toBe(200);
    expect(renewed.json.lock.until >= first.json.lock.until).toBe(true);
    const refused = await lock(ben.client, n);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'locked', params: { by: 'Kim Agent', until: renewed.json.lock.until } });
  });

  it('an expired lease is free for the next one (time set through the store, not by waiting)', async () => {
    const n = await newTicket();
    await lock(kim.client, n);
    const past = new Date(Date.now() - 1000).toISOString();
    expect(await claimLease(t.id, n, { userId: kim.id, name: 'Kim Agent', until: past }, new Date().toISOString())).toBe(true);
    expect((await ticketOf(ben.client, n)).ticket.lock).toBeUndefined();
    const r = await lock(ben.client, n);
    expect(r.status, r.text).toBe(200);
    expect(r.json.lock.name).toBe('Ben Agent');
    // nobody was pushed out, so the history records no takeover
    expect((await ticketOf(ben.client, n)).history.map((e: { type: string }) => e.type)).not.toContain('lock_taken_over');
  });

  it('taking over is explicit and recorded in the staff history only', async () => {
    const n = await newTicket();
    await lock(kim.client, n);
    const r = await lock(ben.client, n, { takeOver: true });
    expect(r.status, r.text).toBe(200);
    expect(r.json.lock.name).toBe('Ben Agent');
    expect((await ticketOf(kim.client, n)).ticket.lock.name).toBe('Ben Agent');
    const staffHistory = (await ticketOf(kim.client, n)).history;
    expect(staffHistory).toContainEqual(expect.objectContaining({ type: 'lock_taken_over', actorName: 'Ben Agent', from: 'Kim Agent' }));
    const customerHistory = (await ticketOf(cora.client, n)).history;
    expect(customerHistory.map((e: { type: string }) => e.type)).not.toContain('lock_taken_over');
    // now Kim is the one refused
    expect((await lock(kim.client, n)).json).toMatchObject({ code: 'locked', params: { by: 'Ben Agent' } });
  });

  it('unlocking releases only one’s own lease', async () => {
    const n = await newTicket();
    await lock(kim.client, n);
    const foreign = await ben.client.delete(`/api/v1/tickets/${n}/lock`);
    expect(foreign.status).toBe(409);
    expect(foreign.json).toMatchObject({ code: 'locked', params: { by: 'Kim Agent' } });
    expect((await ticketOf(ben.client, n)).ticket.lock.name).toBe('Kim Agent');
    expect((await kim.client.delete(`/api/v1/tickets/${n}/lock`)).status).toBe(204);
    expect((await ticketOf(ben.client, n)).ticket.lock).toBeUndefined();
    // nothing held: unlocking again is harmless
    expect((await kim.client.delete(`/api/v1/tickets/${n}/lock`)).status).toBe(204);
  });
});

describe('answering while someone else is answering', () => {
  it('another agent’s answer and note are refused; the customer’s reply never is; the holder’s answer ends the lease', async () => {
    const n = await newTicket();
    await lock(kim.client, n);
    const answer = await ben.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Ben’s answer' });
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ code: 'locked', params: { by: 'Kim Agent' } });
    const note = await ben.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Ben’s note', internal: true });
    expect(note.json.code).toBe('locked');
    const reply = await cora.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Any news?' });
    expect(reply.status, reply.text).toBe(201);

    const version = (await ticketOf(kim.client, n)).ticket.version;
    const sent = await kim.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Kim’s answer', version });
    expect(sent.status, sent.text).toBe(201);
    const after = await ticketOf(ben.client, n);
    expect(after.ticket.lock).toBeUndefined();
    expect(after.messages.map((m: { body: string }) => m.body)).toEqual(['Any news?', 'Kim’s answer']);
  });

  it('an answer to a ticket that changed since it was loaded is refused, listing the change; nothing is stored', async () => {
    const n = await newTicket();
    const loaded = (await ticketOf(kim.client, n)).ticket.version;
    expect((await cora.client.post(`/api/v1/tickets/${n}/messages`, { body: 'It smokes now!' })).status).toBe(201);
    const r = await kim.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Please restart it', version: loaded });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('ticket_changed');
    expect(r.json.params.changes).toContainEqual(expect.objectContaining({ type: 'message', actorName: 'Cora Customer' }));
    expect((await ticketOf(kim.client, n)).messages.map((m: { body: string }) => m.body)).toEqual(['It smokes now!']);
    // having looked at the change, the same text goes out at the new version
    const now = (await ticketOf(kim.client, n)).ticket.version;
    expect((await kim.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Please unplug it', version: now })).status).toBe(201);
  });

  it('two agents sending at the same moment: exactly one answer goes out, the other is told what changed', async () => {
    const n = await newTicket();
    const version = (await ticketOf(kim.client, n)).ticket.version;
    const results = await Promise.all([
      kim.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Answer from Kim', version }),
      ben.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Answer from Ben', version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    const winner = results.find((r) => r.status === 201)!;
    expect(loser.json.code).toBe('ticket_changed');
    expect(loser.json.params.changes).toContainEqual(expect.objectContaining({ type: 'message', actorName: winner.json.authorName }));
    const stored = (await ticketOf(kim.client, n)).messages;
    expect(stored).toHaveLength(1);
    expect(stored[0].body).toBe(winner.json.body);
  });
});

describe('who may hold a lease', () => {
  it('customers may not lock, nor unlock, not even their own ticket', async () => {
    const n = await newTicket();
    expect((await lock(cora.client, n)).status).toBe(403);
    expect((await cora.client.delete(`/api/v1/tickets/${n}/lock`)).status).toBe(403);
    expect((await lock(nils.client, n)).status).toBe(403);
  });

  it('for another tenant’s staff the ticket does not exist, and its lease is untouched', async () => {
    const n = await newTicket();
    await lock(kim.client, n);
    const r = await lock(other.admin, n, { takeOver: true });
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('Kim Agent');
    expect((await other.admin.delete(`/api/v1/tickets/${n}/lock`)).status).toBe(404);
    expect((await ticketOf(ben.client, n)).ticket.lock.name).toBe('Kim Agent');
  });
});
