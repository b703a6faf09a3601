/**
 * The workflow's work lists (issue 6, V3/V4) and the counts on their tabs. Each list is one
 * indexed query page (gsi3 work queues, gsi4 overview; `my_teams` and the overview without a
 * team merge one query per team like the status tabs do), never a scan or an in-memory filter.
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import { COUNT_CAP, countOfRequester, countQueue, countStatus, ticketsInOverview, ticketsInQueue, type Positioned } from '../db/work.ts';
import { DomainError } from '../errors.ts';
import type { TicketItem } from '../db/items.ts';
import type { View } from './constants.ts';
import { mergePages, type Positions, type QueuePage } from './pages.ts';
import { NEW_QUEUE, NO_TEAM, overviewOf, overviewRange, stageNoOf, teamQueue, userQueue, workQueueOf } from './queues.ts';
import type { ListTicketsQuery } from './schemas.ts';
import type { TicketCounts } from './workflow-schemas.ts';
import type { Viewer } from './view.ts';

/** The coordinator's stage lists: view → its work queue. */
const STAGE_VIEWS: Partial<Record<View, string>> = {
  to_accept: 'to_accept',
  to_assign: 'to_assign',
  parts_answered: 'parts_answered',
  review: 'review',
  pending: 'pending',
};

/** Whether a staff list request is one of the workflow's lists (a new view, the overview's filters, or a team/assignee filter). */
export const isWorkList = (q: Pick<ListTicketsQuery, 'view' | 'teamId' | 'assigneeId' | 'stage' | 'scope'>) =>
  q.view === 'mine' ||
  q.view === 'my_teams' ||
  (q.view !== undefined && STAGE_VIEWS[q.view] !== undefined) ||
  !!q.teamId ||
  !!q.assigneeId ||
  !!q.stage ||
  !!q.scope;

/** Where a list reads: gsi3 work queues, or the overview's team partitions (gsi4) within one key range (none: it lists nothing). */
type Source = { queues: string[] } | { teams: string[]; range: { from: string; to: string } | undefined; withNew: boolean };

const unsupported = (path: string, message: string) => new DomainError('validation_failed', message, [{ path, message }]);

/** The gsi3 queues a list reads, or the gsi4 overview partitions and range it reads. */
function sourceOf(q: ListTicketsQuery, v: Viewer): Source {
  const overviewFilter = q.stage ? 'stage' : q.scope ? 'scope' : undefined;
  if (q.view === 'mine') return { queues: [userQueue(v.actor.userId)] };
  if (q.view === 'my_teams') return { queues: v.teamIds.filter((id) => !q.teamId || id === q.teamId).map(teamQueue) };
  const stage = q.view && STAGE_VIEWS[q.view];
  if (stage) return { queues: [stage] };
  if (q.assigneeId) {
    // a person's open work is their gsi3 queue; the overview's partitions are per team, so no key narrows them to a person
    const other = q.teamId ? 'teamId' : overviewFilter;
    if (other) throw unsupported(other, 'assigneeId lists a person’s open work and does not combine with teamId, stage or scope');
    return { queues: [userQueue(q.assigneeId)] };
  }
  if (q.view && q.view !== 'all') throw unsupported(overviewFilter ?? 'teamId', `The overview’s filters go with view all, not ${q.view}`);
  const range = overviewRange(q.stage, q.scope ?? 'both');
  // new tickets (never with a team) are gsi3's `to_accept`, not in gsi4: read beside the teams when the range starts at new
  const withNew = !q.teamId && range?.from === `${stageNoOf('new')}#`;
  return { teams: q.teamId ? [q.teamId] : [...v.teams.map((t) => t.teamId), NO_TEAM], range, withNew };
}

/**
 * One page of a workflow list, in the list's order: a work queue soonest due, most urgent, oldest
 * first; the overview by stage (workflow order), then the same. The overview without a team merges
 * one query per team (and one for tickets without team), like `my_teams`: every filter is a key
 * condition of each, so a page is full unless the list ends.
 */
export async function workPage(q: ListTicketsQuery, v: Viewer, limit: number, prev: Positions): Promise<{ items: TicketItem[]; next: Positions | undefined }> {
  const tenantId = v.actor.tenantId;
  const src = sourceOf(q, v);
  if ('teams' in src && !src.range) return { items: [], next: undefined };
  const fetchers: { key: string; run: (after: string | undefined) => Promise<Positioned[]> }[] =
    'queues' in src
      ? src.queues.map((queue) => ({ key: queue, run: (after) => ticketsInQueue(tenantId, queue, { after, limit }) }))
      : src.teams.map((team) => ({ key: team, run: (after) => ticketsInOverview(tenantId, team, src.range!, { after, limit }) }));
  if ('teams' in src && src.withNew) fetchers.push({ key: NEW_QUEUE, run: (after) => newTicketsAsOverview(tenantId, after, limit) });
  const pages: QueuePage<TicketItem>[] = await Promise.all(
    fetchers
      .filter((f) => prev[f.key] !== null)
      .map(async (f) => {
        const entries = await f.run(prev[f.key] ?? undefined);
        return { key: f.key, entries, more: entries.length === limit };
      }),
  );
  const done: Positions = Object.fromEntries(fetchers.filter((f) => prev[f.key] === null).map((f) => [f.key, null]));
  const page = mergePages(pages, limit, prev);
  return { items: page.items, next: page.next && { ...done, ...page.next } };
}

/** New tickets (gsi3 `to_accept`) with positions in the overview's order: their gsi3 key under the overview's key of stage new. */
async function newTicketsAsOverview(tenantId: string, after: string | undefined, limit: number): Promise<Positioned[]> {
  const prefix = `${stageNoOf('new')}#`;
  const entries = await ticketsInQueue(tenantId, NEW_QUEUE, { after: after?.slice(prefix.length), limit });
  return entries.map((e) => ({ ...e, sk: prefix + e.sk }));
}

/** Whether one ticket (looked up by number) belongs on this workflow list. */
export function inWorkList(t: TicketItem, q: ListTicketsQuery, v: Viewer): boolean {
  const src = sourceOf(q, v);
  if ('queues' in src) return src.queues.includes(workQueueOf(t));
  const { overviewTeam, stageNo } = overviewOf(t);
  const inRange = !!src.range && stageNo >= src.range.from.slice(0, -1) && `${stageNo}#` <= src.range.to;
  return inRange && (stageNo === stageNoOf('new') ? src.withNew : src.teams.includes(overviewTeam));
}

/**
 * Per tab the caller's role has, how many tickets it lists: one `Select: COUNT` query per queue,
 * in parallel, each stopping at `COUNT_CAP` (`work.ts` says why): a tab at the cap is named in
 * `atLeast` (the web shows "99+"), so a poll costs a few RCU however busy the desk; `closed` and
 * `all` are not counted (they only grow).
 */
export async function countTickets(v: Viewer): Promise<TicketCounts> {
  const { actor } = v;
  const tenantId = actor.tenantId;
  const jobs: [View, Promise<number>][] = [];
  if (!isStaff(actor)) jobs.push(['mine', countOfRequester(tenantId, actor.userId)]);
  else {
    jobs.push(
      ['mine', countQueue(tenantId, userQueue(actor.userId))],
      [
        'my_teams',
        Promise.all(v.teamIds.map((id) => countQueue(tenantId, teamQueue(id)))).then((n) =>
          Math.min(
            COUNT_CAP,
            n.reduce((a, b) => a + b, 0),
          ),
        ),
      ],
      ['new', countStatus(tenantId, 'new')],
      ['customer_waiting', countStatus(tenantId, 'open')],
      ['support_waiting', countStatus(tenantId, 'waiting')],
    );
    if (isCoordinator(actor)) for (const [view, queue] of Object.entries(STAGE_VIEWS)) jobs.push([view as View, countQueue(tenantId, queue)]);
  }
  const values = await Promise.all(jobs.map(([, p]) => p));
  const atLeast = jobs.filter((_, i) => values[i]! >= COUNT_CAP).map(([view]) => view);
  return { counts: Object.fromEntries(jobs.map(([view], i) => [view, values[i]!])), ...(atLeast.length ? { atLeast } : {}) };
}

const isCoordinator = (a: Actor) => a.role === 'coordinator' || a.role === 'admin';
