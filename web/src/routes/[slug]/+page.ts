import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { api } from '../../lib/api.ts';
import type { TicketSummary } from '../../lib/types.ts';
import type { PageLoad } from './$types';

/** Signed out: the sign-in form. A customer: "My requests". Staff: their workspace. */
export const load: PageLoad = async ({ parent, fetch }) => {
  const { me, slug } = await parent();
  if (!me) return { tickets: null };
  if (me.user.role !== 'customer') redirect(307, resolve('/[slug]/agent', { slug }));
  // the table's code only for this list, not on the sign-in page; fetched alongside the tickets
  const [list, table] = await Promise.all([
    api<{ items: TicketSummary[] }>('/tickets?view=mine', { fetch }),
    import('../../lib/components/TicketTable.svelte'),
  ]);
  return { tickets: list.items, TicketTable: table.default };
};
