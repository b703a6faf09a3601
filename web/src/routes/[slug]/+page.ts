import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { loadTicketPage, ticketListPath } from '../../lib/tickets.ts';
import type { PageLoad } from './$types';

/** Signed out: the sign-in form. A customer: "My requests" (its first page). Staff: their workspace. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const { me, slug } = await parent();
  if (!me) return { tickets: null };
  if (me.user.role !== 'customer') redirect(307, resolve('/[slug]/agent', { slug }));
  const source = ticketListPath('mine', url);
  // the table's code only for this list, not on the sign-in page; fetched alongside the tickets
  const [list, table] = await Promise.all([loadTicketPage(source, undefined, fetch), import('../../lib/components/TicketTable.svelte')]);
  return { tickets: list.items, nextCursor: list.nextCursor, source, TicketTable: table.default };
};
