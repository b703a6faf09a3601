import { TABS, type Tab } from '#lib/tabs.ts';
import { early } from '#lib/session.ts';
import { loadTicketPage, ticketListPath } from '#lib/tickets.ts';
import type { PageLoad } from './$types';

/** One work list per tab, in the server's order: priority, then age (its first page; the table loads more). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  const asked = url.searchParams.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'new';
  const source = ticketListPath(tab, url);
  // asked for beside the staff check (agent/+layout.ts), used only once it passed
  const first = early(() => loadTicketPage(source, undefined, fetch, true));
  await parent();
  const list = await (first ?? loadTicketPage(source, undefined, fetch));
  return { tab, tickets: list.items, nextCursor: list.nextCursor, source };
};
