/**
 * SLA policies written straight into the table, for suites that need one before (or without)
 * the policies API (that API is the configuration part's, specified in test/api/sla-config.test.ts).
 */
import { createPolicyItem, getSlaItems, HeadMoved, type PolicyItem } from '../../shared/db/sla.ts';
import { newId, nowIso } from '../../shared/ids.ts';

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
