/**
 * The web's side of the coordinator/assignee workflow (issue 6): which work lists a role sees,
 * the API path of each (with the overview's filters), and the workflow operations on a ticket.
 * Plain functions, no Svelte: the pages and components call them.
 */
import { api } from './api.ts';
import { t } from './i18n.ts';
import type { Role, TicketDetail, TicketSummary } from './types.ts';
import type { Action, Stage } from '#shared/tickets/constants.ts';

/** A list row as the workflow lists return it (the fields are optional: older servers lack them). */
export type WorkSummary = TicketSummary & {
  stage?: Stage;
  assignee?: { id: string; name: string };
  team?: { id: string; name: string };
  requesterDueDate?: string;
  requestedDueDate?: string;
  coordinatorDueDate?: string;
  parentNumber?: number;
};

/** Every tab of the workspace; each is a `view` of GET /tickets (`all` is the overview, with filters for coordinators). */
export const WORK_TABS = [
  'to_accept',
  'to_assign',
  'parts_answered',
  'review',
  'pending',
  'mine',
  'my_teams',
  'new',
  'customer_waiting',
  'support_waiting',
  'all',
] as const;
export type WorkTab = (typeof WORK_TABS)[number];

/** A tab's name: `all` is the coordinator's overview. */
export const tabLabel = (tab: WorkTab, overview: boolean): string => (tab === 'all' && overview ? t('agent.tab.overview') : t(`agent.tab.${tab}`));

/** Tabs only coordinators (and admins) see: the coordinator's own work. */
export const COORDINATOR_TABS: readonly WorkTab[] = ['to_accept', 'to_assign', 'parts_answered', 'review', 'pending'];

/** Whether a role coordinates (accepts, assigns, reviews). */
export const coordinates = (role: Role): boolean => role === 'coordinator' || role === 'admin';

/** The tabs a role sees, in their order. */
export function tabsFor(role: Role): WorkTab[] {
  return WORK_TABS.filter((tab) => coordinates(role) || !COORDINATOR_TABS.includes(tab));
}

/** The overview's filters (coordinators): which tickets (current, closed or both) and by team, assignee, stage. */
export interface OverviewFilter {
  scope: 'current' | 'closed' | 'both';
  teamId: string;
  assigneeId: string;
  stage: '' | Stage;
}

/** The overview filter named in the page's address (`?scope=&team=&assignee=&stage=`). */
export function overviewFilter(url: URL): OverviewFilter {
  const scope = url.searchParams.get('scope');
  return {
    scope: scope === 'closed' || scope === 'both' ? scope : 'current',
    teamId: url.searchParams.get('team') ?? '',
    assigneeId: url.searchParams.get('assignee') ?? '',
    stage: (url.searchParams.get('stage') ?? '') as OverviewFilter['stage'],
  };
}

/** The page's query for the overview with `filter` (the inverse of `overviewFilter`). */
export function overviewQuery(filter: OverviewFilter): string {
  const q = new URLSearchParams({ tab: 'all' });
  if (filter.scope !== 'current') q.set('scope', filter.scope);
  if (filter.teamId) q.set('team', filter.teamId);
  if (filter.assigneeId) q.set('assignee', filter.assigneeId);
  if (filter.stage) q.set('stage', filter.stage);
  return q.toString();
}

/**
 * The API path of a tab's list (without cursor): its view and the page size from the page's own
 * `?limit=`; the coordinator's overview (`filter`) with its filters, all of which the server
 * applies in its indexed query (scope, team, stage; a person's open work on its own).
 */
export function workListPath(tab: WorkTab, url: URL, filter?: OverviewFilter): string {
  const q = new URLSearchParams({ view: tab });
  const limit = url.searchParams.get('limit');
  if (limit && /^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 200) q.set('limit', limit);
  if (tab === 'all' && filter) {
    if (filter.assigneeId) q.set('assigneeId', filter.assigneeId);
    else {
      q.set('scope', filter.scope);
      if (filter.teamId) q.set('teamId', filter.teamId);
      if (filter.stage) q.set('stage', filter.stage);
    }
  }
  return `/tickets?${q.toString()}`;
}

/** A tab's count: `more` when the server stopped counting at `n` (the tab shows "99+"). */
export interface TabCount {
  n: number;
  more: boolean;
}

/** The number of tickets in each of the caller's lists (GET /tickets/counts; counting stops at 100). */
export async function loadCounts(f?: typeof fetch): Promise<Partial<Record<WorkTab, TabCount>>> {
  const r = await api<{ counts: Partial<Record<WorkTab, number>>; atLeast?: WorkTab[] }>('/tickets/counts', { fetch: f });
  return Object.fromEntries(Object.entries(r.counts).map(([tab, n]) => [tab, { n, more: !!r.atLeast?.includes(tab as WorkTab) }]));
}

/** The workflow actions this UI offers as buttons (the others have their own places on the page). */
export const PANEL_ACTIONS = [
  'accept',
  'assign',
  'take',
  'accept_assignment',
  'hand_back',
  'pend',
  'resume',
  'close',
  'reopen',
] as const satisfies readonly Action[];
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/** The path segment of each operation (POST /tickets/{number}/…). */
const PATHS: Record<PanelAction, string> = {
  accept: 'accept',
  assign: 'assign',
  take: 'take',
  accept_assignment: 'accept-assignment',
  hand_back: 'hand-back',
  pend: 'pend',
  resume: 'resume',
  close: 'close',
  reopen: 'reopen',
};

/** Runs a workflow operation on the ticket as the caller saw it (`version`): a change meanwhile is refused with 409. */
export function runAction(ticket: { number: number; version: number }, action: PanelAction, body: Record<string, unknown> = {}): Promise<TicketDetail> {
  return api<TicketDetail>(`/tickets/${ticket.number}/${PATHS[action]}`, { method: 'POST', body: { ...body, version: ticket.version } });
}

/** A team as GET /teams lists it. */
export interface TeamOption {
  id: string;
  name: { de: string; en: string };
}

/** The tenant's teams (an empty list while the teams area is not there). */
export async function loadTeams(f?: typeof fetch): Promise<TeamOption[]> {
  try {
    return (await api<{ items: TeamOption[] }>('/teams', { fetch: f })).items;
  } catch {
    return [];
  }
}

/** Staff who can be given a ticket: agents, coordinators and admins (the first page of each, sorted by name). */
export async function loadStaff(f?: typeof fetch): Promise<{ id: string; name: string }[]> {
  const pages = await Promise.all(
    (['agent', 'coordinator', 'admin'] as const).map((role) =>
      api<{ items: { id: string; name: string }[] }>(`/users?role=${role}&limit=100`, { fetch: f }).then(
        (p) => p.items,
        () => [],
      ),
    ),
  );
  return pages
    .flat()
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * An instant `minutes` from now as the value of a `datetime-local` input, on the wall clock of
 * `timeZone` (the tenant's, as every time on the page is shown; the browser's when unknown).
 * Formatting only: Intl knows the zone's offsets.
 */
export function localDateTime(minutesFromNow: number, timeZone?: string, now = new Date()): string {
  const d = new Date(now.getTime() + minutesFromNow * 60_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

/**
 * The instant a `datetime-local` value names on the wall clock of `timeZone`. The zone's rules
 * (DST gaps and repeated hours: `compatible`, as a calendar app does) come from Temporal,
 * loaded only when a date is actually entered, so no page pays for it up front.
 */
export async function instantOn(value: string, timeZone?: string): Promise<Date | undefined> {
  const { Temporal } = await import('temporal-polyfill');
  try {
    const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return new Date(Temporal.PlainDateTime.from(value).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds);
  } catch {
    return undefined;
  }
}
