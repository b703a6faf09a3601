/**
 * Support teams (T4): the admin creates them with a name per language and confirmed staff as
 * members; all staff see them (assignment, "my teams"). A name is unique per tenant and
 * language: `createTeamItem`/`updateTeamItem` claim it in the same transaction as the team.
 */
import { DomainError, notFound, type FieldError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { requireRole, type Actor } from '../auth/actor.ts';
import { isStaffRole, STAFF_ROLES } from '../auth/constants.ts';
import { getUser, listTeamItems } from '../db/store.ts';
import { createTeamItem, getTeamItem, listTeamItemsWithDeleted, setTeamMembers, updateTeamItem } from '../db/teams.ts';
import type { TeamItem, UserItem } from '../db/items.ts';
import { CreateTeamInput, ListTeamsQuery, TeamIdParam, UpdateTeamInput, type Team, type TeamList } from './schemas.ts';
import { requireCalendar } from '../sla/config.ts';

/** Confirmed staff of the tenant by id (absent: no such user, a customer, or unconfirmed). */
export async function staffByIds(tenantId: string, ids: readonly string[]): Promise<Map<string, UserItem>> {
  const users = await Promise.all([...new Set(ids)].map((id) => getUser(tenantId, id)));
  return new Map(users.filter((u): u is UserItem => !!u && u.emailVerified && isStaffRole(u.role)).map((u) => [u.userId, u]));
}

/** Refuse member ids that are not confirmed staff of this tenant (`not_staff` per entry). */
async function requireStaff(tenantId: string, ids: readonly string[]): Promise<void> {
  const staff = await staffByIds(tenantId, ids);
  const errors: FieldError[] = ids.flatMap((id, i) =>
    staff.has(id) ? [] : [{ path: `memberIds.${i}`, message: 'not a staff member of this organisation', code: 'not_staff' }],
  );
  if (errors.length > 0) throw new DomainError('validation_failed', 'Members must be staff of this organisation', errors);
}

function toTeam(t: TeamItem, staff: Map<string, UserItem>): Team {
  // Someone who left the staff since is not shown (and `leaveTeams` removes them for good).
  const members = t.memberIds.flatMap((id) => {
    const u = staff.get(id);
    return u ? [{ id, name: u.name }] : [];
  });
  return {
    id: t.teamId,
    name: t.name,
    members,
    ...(t.calendarId ? { calendarId: t.calendarId } : {}),
    version: t.version,
    ...(t.deletedAt ? { deleted: true } : {}),
  };
}

/** Every team of the caller's tenant with its members' names, oldest first (staff); deleted ones too when asked. */
export async function listTeams(actor: Actor, raw: ListTeamsQuery = {}): Promise<TeamList> {
  requireRole(actor, STAFF_ROLES);
  const q = ListTeamsQuery.parse(raw);
  const teams = await (q.deleted === 'include' ? listTeamItemsWithDeleted(actor.tenantId) : listTeamItems(actor.tenantId));
  const staff = await staffByIds(
    actor.tenantId,
    teams.flatMap((t) => t.memberIds),
  );
  const byAge = teams.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.teamId.localeCompare(b.teamId));
  return { items: byAge.map((t) => toTeam(t, staff)) };
}

/** Create a team (admins). */
export async function createTeam(actor: Actor, raw: CreateTeamInput): Promise<Team> {
  requireRole(actor, ['admin']);
  const input = CreateTeamInput.parse(raw);
  await requireStaff(actor.tenantId, input.memberIds);
  if (input.calendarId) await requireCalendar(actor.tenantId, input.calendarId);
  const team: TeamItem = { kind: 'team', teamId: newId(), name: input.name, memberIds: input.memberIds, createdAt: nowIso(), version: 1 };
  if (input.calendarId) team.calendarId = input.calendarId;
  await createTeamItem(actor.tenantId, team);
  return toTeam(team, await staffByIds(actor.tenantId, team.memberIds));
}

/** Rename a team or change its members (admins), only at the version the admin saw. */
export async function updateTeam(actor: Actor, rawId: string, raw: UpdateTeamInput): Promise<Team> {
  requireRole(actor, ['admin']);
  const { id } = TeamIdParam.parse({ id: rawId });
  const input = UpdateTeamInput.parse(raw);
  const before = await getTeamItem(actor.tenantId, id);
  if (!before) throw notFound('Team');
  if (before.version !== input.version) throw new DomainError('conflict', 'The team was changed meanwhile; reload and try again');
  if (input.memberIds) await requireStaff(actor.tenantId, input.memberIds);
  if (input.calendarId) await requireCalendar(actor.tenantId, input.calendarId);
  const after: TeamItem = { ...before, name: input.name ?? before.name, memberIds: input.memberIds ?? before.memberIds, version: before.version + 1 };
  // The team's own calendar (issue 7): `null` clears it, absent keeps it.
  if (input.calendarId === null) delete after.calendarId;
  else if (input.calendarId) after.calendarId = input.calendarId;
  await updateTeamItem(actor.tenantId, before, after, input.version);
  return toTeam(after, await staffByIds(actor.tenantId, after.memberIds));
}

/**
 * Take a user out of every team (they were removed, or are no longer staff). Runs after the
 * account change; a team changed meanwhile is read again, so no concurrent edit is lost.
 */
export async function leaveTeams(tenantId: string, userId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const teams = (await listTeamItems(tenantId)).filter((t) => t.memberIds.includes(userId));
    if (teams.length === 0) return;
    const results = await Promise.allSettled(
      teams.map((t) =>
        setTeamMembers(
          tenantId,
          t,
          t.memberIds.filter((m) => m !== userId),
        ),
      ),
    );
    if (results.every((r) => r.status === 'fulfilled')) return;
  }
  throw new DomainError('conflict', 'The teams kept changing; try again');
}
