/** What the teams and routing pages read: the tenant's staff (every page) and its teams. */
import { STAFF_ROLES } from '#shared/auth/constants.ts';
import type { Team } from '#shared/teams/schemas.ts';
import { api } from '#lib/api.ts';
import type { Language, User } from '#lib/types.ts';

/** Every confirmed staff member, by name (a staff is small; nothing is silently left out). */
export async function loadStaff(): Promise<User[]> {
  const all: User[] = [];
  for (const role of STAFF_ROLES) {
    let cursor: string | undefined;
    do {
      const page = await api<{ items: User[]; nextCursor?: string }>(`/users?role=${role}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/** The tenant's teams, oldest first (`withDeleted`: deleted ones too, marked `deleted`, for names). */
export async function loadTeams(withDeleted = false): Promise<Team[]> {
  return (await api<{ items: Team[] }>(withDeleted ? '/teams?deleted=include' : '/teams')).items;
}

/** A team's name in the reader's language (the other one if that is empty). */
export const teamName = (team: Pick<Team, 'name'>, lang: Language) => team.name[lang] || team.name.de || team.name.en;
