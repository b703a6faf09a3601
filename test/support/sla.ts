/**
 * SLA policies written straight into the table, for suites that need one before (or without)
 * the policies API (that API is the configuration part's, specified in test/api/sla-config.test.ts);
 * and the set-up the re-targeting suites share: two tenants with an urgent policy made through it.
 */
import { createPolicyItem, getSlaItems, HeadMoved, type PolicyItem } from '../../shared/db/sla.ts';
import { expect } from 'vitest';
import { newId, nowIso } from '../../shared/ids.ts';
import { newTenant, type TestTenant } from './tenants.ts';

export type PolicyFields = Pick<PolicyItem, 'name' | 'match' | 'escalation'> & Partial<Pick<PolicyItem, 'targets' | 'warnAtPercent' | 'calendarId'>>;

/** A policy (last in the order) on the 24x7 calendar warning at 50 %, one-minute targets unless given; returns its id. */
export async function putPolicy(tenantId: string, p: PolicyFields): Promise<string> {
  const policyId = newId();
  const at = nowIso();
  for (;;) {
    const { head } = await getSlaItems(tenantId);
    try {
      await createPolicyItem(
        tenantId,
        {
          kind: 'slaPolicy',
          policyId,
          calendarId: '24x7',
          warnAtPercent: 50,
          targets: { firstResponseMinutes: 1, resolutionMinutes: 600 },
          ...p,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
        { ...head, policyIds: [...head.policyIds, policyId] },
      );
      return policyId;
    } catch (err) {
      if (!(err instanceof HeadMoved)) throw err; // another policy was added at the same moment: again
    }
  }
}

/** Two tenants (`{label}-a`, `{label}-b`), each with the policy "Urgent" made through the API (urgent tickets: first response 60 min, resolution 600, warning at 80 %); `policy` is the first's. */
export async function tenantsWithUrgentPolicy(label: string): Promise<{ a: TestTenant; b: TestTenant; policy: { id: string; version: number } }> {
  const [a, b] = await Promise.all([newTenant(`${label}-a`), newTenant(`${label}-b`)]);
  let policy: { id: string; version: number } | undefined;
  for (const t of [a, b]) {
    const r = await t.admin.post('/api/v1/sla-policies', {
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      calendarId: '24x7',
      targets: { firstResponseMinutes: 60, resolutionMinutes: 600 },
      warnAtPercent: 80,
    });
    expect(r.status, r.text).toBe(201);
    policy ??= r.json;
  }
  return { a, b, policy: policy! };
}

/** A request "Printer offline" opened by `c` (urgent unless given); its number. */
export async function openTicket(c: { client: TestTenant['admin'] }, priority = 'urgent'): Promise<number> {
  const r = await c.client.post('/api/v1/tickets', { subject: 'Printer offline', description: 'Since this morning.', priority });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number;
}

/** Wait until `check` holds of `read()` (re-targeting runs from the change stream, after the admin's write); nothing asserts how fast. */
export async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const v = await read();
    if (check(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
