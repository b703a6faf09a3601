/**
 * Access patterns of the SLA records (issue 7, reporting hook): `entities/sla-records.ts`.
 * Rows in `README.md`.
 */
import type { ClockKind } from '../sla/constants.ts';
import { SlaRecordEntity } from './entities/sla-records.ts';
import { on } from './entities/tenant.ts';

/** A clock that stopped: what the statistics read, as stored (minus keys). */
export interface SlaRecordItem {
  kind: 'sla_record';
  month: string;
  number: number;
  clock: ClockKind;
  policyId?: string;
  targetAt: string;
  actualAt: string;
  usedMinutes: number;
  targetMinutes?: number;
  breached: boolean;
}

/** Store a stopped clock; the same stop writes the same item (a replayed change changes nothing). */
export async function putSlaRecord(tenantId: string, r: Omit<SlaRecordItem, 'kind' | 'month'>): Promise<void> {
  await SlaRecordEntity.put({ ...r, month: r.actualAt.slice(0, 7), tenantId }).go({ ...on(tenantId), response: 'none' });
}

/** Every clock of a tenant that stopped in one UTC month (`YYYY-MM`), in the order they stopped: one Query, every page. */
export async function slaRecordsOf(tenantId: string, month: string): Promise<SlaRecordItem[]> {
  const r = await SlaRecordEntity.query.byMonth({ tenantId, month }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map(({ tenantId: _t, ...rest }) => rest as SlaRecordItem);
}
