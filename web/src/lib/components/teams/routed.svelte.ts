/**
 * The words for a `routed` history entry: "routed it by rule 2 to team Hardware". The event
 * stores ids (`team:{id}`, `user:{id}`); their names are read once per page load, only when
 * such an entry is shown (staff only: customers never get routing entries).
 */
import type { Team } from '#shared/teams/schemas.ts';
import { t } from '#lib/i18n.ts';
import { lang } from '#lib/state.svelte.ts';
import type { HistoryEvent, User } from '#lib/types.ts';
import { loadStaff, loadTeams, teamName } from './load.ts';

const names = $state<{ teams: Team[]; staff: User[] }>({ teams: [], staff: [] });
let requested = false;

function ensureNames() {
  if (requested) return;
  requested = true;
  // A name that cannot be read shows as its id: the entry stays readable either way.
  // deleted teams too: an old ticket's history still names them (issue 6)
  loadTeams(true)
    .then((x) => (names.teams = x))
    .catch(() => {});
  loadStaff()
    .then((x) => (names.staff = x))
    .catch(() => {});
}

/** The history line of a routing decision, in the reader's language. */
export function routedText(e: HistoryEvent): string {
  const [kind, id = ''] = (e.to ?? 'coordinator').split(':');
  let target = t('history.routedCoordinator');
  if (kind === 'team' || kind === 'user') {
    ensureNames();
    if (kind === 'team') {
      const team = names.teams.find((x) => x.id === id);
      const name = team ? teamName(team, lang()) : id;
      target = t('history.routedTeam', { name: team?.deleted ? t('teams.deletedMark', { name }) : name });
    } else target = names.staff.find((u) => u.id === id)?.name ?? id;
  }
  return t('history.routed', { rule: e.from ?? '?', target });
}
