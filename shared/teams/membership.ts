/** Who belongs to which support team (T4): what the workflow asks before "take" and for "my teams". */
import { listTeamItems } from '../db/store.ts';

/** The ids of the teams a user is a member of. */
export async function teamIdsOf(tenantId: string, userId: string): Promise<string[]> {
  return (await listTeamItems(tenantId)).filter((t) => t.memberIds.includes(userId)).map((t) => t.teamId);
}
