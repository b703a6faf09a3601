/**
 * A ticket write reads the tenant's SLA configuration for its clocks (`loadSlaConfig`: the SLA
 * partition, the teams, the tenant), and the view it answers with needs the teams and clocks
 * again. Within one request (`withRequestReads`, as every HTTP operation runs) each of those is
 * read once: the spec counts the reads and the read capacity DynamoDB Local reports for the same
 * operations outside a request (before) and inside one (after), next to a second tenant. A
 * request that changes its tenant's SLA configuration sees its own change. The effects of one
 * change share their reads the same way: the acknowledgement's tenant and requester, and the
 * tenant the clocks read beside it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor.ts';
import { db } from '../../shared/db/client.ts';
import { loadSlaConfig } from '../../shared/db/sla.ts';
import { getTicket } from '../../shared/db/store.ts';
import { withRequestReads } from '../../shared/db/request-reads.ts';
import type { Effect } from '../../shared/effects/registry.ts';
import { applyEffects } from '../../shared/effects/run.ts';
import { newId } from '../../shared/ids.ts';
import { mergeTicket } from '../../shared/merge/merge.ts';
import { createSlaPolicy } from '../../shared/sla/config.ts';
import { acknowledgeNewTicket } from '../../shared/tickets/acknowledge.ts';
import { updateTicket } from '../../shared/tickets/tickets.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

interface Read {
  pk: string;
  units: number;
}
let reads: Read[] = [];
const READS = new Set(['GetCommand', 'GetItemCommand', 'QueryCommand', 'BatchGetCommand', 'BatchGetItemCommand']);

/** The reads of `tenantId`'s shared partitions (tenant, teams, SLA; users) and their read units while `fn` runs. */
async function readsOf(tenantId: string, fn: () => Promise<unknown>): Promise<{ tenant: number; teams: number; sla: number; users: number; units: number }> {
  reads = [];
  await fn();
  const of = (pk: string) => reads.filter((r) => r.pk === pk);
  const users = reads.filter((r) => r.pk.startsWith(`${tenantId}#USER#`)).length;
  const mine = [...of(tenantId), ...of(`${tenantId}#TEAMS`), ...of(`${tenantId}#SLA`)];
  return {
    tenant: of(tenantId).length,
    teams: of(`${tenantId}#TEAMS`).length,
    sla: of(`${tenantId}#SLA`).length,
    users,
    units: mine.reduce((a, r) => a + r.units, 0),
  };
}

let t: TestTenant;
let other: TestTenant;
let staff: Actor;
let cora: Awaited<ReturnType<typeof newCustomer>>;
const open = async (subject: string) => {
  const r = await cora.client.post('/api/v1/tickets', { subject, description: 'Printer prints streaks' });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number as number;
};

beforeAll(async () => {
  [t, other] = await Promise.all([newTenant('reads'), newTenant('reads-other')]);
  const clara = await newStaff(t, 'coordinator', 'Clara Coordinator');
  cora = await newCustomer(t, 'Cora Customer');
  staff = { tenantId: t.id, userId: clara.id, role: 'coordinator', name: 'Clara Coordinator', email: clara.email };
  for (const tenant of [t, other]) expect((await tenant.admin.post('/api/v1/teams', { name: { de: 'Technik', en: 'Engineering' } })).status).toBe(201);
  const client = db(t.id);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!READS.has(context.commandName ?? '')) return next(args);
      const input = args.input as { Key?: { pk?: string }; ExpressionAttributeValues?: Record<string, unknown>; ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const r = await next(args);
      const pk = input.Key?.pk ?? Object.values(input.ExpressionAttributeValues ?? {}).find((v): v is string => typeof v === 'string' && v.startsWith(t.id));
      const units = (r.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0;
      if (pk) reads.push({ pk, units });
      return r;
    },
    { step: 'initialize', name: 'countReads' },
  );
}, 60_000);

describe('the reads a ticket write shares within one request', () => {
  it('a change of priority reads the SLA partition, the teams and the tenant once each (the teams twice outside a request)', async () => {
    const [first, second] = [await open('First'), await open('Second')];
    const before = await readsOf(t.id, () => updateTicket(staff, first, { priority: 'high' }));
    const after = await readsOf(t.id, () => withRequestReads(() => updateTicket(staff, second, { priority: 'high' })));
    expect(before).toMatchObject({ tenant: 1, teams: 2, sla: 1 });
    expect(after).toMatchObject({ tenant: 1, teams: 1, sla: 1 });
    expect(after.units).toBeLessThan(before.units);
  });

  it('a merge reads them once each instead of twice', async () => {
    const [a, b, c, d] = [await open('Streaks'), await open('Streaks again'), await open('Jams'), await open('Jams again')];
    const into = async (from: number, to: number) => ({ into: to, version: (await getTicket(t.id, from))!.version ?? 0 });
    const [ab, cd] = [await into(b, a), await into(d, c)];
    const before = await readsOf(t.id, () => mergeTicket(staff, b, ab));
    const after = await readsOf(t.id, () => withRequestReads(() => mergeTicket(staff, d, cd)));
    expect(before.sla).toBeGreaterThan(1);
    expect(after).toMatchObject({ tenant: 1, teams: 1, sla: 1 });
    expect(after.units).toBeLessThan(before.units);
  });

  it('a request that changes the SLA configuration reads it anew afterwards; another tenant’s stays its own', async () => {
    const admin: Actor = { ...staff, role: 'admin' };
    await withRequestReads(async () => {
      expect((await loadSlaConfig(t.id)).policies).toEqual([]);
      await createSlaPolicy(admin, {
        name: 'Urgent 24/7',
        match: { priorities: ['urgent'] },
        calendarId: '24x7',
        targets: { firstResponseMinutes: 30, resolutionMinutes: 480 },
        warnAtPercent: 50,
        escalation: [],
      });
      expect((await loadSlaConfig(t.id)).policies.map((p) => p.name)).toEqual(['Urgent 24/7']);
      expect((await loadSlaConfig(other.id)).policies).toEqual([]);
    });
  });

  it('the effects of one new ticket read the tenant and the requester once between them', async () => {
    // the acknowledgement (tenant, requester) and, beside it, an effect reading the SLA configuration as the clocks do
    const clocks: Effect = { name: 'spec-clocks', kinds: ['ticket'], applies: () => true, run: async (c) => void (await loadSlaConfig(c.tenantId)) };
    const effects = [acknowledgeNewTicket, clocks];
    const insertOf = async (n: number) => ({ id: newId(), type: 'insert' as const, tenantId: t.id, kind: 'ticket', new: { ...(await getTicket(t.id, n)) } });
    const [first, second] = [await insertOf(await open('Scanner')), await insertOf(await open('Scanner again'))];
    const before = await readsOf(t.id, () => Promise.all(effects.map((e) => e.run(first))));
    const after = await readsOf(t.id, () => applyEffects(second, { getRemainingTimeInMillis: () => 60_000 }, effects));
    expect(before).toMatchObject({ tenant: 2, users: 1 });
    expect(after).toMatchObject({ tenant: 1, users: 1 });
  });
});
