/**
 * Who a part or a task can be given to: the tenant's staff (agents, coordinators, admins) and
 * its teams. Teams come from the teams API; before it exists (or on failure) the list is empty.
 */
import { api } from '../../api.ts';
import { lang } from '../../state.svelte.ts';
import type { User } from '../../types.ts';

export interface Choice {
  value: string;
  label: string;
}

/** Every staff member as a choice, by name. */
export async function staffChoices(): Promise<Choice[]> {
  const pages = await Promise.all(
    (['agent', 'coordinator', 'admin'] as const).map((role) => api<{ items: User[] }>(`/users?role=${role}&limit=100`).catch(() => ({ items: [] as User[] }))),
  );
  return pages
    .flatMap((p) => p.items)
    .map((u) => ({ value: u.id, label: u.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Every team as a choice, named in the current language. */
export async function teamChoices(): Promise<Choice[]> {
  try {
    const r = await api<{ items: { id: string; name: { de: string; en: string } }[] }>('/teams');
    return r.items.map((x) => ({ value: x.id, label: x.name[lang()] || x.name.en || x.name.de }));
  } catch {
    return [];
  }
}
