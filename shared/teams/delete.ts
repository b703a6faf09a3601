/**
 * Deleting a support team (issue 6, T4). What a serious helpdesk does with what names the team:
 *  - tickets in its queue that nobody has taken yet (also those parked until a date that go back
 *    to it) → refused, 409 `team_has_tickets` with their `count`: moving them silently would drop
 *    the coordinator's choice and due dates on the floor, and a mass move from an admin's click
 *    writes history nobody asked for; the coordinator reassigns them first (the team overview
 *    lists them), then the team can go;
 *  - tickets someone took, and closed ones → keep their team, shown as "1st level (deleted team)":
 *    the team item stays, marked deleted, only for that name;
 *  - routing rules sending tickets to it → removed in the same write and recorded on the routing
 *    page (which rule, the team's name, when, by whom): a new ticket they would have matched goes
 *    to the coordinator, as for any rule whose team is gone;
 *  - members → gone with it; its name claims → released (a new team may take the name);
 *  - its templates → everybody's (their text is kept; an admin may delete them on the templates page).
 */
import { DomainError, notFound } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { requireRole, type Actor } from '../auth/actor.ts';
import { countUntakenOfTeam, deleteTeamItem, getRoutingItem, getTeamItem } from '../db/teams.ts';
import { listTemplateItems } from '../db/templates.ts';
import { REMOVED_RULES_KEPT } from './constants.ts';
import { DeleteTeamQuery, TeamIdParam, type DeletedTeam } from './schemas.ts';

/** A DynamoDB transaction holds 100 items: the team, two name claims, the routing rules, the templates. */
const MAX_TEAM_TEMPLATES = 96;

/** Delete a team (admins), at the version the admin saw when given; see the module comment for what follows. */
export async function deleteTeam(actor: Actor, rawId: string, raw: DeleteTeamQuery): Promise<DeletedTeam> {
  requireRole(actor, ['admin']);
  const { id } = TeamIdParam.parse({ id: rawId });
  const { version } = DeleteTeamQuery.parse(raw);
  const team = await getTeamItem(actor.tenantId, id);
  if (!team) throw notFound('Team');
  if (version !== undefined && team.version !== version) throw new DomainError('conflict', 'The team was changed meanwhile; reload and try again');
  const count = await countUntakenOfTeam(actor.tenantId, id);
  if (count > 0) {
    throw new DomainError('team_has_tickets', `${count} ticket(s) wait in this team's queue; assign them elsewhere first`, undefined, { count });
  }
  const [routing, templates] = await Promise.all([getRoutingItem(actor.tenantId), listTemplateItems(actor.tenantId)]);
  const at = nowIso();
  const dropped = routing.rules.filter((r) => 'teamId' in r.then && r.then.teamId === id);
  const ofTeam = templates.filter((t) => t.teamId === id);
  if (ofTeam.length > MAX_TEAM_TEMPLATES) throw new DomainError('limit_reached', `The team has more than ${MAX_TEAM_TEMPLATES} templates; delete some first`);
  const removed = dropped.map((rule) => ({ rule, teamName: team.name, at, byName: actor.name }));
  await deleteTeamItem(
    actor.tenantId,
    team,
    at,
    dropped.length > 0
      ? {
          item: {
            ...routing,
            rules: routing.rules.filter((r) => !dropped.includes(r)),
            removed: [...removed, ...(routing.removed ?? [])].slice(0, REMOVED_RULES_KEPT),
          },
          expectedVersion: routing.version,
        }
      : undefined,
    ofTeam,
  );
  return { removedRules: dropped.map((r) => r.id), sharedTemplates: ofTeam.length };
}
