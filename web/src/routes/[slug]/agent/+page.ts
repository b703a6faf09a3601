import { api } from '../../../lib/api.ts';
import { TABS, type Tab } from '../../../lib/tabs.ts';
import type { TicketSummary } from '../../../lib/types.ts';
import type { PageLoad } from './$types';

/** One work list per tab, in the server's order: priority, then age. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  // the staff check (agent/+layout.ts) first: signed out or a customer is redirected before any ticket is asked for
  await parent();
  const asked = url.searchParams.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'new';
  const list = await api<{ items: TicketSummary[] }>(`/tickets?view=${tab}`, { fetch });
  return { tab, tickets: list.items };
};
