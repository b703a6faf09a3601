import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { early } from '#lib/session.ts';
import { loadTicketPage, ticketListPath } from '#lib/tickets.ts';
import type { PageLoad } from './$types';

/** Signed out: the sign-in form. A customer: "My requests" (its first page). Staff: their workspace. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const source = ticketListPath('mine', url);
  // the table's code only for this list, not on the sign-in page; fetched alongside the tickets,
  // and beside the portal and `me` when a session may exist
  const list = () => Promise.all([loadTicketPage(source, undefined, fetch, true), import('#lib/components/TicketTable.svelte')]);
  const started = early(list);
  const { me, slug } = await parent();
  if (!me) return { tickets: null };
  if (me.user.role !== 'customer') redirect(307, resolve('/[slug]/agent', { slug }));
  const [page, table] = await (started ?? list());
  return { tickets: page.items, nextCursor: page.nextCursor, source, TicketTable: table.default };
};
