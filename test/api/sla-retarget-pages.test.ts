/**
 * Re-targeting many open tickets after a rule change (issue 7): the sweep goes page by page,
 * one page per effect invocation, each page's progress written to the table and its change
 * running the next page — so no invocation grows with the tenant. Tests make the pages three
 * tickets small (`SLA_RETARGET_PAGE_SIZE`, test/setup/global.ts). A page run again (a crash, a
 * redelivered change) changes nothing twice; an agent's edit that lands between the sweep's
 * read and its write is kept, and the agent sees no conflict. Beside a second tenant, whose
 * tickets no rule change of ours touches, and a second customer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSlaConfig } from '../../shared/db/sla.ts';
import { getRetargetRun, type RetargetRun } from '../../shared/db/sla-retarget.ts';
import { getTicket as getTicketItem } from '../../shared/db/store.ts';
import type { SlaConfig } from '../../shared/sla/engine.ts';
import { retargetNextPage, retargetPage, retargetTicket } from '../../shared/sla/retarget.ts';
import { openTicket as ticket, tenantsWithUrgentPolicy, until } from '../support/sla.ts';
import { newCustomer, newStaff, type TestTenant } from '../support/tenants.ts';

/** What this worker's own calls do between reading a ticket and writing it (the stack's calls are untouched). */
const hooks = vi.hoisted(() => ({ afterRead: undefined as undefined | ((number: number) => Promise<void>), reads: 0 }));
vi.mock('../../shared/db/store.ts', async (importOriginal) => {
  const store = await importOriginal<typeof import('../../shared/db/store.ts')>();
  return {
    ...store,
    getTicketConsistent: async (tenantId: string, number: number) => {
      const t = await store.getTicketConsistent(tenantId, number);
      hooks.reads++;
      await hooks.afterRead?.(number);
      return t;
    },
  };
});

process.env.SLA_RETARGET_PAGE_SIZE ??= '3'; // this worker's own calls page like the stack
const MIN = 60_000;
// The sweep runs from the change stream, a page per round trip: patience on a loaded machine (nothing asserts how fast).
vi.setConfig({ testTimeout: 120_000 });

let a: TestTenant;
let b: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let carl: Awaited<ReturnType<typeof newCustomer>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let olga: Awaited<ReturnType<typeof newCustomer>>;
let policy: { id: string; version: number };

async function setStatus(n: number, status: string) {
  const r = await a.admin.patch(`/api/v1/tickets/${n}`, { status });
  expect(r.status, r.text).toBe(200);
}

const dueAfter = async (tenantId: string, n: number) => {
  const t = (await getTicketItem(tenantId, n))!;
  return (Date.parse(t.slaDueAt!) - Date.parse(t.createdAt)) / MIN;
};

/** The sweep the last rule change started, once it is through every open ticket. */
const sweepAfter = (previous: RetargetRun | undefined) =>
  until(
    () => getRetargetRun(a.id),
    (r) => !!r && r.run !== previous?.run && r.done,
    'the sweep to finish',
  ) as Promise<RetargetRun>;

beforeAll(async () => {
  ({ a, b, policy } = await tenantsWithUrgentPolicy('slapage'));
  [agent, carl, cora, olga] = await Promise.all([
    newStaff(a, 'agent', 'Alma Agent'),
    newCustomer(a, 'Carl Customer'),
    newCustomer(a, 'Cora Customer'),
    newCustomer(b, 'Olga Other'),
  ]);
}, 120_000);

describe('the re-targeting sweep after a rule change', () => {
  let open: number[];

  it('goes through every open ticket page by page (three a page), each page one step of its progress', async () => {
    // Four new, four open, one closed; the other tenant has one too.
    open = [];
    for (let i = 0; i < 8; i++) open.push(await ticket(i % 2 ? carl : cora));
    for (const n of open.slice(4)) await setStatus(n, 'open');
    const closed = await ticket(carl);
    const done = await a.admin.post(`/api/v1/tickets/${closed}/close`, { resolution: 'solved', solution: 'Restarted it.' });
    expect(done.status, done.text).toBe(200);
    const theirs = await ticket(olga);
    const closedBefore = (await getTicketItem(a.id, closed))!;
    for (const n of open) expect(await dueAfter(a.id, n)).toBe(60);
    const previous = await getRetargetRun(a.id); // the sweep the policy's creation started

    const r = await a.admin.patch(`/api/v1/sla-policies/${policy.id}`, {
      targets: { firstResponseMinutes: 15, resolutionMinutes: 600 },
      version: policy.version,
    });
    expect(r.status, r.text).toBe(200);
    policy = r.json;
    const sweep = await sweepAfter(previous);

    // new: 3 + 1; open: 3 + 1; waiting: none (one empty page).
    expect([sweep.step, sweep.done]).toEqual([5, true]);
    // (How many it changed itself depends on the tickets' own writes meanwhile, which re-target them too.)
    for (const n of open) expect(await dueAfter(a.id, n)).toBe(15);
    const closedAfter = (await getTicketItem(a.id, closed))!;
    expect([closedAfter.version, closedAfter.slaDueAt]).toEqual([closedBefore.version, closedBefore.slaDueAt]);
    expect(await dueAfter(b.id, theirs)).toBe(60);
    // The requester still sees no SLA; the other customer not even the ticket.
    expect((await cora.client.get(`/api/v1/tickets/${open[0]}`)).json.ticket.sla).toBeUndefined();
    expect((await carl.client.get(`/api/v1/tickets/${open[0]}`)).status).toBe(404);
  });

  it('does nothing for a change that is no longer its progress (a redelivery after the page was done), and a page run again changes nothing twice', async () => {
    const sweep = (await getRetargetRun(a.id))!;
    const versions = async () => Promise.all(open.map(async (n) => (await getTicketItem(a.id, n))!.version));
    const before = await versions();
    const stale = { ...sweep, step: sweep.step - 1, done: false };
    await retargetNextPage.run({ id: 'redelivered', type: 'modify', tenantId: a.id, kind: 'slaRetarget', new: stale as never, old: stale as never });
    expect(await getRetargetRun(a.id)).toEqual(sweep);
    const again = await retargetPage(a.id, { ...sweep, step: 0, status: 'new', done: false, changed: 0, after: undefined });
    expect(again.changed).toBe(0);
    expect(await versions()).toEqual(before);
  });

  it('a page that crashed mid-way, run again, finishes the rest and re-targets none twice', async () => {
    // Rules as a later change would give them (a 7-minute target), for this worker's calls only.
    const config: SlaConfig = await loadSlaConfig(a.id);
    const later = { ...config, policies: config.policies.map((p) => ({ ...p, targets: { ...p.targets, firstResponseMinutes: 7 } })) };
    const page = open.slice(0, 3);
    const versionOf = async (n: number) => (await getTicketItem(a.id, n))!.version;
    // The first try dies after the first ticket (as a Lambda timing out would).
    let done = 0;
    hooks.afterRead = async () => {
      if (++done === 2) throw new Error('crash');
    };
    let crashed = false;
    for (const n of page) {
      try {
        await retargetTicket(a.id, n, later);
      } catch {
        crashed = true;
        break;
      }
    }
    hooks.afterRead = undefined;
    expect(crashed).toBe(true);
    expect(await dueAfter(a.id, page[0]!)).toBe(7);
    expect(await dueAfter(a.id, page[1]!)).toBe(15);
    const first = await versionOf(page[0]!);
    // The retry goes through the whole page again: the first is already done and stays as it is.
    const changed = [];
    for (const n of page) changed.push(await retargetTicket(a.id, n, later));
    expect(changed).toEqual([false, true, true]);
    expect(await versionOf(page[0]!)).toBe(first);
    for (const n of page) expect(await dueAfter(a.id, n)).toBe(7);
  });

  it('keeps an agent’s edit that lands between its read and its write: it retries on the fresh ticket; the agent sees no conflict', async () => {
    const n = open[3]!;
    const config = await loadSlaConfig(a.id);
    const later = { ...config, policies: config.policies.map((p) => ({ ...p, targets: { ...p.targets, firstResponseMinutes: 9 } })) };
    let agentStatus = 0;
    hooks.reads = 0;
    hooks.afterRead = async () => {
      hooks.afterRead = undefined; // once: the agent edits right after the sweep's first read
      const r = await agent.client.patch(`/api/v1/tickets/${n}`, { category: 'Hardware' });
      agentStatus = r.status;
    };
    expect(await retargetTicket(a.id, n, later)).toBe(true);
    expect(agentStatus).toBe(200);
    expect(hooks.reads).toBe(2); // the write at the version first read lost, and the sweep read again
    const t = (await getTicketItem(a.id, n))!;
    expect(t.category).toBe('Hardware');
    expect(await dueAfter(a.id, n)).toBe(9);
    const history = (await a.admin.get(`/api/v1/tickets/${n}`)).json.history as { type: string; actorName: string; to?: string }[];
    expect(history).toContainEqual(expect.objectContaining({ type: 'category', actorName: 'Alma Agent', to: 'Hardware' }));
  });
});
