/**
 * A team written straight into the table, for suites that need one before (or without) the
 * teams API: the entity is the same the teams area writes.
 */
import { newId, nowIso } from '../../shared/ids.ts';
import { TeamEntity } from '../../shared/db/entities/teams.ts';
import { on } from '../../shared/db/entities/tenant.ts';

/** Store a team of `tenantId` with these members; returns its id. */
export async function putTeam(tenantId: string, name: { de: string; en: string }, memberIds: string[]): Promise<string> {
  const teamId = newId();
  await TeamEntity.create({ tenantId, teamId, name, memberIds, createdAt: nowIso(), version: 1 }).go({ ...on(tenantId), response: 'none' });
  return teamId;
}
