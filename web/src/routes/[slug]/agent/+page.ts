import { early } from '#lib/session.ts';
import { loadTicketPage } from '#lib/tickets.ts';
import { withSla } from '#lib/components/sla/ticket/list.ts';
import { loadCounts, overviewFilter, tabsFor, WORK_TABS, workListPath, type WorkTab } from '#lib/workflow.ts';
import type { PageLoad } from './$types';

/**
 * One work list per tab, in the server's order (its first page; the table loads more), and the
 * counts of every tab the caller's role has. `depends` lets the page's poll refresh both.
 * The counts are streamed (a promise, not awaited): the list does not wait for their queries.
 */
export const load: PageLoad = async ({ parent, url, fetch, depends }) => {
  depends('app:worklist');
  const asked = url.searchParams.get('tab');
  let tab: WorkTab = (WORK_TABS as readonly string[]).includes(asked ?? '') ? (asked as WorkTab) : 'new';
  const filter = overviewFilter(url);
  let source = withSla(workListPath(tab, url, filter), url);
  // asked for beside the staff check (agent/+layout.ts), used only once it passed
  const first = early(() => loadTicketPage(source, undefined, fetch, true));
  const counts = early(() => loadCounts(fetch));
  const { me } = await parent();
  const tabs = tabsFor(me.user.role);
  let list;
  const coordinator = tabs.includes('to_accept');
  if (!tabs.includes(tab) || (tab === 'all' && !coordinator)) {
    // a coordinator's list asked for by an agent: their first list instead; an agent's "all" has no overview filters
    if (!tabs.includes(tab)) tab = 'new';
    source = withSla(workListPath(tab, url, coordinator ? filter : undefined), url);
    list = await loadTicketPage(source, undefined, fetch);
  } else list = await (first ?? loadTicketPage(source, undefined, fetch));
  // the counts are a help, not the page: the tabs show them when they come, no numbers without them
  const tabCounts = (counts ?? loadCounts(fetch)).catch(() => ({}));
  return { tab, tabs, filter, counts: tabCounts, coordinator, tickets: list.items, nextCursor: list.nextCursor, source };
};
