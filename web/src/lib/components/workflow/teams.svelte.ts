/**
 * The tenant's team names in both languages, loaded once per page visit (GET /teams), so a
 * team shows in the language the page is shown in (the API names it in one language only).
 */
import { t } from '../../i18n.ts';
import { lang } from '../../state.svelte.ts';
import { loadTeams, type TeamOption } from '../../workflow.ts';

let known = $state.raw<TeamOption[]>([]);
let asked: Promise<void> | undefined;

/** Starts loading the teams (once); rows and panels re-render with their names when they arrive. */
export function wantTeamNames(): void {
  asked ??= loadTeams().then((teams) => {
    known = teams;
  });
}

/** A team's name in the page's language; the API's name until the teams are loaded (or for a team unknown here); a deleted team marked so. */
export function teamName(team: { id: string; name: string; deleted?: boolean }): string {
  // A deleted team is in no list any more: the API's name (in the page's language) is all there is.
  if (team.deleted) return t('teams.deletedMark', { name: team.name });
  const found = known.find((x) => x.id === team.id);
  return (found && (found.name[lang()] || found.name.en || found.name.de)) || team.name;
}
