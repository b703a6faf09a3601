/**
 * Deflection through the API (issue 9, Q7): while a customer types a request, the FAQ entries
 * of their own tenant that share its meaningful words are suggested (one matching word is
 * enough, more matching words rank first; never a ticket, never another tenant's knowledge);
 * "this solved it" records one deflection per customer, answer and day, counted per tenant and
 * month, and opens nothing. Also Ticket Management's text search over every ticket (V1): staff
 * only, their own tenant's tickets as list rows. Beside a second tenant and a second customer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { deflectionsInMonth } from '../../shared/deflection/deflection.ts';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;
let bea: Awaited<ReturnType<typeof newCustomer>>;
let printerFaq: string;
let passwordFaq: string;
let otherTenantFaq: string;
let coraTicket: number;

const POLL = { timeout: 20_000, interval: 100 };
const month = () => new Date().toISOString().slice(0, 7);

interface Suggestion {
  kind: string;
  id: string;
  number?: number;
  title: string;
  snippet: string;
}

async function suggest(who: UserClient, text: string): Promise<Suggestion[]> {
  const r = await who.post('/api/v1/search/suggestions', { text });
  expect(r.status, r.text).toBe(200);
  return r.json.items;
}

async function faq(who: UserClient, question: string, answer: string): Promise<string> {
  const r = await who.post('/api/v1/faqs', { question, answer });
  expect(r.status, r.text).toBe(201);
  return r.json.id;
}

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('deflect-a'), newTenant('deflect-b', 'de')]);
  [agent, cora, nils, bea] = await Promise.all([
    newStaff(a, 'agent', 'Arne Agent'),
    newCustomer(a, 'Cora Customer'),
    newCustomer(a, 'Nils Neighbour'),
    newCustomer(b, 'Bea Kundin'),
  ]);
  printerFaq = await faq(agent.client, 'Der Drucker druckt nicht', '<p>Schalten Sie den Drucker aus und wieder ein. <b>Printer</b>: switch it off and on.</p>');
  passwordFaq = await faq(agent.client, 'Passwort vergessen', '<p>Setzen Sie Ihr Passwort über „Passwort vergessen“ auf der Anmeldeseite zurück.</p>');
  otherTenantFaq = await faq(b.admin, 'Drucker streikt bei B', '<p>Nur für Tenant B.</p>');
  const r = await cora.client.post('/api/v1/tickets', { subject: 'Drucker Papierstau Etage 3', description: 'Der Drucker hat einen Papierstau' });
  expect(r.status, r.text).toBe(201);
  coraTicket = r.json.ticket.number;
  // the index follows the stream: wait until both FAQs of A and B's are findable
  await vi.waitFor(
    async () => expect((await suggest(cora.client, 'Drucker Passwort')).map((s) => s.id).sort()).toEqual([passwordFaq, printerFaq].sort()),
    POLL,
  );
  await vi.waitFor(async () => expect((await suggest(bea.client, 'Drucker')).map((s) => s.id)).toEqual([otherTenantFaq]), POLL);
});

describe('answers suggested while a customer types', () => {
  it('the request as typed finds the matching FAQ entry of the own tenant, never a ticket or another tenant’s entry', async () => {
    const items = await suggest(cora.client, 'Unser Drucker im Büro druckt seit gestern nicht mehr');
    expect(items.map((s) => s.id)).toEqual([printerFaq]);
    expect(items[0]).toMatchObject({ kind: 'faq', title: 'Der Drucker druckt nicht' });
    expect(items[0]!.snippet).toContain('\uE000');
    expect(JSON.stringify(items)).not.toContain('Papierstau');
    expect(items.every((s) => s.number === undefined)).toBe(true);
  });

  it('one matching word is enough; an answer matching more of the words comes first', async () => {
    const items = await suggest(cora.client, 'Drucker: Passwort vergessen');
    expect(items.map((s) => s.id)).toEqual([passwordFaq, printerFaq]);
  });

  it('the same words find only the second tenant’s own entry there; staff get suggestions too', async () => {
    expect((await suggest(bea.client, 'Mein Drucker druckt nicht')).map((s) => s.id)).toEqual([otherTenantFaq]);
    expect((await suggest(b.admin, 'Drucker druckt nicht')).map((s) => s.id)).toEqual([otherTenantFaq]);
    expect((await suggest(agent.client, 'printer broken, Drucker')).map((s) => s.id)).toEqual([printerFaq]);
  });

  it('small talk and stop words alone suggest nothing; a word being typed is matched as its start', async () => {
    expect(await suggest(cora.client, 'Hallo, bitte und danke — the and or')).toEqual([]);
    expect(await suggest(cora.client, '')).toEqual([]);
    expect((await suggest(cora.client, 'Ich habe mein Passw')).map((s) => s.id)).toEqual([passwordFaq]);
  });

  it('a text beyond the limit is a clear 400', async () => {
    const r = await cora.client.post('/api/v1/search/suggestions', { text: 'x'.repeat(40_001) });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('validation_failed');
  });
});

describe('"this solved it"', () => {
  it('records one deflection per click, counted for the customer’s tenant only, and opens nothing', async () => {
    const before = { a: await deflectionsInMonth(a.id, month()), b: await deflectionsInMonth(b.id, month()) };
    const tickets = (await cora.client.get('/api/v1/tickets')).json.items.length;

    const first = await cora.client.post('/api/v1/search/deflections', { kind: 'faq', id: printerFaq, text: 'Unser Drucker druckt nicht' });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ recorded: true });
    expect(await deflectionsInMonth(a.id, month())).toBe(before.a + 1);

    // a second click on the same answer (double click, retried request) counts once
    expect((await cora.client.post('/api/v1/search/deflections', { kind: 'faq', id: printerFaq })).json).toEqual({ recorded: false });
    // another answer, another customer: each counts
    expect((await cora.client.post('/api/v1/search/deflections', { kind: 'faq', id: passwordFaq })).json).toEqual({ recorded: true });
    expect((await nils.client.post('/api/v1/search/deflections', { kind: 'faq', id: printerFaq })).json).toEqual({ recorded: true });
    expect(await deflectionsInMonth(a.id, month())).toBe(before.a + 3);
    expect(await deflectionsInMonth(b.id, month())).toBe(before.b);

    expect((await bea.client.post('/api/v1/search/deflections', { kind: 'faq', id: otherTenantFaq })).json).toEqual({ recorded: true });
    expect(await deflectionsInMonth(b.id, month())).toBe(before.b + 1);
    expect(await deflectionsInMonth(a.id, month())).toBe(before.a + 3);

    expect((await cora.client.get('/api/v1/tickets')).json.items).toHaveLength(tickets);
  });

  it('is the customer’s word: staff are refused, a bad kind or id is a clear 400', async () => {
    expect((await agent.client.post('/api/v1/search/deflections', { kind: 'faq', id: printerFaq })).status).toBe(403);
    for (const body of [{ kind: 'ticket', id: String(coraTicket) }, { kind: 'faq', id: '../x' }, { kind: 'faq' }]) {
      const r = await cora.client.post('/api/v1/search/deflections', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.code).toBe('validation_failed');
    }
  });
});

describe('Ticket Management’s text search over every ticket', () => {
  it('staff find a ticket by a word of its description, as a row of the list', async () => {
    await expect
      .poll(async () => (await agent.client.get('/api/v1/search/tickets?q=Papierstau')).json.items?.map((x: { number: number }) => x.number), POLL)
      .toEqual([coraTicket]);
    const r = await agent.client.get('/api/v1/search/tickets?q=Papierstau');
    expect(r.json.items[0]).toMatchObject({ number: coraTicket, subject: 'Drucker Papierstau Etage 3', requesterName: 'Cora Customer', status: 'new' });
  });

  it('another tenant’s staff find nothing of it, customers may not use it, an empty text is a 400', async () => {
    expect((await b.admin.get('/api/v1/search/tickets?q=Papierstau')).json.items).toEqual([]);
    expect((await cora.client.get('/api/v1/search/tickets?q=Papierstau')).status).toBe(403);
    expect((await agent.client.get('/api/v1/search/tickets?q=')).status).toBe(400);
    expect((await agent.client.get('/api/v1/search/tickets?q=x&cursor=abc')).status).toBe(400);
  });
});
