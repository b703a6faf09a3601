/** The `teams` area: support teams and the routing rules for new tickets. */
import { createTeam, listTeams, updateTeam } from '../../shared/teams/teams.ts';
import { getRouting, updateRouting } from '../../shared/teams/routing.ts';
import { deleteTeam } from '../../shared/teams/delete.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('teams', {
  listTeams: async ({ actor, query }) => ({ body: await listTeams(actor, query) }),
  createTeam: async ({ actor, body }) => ({ body: await createTeam(actor, body) }),
  updateTeam: async ({ actor, params, body }) => ({ body: await updateTeam(actor, params.id, body) }),
  getRouting: async ({ actor }) => ({ body: await getRouting(actor) }),
  updateRouting: async ({ actor, body }) => ({ body: await updateRouting(actor, body) }),
  deleteTeam: async ({ actor, params, query }) => ({ body: await deleteTeam(actor, params.id, query) }),
});
