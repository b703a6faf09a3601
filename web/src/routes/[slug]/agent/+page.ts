import { TABS, type Tab } from '../../../lib/tabs.ts';
import { loadTicketPage, ticketListPath } from '../../../lib/tickets.ts';
import type { PageLoad } from './$types';

/** One work list per tab, in the server's order: priority, then age (its first page; the table loads more). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  // the staff check (agent/+layout.ts) first: signed out or a customer is redirected before any ticket is asked for
  await parent();
  const asked = url.searchParams.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'new';
  const source = ticketListPath(tab, url);
  const list = await loadTicketPage(source, undefined, fetch);
  return { tab, tickets: list.items, nextCursor: list.nextCursor, source };
};
