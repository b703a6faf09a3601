/**
 * Search through the API (issue 9, Q5): a ticket becomes findable once the change stream has
 * delivered it to the indexer (polled, never slept for), by its words in German or English
 * forms, by requester and number; staff find every ticket and internal note, a customer only
 * their own tickets and never a note, another tenant nothing; a merged ticket is found no more;
 * filters and pages behave; bad input is a clear 400.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;
let coraTicket: number;

const POLL = { timeout: 20_000, interval: 100 };

async function search(who: UserClient, query: string) {
  const r = await who.get(`/api/v1/search?${query}`);
  expect(r.status, r.text).toBe(200);
  return r.json as { items: { kind: string; number?: number; title: string; snippet: string; score: number }[]; nextCursor?: string };
}

/** Ticket numbers a search finds, once the index has caught up with `expected` (polled). */
async function numbersOnceFound(who: UserClient, q: string, expected: number) {
  await expect.poll(async () => (await search(who, `q=${encodeURIComponent(q)}`)).items.map((i) => i.number), POLL).toContain(expected);
  return (await search(who, `q=${encodeURIComponent(q)}`)).items.map((i) => i.number);
}

const numbers = async (who: UserClient, q: string) => (await search(who, `q=${encodeURIComponent(q)}`)).items.map((i) => i.number);

async function open(who: UserClient, subject: string, description: string): Promise<number> {
  const r = await who.post('/api/v1/tickets', { subject, description });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number;
}

beforeAll(async () => {
  t = await newTenant('search');
  other = await newTenant('search-other');
  coordinator = await newStaff(t, 'coordinator', 'Cleo Coordinator');
  cora = await newCustomer(t, 'Cora Kundin');
  nils = await newCustomer(t, 'Nils Neighbour');
  coraTicket = await open(cora.client, 'Störung am Netzwerkdrucker im zweiten Stock', 'Der Drucker zieht kein Papier ein.');
  // Tenant B has a ticket of the same words and the same number.
  await open(other.admin, 'Störung am Netzwerkdrucker im Keller', 'Auch hier kein Papier.');
});

describe('a new ticket', () => {
  it('is found by staff once the stream delivered it: folded umlauts, stems, compound parts, number and requester', async () => {
    expect(await numbersOnceFound(coordinator.client, 'Stoerung ', coraTicket)).toEqual([coraTicket]);
    expect(await numbers(coordinator.client, 'drucker papiers ')).toEqual([coraTicket]);
    expect(await numbers(coordinator.client, `${coraTicket} `)).toContain(coraTicket);
    expect(await numbers(coordinator.client, 'Kundin ')).toEqual([coraTicket]);
    // while typing: the last word is a prefix
    expect(await numbers(coordinator.client, 'Netzwerkdr')).toEqual([coraTicket]);
  });

  it('shows its subject as title and marks the matching words of its snippet', async () => {
    const [hit] = (await search(coordinator.client, 'q=Papier+')).items;
    expect(hit).toMatchObject({ kind: 'ticket', number: coraTicket, title: 'Störung am Netzwerkdrucker im zweiten Stock' });
    expect(hit!.snippet).toContain('\uE000Papier\uE001');
    expect(hit!.score).toBeGreaterThan(0);
  });

  it('is found by its requester, not by another customer of the tenant, nor by another tenant', async () => {
    expect(await numbersOnceFound(cora.client, 'Netzwerkdrucker ', coraTicket)).toEqual([coraTicket]);
    expect(await numbers(nils.client, 'Netzwerkdrucker ')).toEqual([]);
    const theirs = await search(other.admin, 'q=zweiten+Stock+');
    expect(theirs.items).toEqual([]);
  });
});

describe('messages and notes', () => {
  it('an answer is found by staff and the requester; an internal note by staff only', async () => {
    const n = await open(cora.client, 'VPN bricht ab', 'Seit gestern trennt sich die Verbindung.');
    expect(
      (await coordinator.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Bitte installieren Sie den Client neu (Zertifikat abgelaufen).' })).status,
    ).toBe(201);
    expect((await coordinator.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Geheimtipp: Firewall-Regel 4711 prüfen', internal: true })).status).toBe(
      201,
    );
    expect(await numbersOnceFound(coordinator.client, 'Firewall ', n)).toEqual([n]);
    expect(await numbersOnceFound(cora.client, 'Zertifikat ', n)).toEqual([n]);
    expect(await numbers(cora.client, 'Firewall ')).toEqual([]);
    expect(await numbers(nils.client, 'Zertifikat ')).toEqual([]);
    // one hit per ticket, however many of its rows match
    expect(await numbers(coordinator.client, 'VPN Verbindung ')).toEqual([n]);
  });
});

it('a ticket merged into another is found no more; the target is', async () => {
  const first = await open(cora.client, 'Scanner speichert nicht', 'Scans landen nirgends.');
  const dup = await open(cora.client, 'Scanner speichert nichts', 'Scanordner bleibt leer.');
  await numbersOnceFound(coordinator.client, 'Scanordner ', dup);
  const version = (await coordinator.client.get(`/api/v1/tickets/${dup}`)).json.ticket.version;
  const m = await coordinator.client.post(`/api/v1/tickets/${dup}/merge`, { into: first, version });
  expect(m.status, m.text).toBe(200);
  await expect.poll(async () => numbers(coordinator.client, 'Scanner '), POLL).toEqual([first]);
});

describe('filters, pages and input', () => {
  it('kinds filter (repeated or comma list) and pages with a cursor', async () => {
    const subjects = ['Tastatur A defekt', 'Tastatur B defekt', 'Tastatur C defekt'];
    const made: number[] = [];
    for (const s of subjects) made.push(await open(cora.client, s, 'Tasten klemmen.'));
    await expect.poll(async () => (await numbers(coordinator.client, 'Tastatur ')).length, POLL).toBe(3);
    expect((await search(coordinator.client, 'q=Tastatur+&kinds=faq')).items).toEqual([]);
    expect((await search(coordinator.client, 'q=Tastatur+&kinds=faq,ticket')).items).toHaveLength(3);
    expect((await search(coordinator.client, 'q=Tastatur+&kinds=faq&kinds=ticket')).items).toHaveLength(3);
    const page1 = await search(coordinator.client, 'q=Tastatur+&limit=2');
    expect(page1.items).toHaveLength(2);
    const page2 = await search(coordinator.client, `q=Tastatur+&limit=2&cursor=${page1.nextCursor}`);
    expect(page2.nextCursor).toBeUndefined();
    expect([...page1.items, ...page2.items].map((i) => i.number).sort()).toEqual([...made].sort());
  });

  it('refuses an empty query, an unknown kind and a bad cursor with 400 and a code', async () => {
    for (const query of ['q=', 'q=x&kinds=wiki', 'q=x&cursor=abc', 'q=x&limit=0']) {
      const r = await coordinator.client.get(`/api/v1/search?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.json.code).toBeTruthy();
    }
  });

  it('refuses anybody not signed in', async () => {
    const anonymous = (await import('../support/api.ts')).apiClient().as('nobody');
    expect((await anonymous.get('/api/v1/search?q=Drucker')).status).toBe(401);
  });
});
