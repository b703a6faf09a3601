import { api } from '#lib/api.ts';
import type { Template } from '#shared/templates/schemas.ts';
import type { PageLoad } from './$types';

/** A team as listTeams names it (the teams area; while it is absent, no team choice is offered). */
interface TeamRow {
  id: string;
  name: { de: string; en: string };
}

/** Every template of the tenant, and the teams a template may be meant for. */
export const load: PageLoad = async ({ parent, fetch, depends }) => {
  depends('app:templates');
  await parent();
  const [templates, teams] = await Promise.all([
    api<{ items: Template[] }>('/templates', { fetch }),
    api<{ items: TeamRow[] }>('/teams', { fetch }).catch(() => ({ items: [] as TeamRow[] })),
  ]);
  return { templates: templates.items, teams: teams.items };
};
