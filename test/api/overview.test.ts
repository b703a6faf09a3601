/**
 * The coordinator's overview through the API (issue 6, V4): all tickets or one team's, current
 * ones, closed ones or both, one stage. Every filter is part of the indexed query, so a page is
 * full unless the list ends, and paging through a filtered list yields exactly that list. The
 * tabs' counts follow the moves and stop at 100. A second tenant and a second customer see
 * nothing of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nextTicketNumber, putNewTicket } from '../../shared/db/store.ts';
import type { UserClient } from '../support/api.ts';
import { putTeam } from '../support/teams.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Staff = Awaited<ReturnType<typeof newStaff>>;
type Customer = Awaited<ReturnType<typeof newCustomer>>;
const numbers = (r: { json: { items: { number: number }[] } }) => r.json.items.map((x) => x.number);

let t: TestTenant;
let other: TestTenant;
let klara: Staff;
let ben: Staff;
let kim: Staff;
let otherCoordinator: Staff;
let anna: Customer;
let cora: Customer;
let hardware: string;
let billing: string;
/** The tickets by what was done with them. */
const n = {} as Record<'untouched' | 'clarifying' | 'toTeam' | 'taken' | 'toKim' | 'closedBilling' | 'closedHardware', number>;

const list = (c: UserClient, query: Record<string, string>) => c.get('/api/v1/tickets', { query });
const ok = async (p: Promise<{ status: number; text: string }>) => {
  const r = await p;
  expect(r.status, r.text).toBeLessThan(300);
};

beforeAll(async () => {
  [t, other] = await Promise.all([newTenant('ov'), newTenant('ov-other')]);
  [klara, ben, kim, anna, cora, otherCoordinator] = await Promise.all([
    newStaff(t, 'coordinator', 'Klara Koordinator'),
    newStaff(t, 'agent', 'Ben Bearbeiter'),
    newStaff(t, 'agent', 'Kim Kollegin'),
    newCustomer(t, 'Anna Kunde'),
    newCustomer(t, 'Cora Curious'),
    newStaff(other, 'coordinator', 'Olga Other'),
  ]);
  [hardware, billing] = await Promise.all([
    putTeam(t.id, { de: 'Hardware', en: 'Hardware' }, [ben.id]),
    putTeam(t.id, { de: 'Buchhaltung', en: 'Billing' }, [kim.id]),
  ]);
  const request = async (subject: string) => (await anna.client.post('/api/v1/tickets', { subject, description: 'Details.' })).json.ticket.number as number;
  for (const k of Object.keys({ untouched: 0, clarifying: 0, toTeam: 0, taken: 0, toKim: 0, closedBilling: 0, closedHardware: 0 }) as (keyof typeof n)[])
    n[k] = await request(k);
  for (const k of ['clarifying', 'toTeam', 'taken', 'toKim', 'closedBilling', 'closedHardware'] as const)
    await ok(klara.client.post(`/api/v1/tickets/${n[k]}/accept`, {}));
  await ok(klara.client.post(`/api/v1/tickets/${n.toTeam}/assign`, { teamId: hardware }));
  await ok(klara.client.post(`/api/v1/tickets/${n.taken}/assign`, { teamId: hardware }));
  await ok(ben.client.post(`/api/v1/tickets/${n.taken}/take`, {}));
  await ok(klara.client.post(`/api/v1/tickets/${n.toKim}/assign`, { assigneeId: kim.id }));
  await ok(klara.client.post(`/api/v1/tickets/${n.closedBilling}/assign`, { teamId: billing }));
  await ok(klara.client.post(`/api/v1/tickets/${n.closedHardware}/assign`, { teamId: hardware }));
  for (const k of ['closedBilling', 'closedHardware'] as const)
    await ok(klara.client.post(`/api/v1/tickets/${n[k]}/close`, { resolution: 'solved', solution: 'Fixed.' }));
  // the other tenant's own request, in the same stage as ours
  await ok(otherCoordinator.client.post('/api/v1/tickets', { subject: 'Elsewhere', description: 'Not theirs.' }));
});

describe('the overview lists by scope, team and stage, in workflow order', () => {
  it('current tickets are every stage but closed, by stage; closed ones on their own; both together', async () => {
    expect(numbers(await list(klara.client, { view: 'all', scope: 'current' }))).toEqual([n.untouched, n.clarifying, n.toTeam, n.toKim, n.taken]);
    expect(numbers(await list(klara.client, { view: 'all', scope: 'closed' })).sort()).toEqual([n.closedBilling, n.closedHardware].sort());
    expect(numbers(await list(klara.client, { view: 'all', scope: 'both' }))).toHaveLength(7);
  });

  it('one team: its tickets, taken ones with whoever has them, current or closed', async () => {
    const current = await list(klara.client, { view: 'all', scope: 'current', teamId: hardware });
    expect(numbers(current)).toEqual([n.toTeam, n.taken]);
    expect(current.json.items[1]).toMatchObject({ stage: 'in_progress', assignee: { id: ben.id, name: 'Ben Bearbeiter' } });
    expect(numbers(await list(klara.client, { view: 'all', scope: 'closed', teamId: hardware }))).toEqual([n.closedHardware]);
    expect(numbers(await list(klara.client, { view: 'all', scope: 'closed', teamId: billing }))).toEqual([n.closedBilling]);
  });

  it('one stage, alone or with a team; a stage outside the scope lists nothing', async () => {
    expect(numbers(await list(klara.client, { view: 'all', stage: 'new' }))).toEqual([n.untouched]);
    expect(numbers(await list(klara.client, { view: 'all', stage: 'assigned' }))).toEqual([n.toTeam, n.toKim]);
    expect(numbers(await list(klara.client, { view: 'all', stage: 'assigned', teamId: hardware }))).toEqual([n.toTeam]);
    expect(numbers(await list(klara.client, { view: 'all', stage: 'closed', teamId: billing, scope: 'both' }))).toEqual([n.closedBilling]);
    expect(numbers(await list(klara.client, { view: 'all', stage: 'closed', scope: 'current' }))).toEqual([]);
  });

  it('pages of a filtered list are full until the list ends, and together are the list', async () => {
    const whole = numbers(await list(klara.client, { view: 'all', scope: 'current' }));
    const seen: number[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const r = await list(klara.client, { view: 'all', scope: 'current', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(r.status, r.text).toBe(200);
      sizes.push(r.json.items.length);
      seen.push(...numbers(r));
      cursor = r.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);
    expect(sizes.slice(0, -1).every((s) => s === 2)).toBe(true);
    expect(sizes.slice(0, 2)).toEqual([2, 2]);
  });

  it('a number is looked up within the filters', async () => {
    expect(numbers(await list(klara.client, { view: 'all', scope: 'current', number: String(n.closedHardware) }))).toEqual([]);
    expect(numbers(await list(klara.client, { view: 'all', scope: 'closed', number: String(n.closedHardware) }))).toEqual([n.closedHardware]);
    expect(numbers(await list(klara.client, { view: 'all', scope: 'closed', teamId: billing, number: String(n.closedHardware) }))).toEqual([]);
  });

  it('a person’s open work is its own list; with a team, stage or scope, or the overview’s filters on another view, the request is refused naming the field', async () => {
    expect(numbers(await list(klara.client, { assigneeId: kim.id }))).toEqual([n.toKim]);
    for (const [query, path] of [
      [{ assigneeId: kim.id, stage: 'assigned' }, 'stage'],
      [{ assigneeId: kim.id, teamId: hardware }, 'teamId'],
      [{ view: 'new', scope: 'closed' }, 'scope'],
    ] as const) {
      const r = await list(klara.client, query);
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.json).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path })] });
    }
  });
});

describe('nobody else sees it', () => {
  it('a second tenant’s coordinator, asking for our team and stages, gets their own tickets only', async () => {
    expect(numbers(await list(otherCoordinator.client, { view: 'all', teamId: hardware, scope: 'both' }))).toEqual([]);
    const theirs = await list(otherCoordinator.client, { view: 'all', stage: 'new' });
    expect(theirs.json.items.map((x: { subject: string }) => x.subject)).toEqual(['Elsewhere']);
  });

  it('customers get their own requests whatever they filter by: the second customer none of the first’s', async () => {
    const queries: Record<string, string>[] = [{ view: 'all', scope: 'both' }, { teamId: hardware }, { stage: 'closed', scope: 'closed' }];
    for (const query of queries) {
      expect(numbers(await list(cora.client, query))).toEqual([]);
      expect(numbers(await list(anna.client, query))).toHaveLength(7);
    }
  });
});

describe('the counts on the tabs', () => {
  const counts = async (c: UserClient) => (await c.get('/api/v1/tickets/counts')).json as { counts: Record<string, number>; atLeast?: string[] };

  it('count what each list holds, and follow a take, an assignment and a close', async () => {
    expect((await counts(klara.client)).counts).toMatchObject({ to_accept: 1, to_assign: 1, new: 6 - 1 });
    expect((await counts(ben.client)).counts).toMatchObject({ mine: 1, my_teams: 1 });
    expect((await counts(kim.client)).counts).toMatchObject({ mine: 1, my_teams: 0 });
    await ok(ben.client.post(`/api/v1/tickets/${n.toTeam}/take`, {}));
    expect((await counts(ben.client)).counts).toMatchObject({ mine: 2, my_teams: 0 });
    await ok(klara.client.post(`/api/v1/tickets/${n.clarifying}/assign`, { assigneeId: kim.id }));
    expect((await counts(klara.client)).counts).toMatchObject({ to_accept: 1, to_assign: 0 });
    expect((await counts(kim.client)).counts).toMatchObject({ mine: 2 });
    await ok(klara.client.post(`/api/v1/tickets/${n.toKim}/close`, { resolution: 'solved', solution: 'Done.' }));
    const kims = await counts(kim.client);
    expect(kims.counts).toMatchObject({ mine: 1 });
    expect(kims.atLeast).toBeUndefined();
    // the second tenant counts its own one request only
    expect((await counts(otherCoordinator.client)).counts).toMatchObject({ to_accept: 1, to_assign: 0, mine: 0 });
    expect((await counts(cora.client)).counts).toEqual({ mine: 0 });
  });

  it('stop at 100: a longer list says it holds at least that many', async () => {
    const busy = await newTenant('ov-busy');
    const coordinator = await newStaff(busy, 'coordinator', 'Bea Busy');
    const at = new Date().toISOString();
    for (let i = 0; i < 105; i += 35)
      await Promise.all(
        Array.from({ length: 35 }, async () =>
          putNewTicket(busy.id, {
            kind: 'ticket',
            number: await nextTicketNumber(busy.id),
            subject: 'Queue filler',
            description: 'Filler.',
            status: 'new',
            priority: 'normal',
            requesterId: coordinator.id,
            requesterName: 'Bea Busy',
            contact: { name: 'Bea Busy' },
            channel: 'api',
            createdBy: coordinator.id,
            createdByName: 'Bea Busy',
            createdAt: at,
            updatedAt: at,
          }),
        ),
      );
    const r = await counts(coordinator.client);
    expect(r.counts).toMatchObject({ new: 100, to_accept: 100, to_assign: 0, mine: 0 });
    expect(r.atLeast?.sort()).toEqual(['new', 'to_accept']);
  });
});
