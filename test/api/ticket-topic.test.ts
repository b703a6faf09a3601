/**
 * The topic of a ticket (issue 9): a ticket filed under a topic names it, by name, to staff and
 * to its requester (a topic deleted since stays readable, marked); staff file it under another
 * topic (or none) at the version they saw — a stale version is refused with 409 — and the change
 * is in the history staff see (not the requester's); a request filed under the suggestion topic
 * joins the suggestions. Customers cannot change it; only live topics of the tenant can be chosen. Beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let agent: UserClient;
let cora: UserClient;
let dan: UserClient;
let printer: string;
let network: string;

beforeAll(async () => {
  [t, other] = await Promise.all([newTenant('ttopic'), newTenant('ttopic-other')]);
  agent = (await newStaff(t, 'agent', 'Arne Agent')).client;
  cora = (await newCustomer(t, 'Cora Customer')).client;
  dan = (await newCustomer(t, 'Dan Customer')).client;
  printer = (await agent.post('/api/v1/topics', { name: { de: 'Drucker', en: 'Printer' } })).json.id;
  network = (await agent.post('/api/v1/topics', { name: { de: 'Netzwerk', en: 'Network' } })).json.id;
});

describe('the topic of a ticket', () => {
  it('is shown by name; staff change it at the version seen, recorded in their history only', async () => {
    const made = await cora.post('/api/v1/tickets', { subject: 'Toner empty', description: 'Printer on floor 2', topicId: printer });
    expect(made.status, made.text).toBe(201);
    const n = made.json.ticket.number as number;
    const seen = (await cora.get(`/api/v1/tickets/${n}`)).json;
    expect(seen.ticket.topic).toEqual({ id: printer, name: { de: 'Drucker', en: 'Printer' } });

    const version = (await agent.get(`/api/v1/tickets/${n}`)).json.ticket.version as number;
    const moved = await agent.put(`/api/v1/tickets/${n}/topic`, { topicId: network, version });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.ticket).toMatchObject({ topicId: network, topic: { id: network, name: { en: 'Network' } }, version: version + 1 });
    expect(moved.json.history.filter((e: { type: string }) => e.type === 'topic')).toEqual([
      expect.objectContaining({ type: 'topic', from: printer, to: network, actorName: 'Arne Agent' }),
    ]);
    // the requester sees the new topic, not the change
    const mine = (await cora.get(`/api/v1/tickets/${n}`)).json;
    expect(mine.ticket.topic.id).toBe(network);
    expect(mine.history.some((e: { type: string }) => e.type === 'topic')).toBe(false);

    // someone who saw the older version is refused, and nothing changes
    const stale = await agent.put(`/api/v1/tickets/${n}/topic`, { topicId: printer, version });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.json.code).toBe('conflict');
    // none
    const cleared = await agent.put(`/api/v1/tickets/${n}/topic`, { topicId: null, version: version + 1 });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json.ticket.topicId).toBeUndefined();
    expect(cleared.json.ticket.topic).toBeUndefined();
  });

  it('a deleted topic still names the ticket, marked; it cannot be chosen again, nor another tenant’s', async () => {
    const gone = (await agent.post('/api/v1/topics', { name: { de: 'Fax', en: 'Fax' } })).json;
    const n = (await cora.post('/api/v1/tickets', { subject: 'Fax broken', description: 'No tone', topicId: gone.id })).json.ticket.number as number;
    expect((await agent.delete(`/api/v1/topics/${gone.id}?version=${gone.version}`)).status).toBe(204);
    const seen = (await cora.get(`/api/v1/tickets/${n}`)).json.ticket;
    expect(seen.topic).toEqual({ id: gone.id, name: { de: 'Fax', en: 'Fax' }, deleted: true });
    // saved again unchanged, it keeps its deleted topic; another ticket cannot be filed under it
    const version = (await agent.get(`/api/v1/tickets/${n}`)).json.ticket.version as number;
    expect((await agent.put(`/api/v1/tickets/${n}/topic`, { topicId: gone.id, version })).json.ticket.topic.deleted).toBe(true);
    const m = (await cora.post('/api/v1/tickets', { subject: 'Fax again', description: 'Still no tone' })).json.ticket.number as number;
    const foreign = (await other.admin.post('/api/v1/topics', { name: { de: 'Fremd', en: 'Foreign' } })).json.id as string;
    for (const topicId of [gone.id, foreign, 'no-such-topic']) {
      const r = await agent.put(`/api/v1/tickets/${m}/topic`, { topicId, version: 0 });
      expect(r.status, r.text).toBe(400);
      expect(r.json.errors).toEqual([expect.objectContaining({ path: 'topicId', code: 'unknown_topic' })]);
    }
  });

  it('customers cannot change it, neither on their own ticket nor on another’s; another tenant finds no such ticket', async () => {
    const n = (await cora.post('/api/v1/tickets', { subject: 'Wi-Fi slow', description: 'Since Monday', topicId: network })).json.ticket.number as number;
    const version = (await agent.get(`/api/v1/tickets/${n}`)).json.ticket.version as number;
    for (const c of [cora, dan]) expect((await c.put(`/api/v1/tickets/${n}/topic`, { topicId: printer, version })).status).toBe(403);
    expect((await other.admin.put(`/api/v1/tickets/${n}/topic`, { topicId: null, version })).status).toBe(404);
    expect((await agent.get(`/api/v1/tickets/${n}`)).json.ticket.topicId).toBe(network);
  });

  it('a request staff file under the suggestion topic later joins the suggestions', async () => {
    const on = await t.admin.put('/api/v1/knowledge/suggestions/settings', { enabled: true, customersJoin: false, version: 0 });
    expect(on.status, on.text).toBe(200);
    const n = (await cora.post('/api/v1/tickets', { subject: 'A bike shed', description: 'For rainy days' })).json.ticket.number as number;
    const version = (await agent.get(`/api/v1/tickets/${n}`)).json.ticket.version as number;
    expect((await agent.put(`/api/v1/tickets/${n}/topic`, { topicId: on.json.topicId, version })).status).toBe(200);
    await expect
      .poll(async () => (await agent.get('/api/v1/knowledge/suggestions')).json.items.map((x: { number: number }) => x.number), { timeout: 15_000 })
      .toContain(n);
  });
});
