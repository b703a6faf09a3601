/**
 * The SLA side of the workspace's lists (issue 7, point 4): the "due first" order and the
 * "at risk" / "breached" filters. Both live in the page's address (`?sla=at_risk|breached`,
 * `?order=due`), so a filtered list can be bookmarked and shared, and go to the API as
 * `sla=…` and `sort=slaDueAt` (the server orders the whole list, not only the loaded rows).
 * The workflow's own lists (mine, my teams, to accept, …, one team's or person's tickets) come
 * due first anyway: their index key starts with the most urgent clock's target.
 */
export const SLA_FILTERS = ['at_risk', 'breached'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

/** Enough of a URL to read its query (SvelteKit's `page.url` is a read-only one). */
type Address = { readonly search: string; readonly searchParams: Pick<URLSearchParams, 'get'> };

/** The views whose index is ordered due first (the server's `isWorkList`); a team or assignee filter reads such an index too. */
const DUE_FIRST_VIEWS = ['mine', 'my_teams', 'to_accept', 'to_assign', 'parts_answered', 'review', 'pending'];

/** Whether the list at the API path `path` comes due first by itself (the coordinator's overview, `scope`: within each stage). */
export function dueByItself(path: string): boolean {
  const q = new URLSearchParams(path.split('?')[1] ?? '');
  return DUE_FIRST_VIEWS.includes(q.get('view') ?? '') || q.has('teamId') || q.has('assigneeId') || q.has('scope');
}

/** The list's SLA filter and order named in the page's address. */
export function slaListOf(url: Address): { sla?: SlaFilter; due: boolean } {
  const sla = url.searchParams.get('sla');
  return { sla: (SLA_FILTERS as readonly string[]).includes(sla ?? '') ? (sla as SlaFilter) : undefined, due: url.searchParams.get('order') === 'due' };
}

/** A list's API path (`/tickets?view=…`) with the page's SLA filter and order. */
export function withSla(path: string, url: Address): string {
  const { sla, due } = slaListOf(url);
  const [base, query = ''] = path.split('?');
  const q = new URLSearchParams(query);
  if (sla) q.set('sla', sla);
  if (due && !dueByItself(path)) {
    q.set('sort', 'slaDueAt');
    q.set('order', 'asc');
  }
  return `${base}?${q.toString()}`;
}

/** `query` (another filter's new page query) with the SLA filter and order of the page now: applying other filters keeps them. */
export function keepSla(query: string, url: Address): string {
  const { sla, due } = slaListOf(url);
  return slaQuery({ search: `?${query}`, searchParams: new URLSearchParams(query) }, { sla: sla ?? null, due });
}

/** The page's query with the SLA filter or order changed (`null`/`false` removes it); the tab and the other filters stay. */
export function slaQuery(url: Address, change: { sla?: SlaFilter | null; due?: boolean }): string {
  const q = new URLSearchParams(url.search);
  if (change.sla !== undefined) {
    if (change.sla) q.set('sla', change.sla);
    else q.delete('sla');
  }
  if (change.due !== undefined) {
    if (change.due) q.set('order', 'due');
    else q.delete('order');
  }
  return q.toString();
}
