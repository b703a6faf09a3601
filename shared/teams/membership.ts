/** Who belongs to which support team (T4): what the workflow asks before "take" and for "my teams". */
import type { TeamItem } from '../db/items.ts';
import { listTeamItems } from '../db/store.ts';

/** The ids of the teams among `teams` that a user is a member of. */
export const teamIdsIn = (teams: readonly TeamItem[], userId: string): string[] => teams.filter((t) => t.memberIds.includes(userId)).map((t) => t.teamId);

/** The ids of the teams a user is a member of (one read of the tenant's teams). */
export async function teamIdsOf(tenantId: string, userId: string): Promise<string[]> {
  return teamIdsIn(await listTeamItems(tenantId), userId);
}
