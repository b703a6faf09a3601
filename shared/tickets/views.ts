/**
 * The workflow's work lists (issue 6, V3/V4) and the counts on their tabs. Each list is one
 * indexed query page (gsi3 work queues, gsi4 team overview; `my_teams` merges one query per
 * team like the status tabs do), never a scan or an in-memory filter of a whole list.
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import { countOfRequester, countQueue, countStatus, ticketsInQueue, ticketsOfTeam, type Positioned } from '../db/work.ts';
import type { TicketItem } from '../db/items.ts';
import type { View } from './constants.ts';
import { mergePages, type Positions, type QueuePage } from './pages.ts';
import { teamQueue, userQueue, workQueueOf, overviewOf } from './queues.ts';
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

/** Whether a staff list request is one of the workflow's lists (a new view, or a team/assignee filter). */
export const isWorkList = (q: Pick<ListTicketsQuery, 'view' | 'teamId' | 'assigneeId'>) =>
  q.view === 'mine' || q.view === 'my_teams' || (q.view !== undefined && STAGE_VIEWS[q.view] !== undefined) || !!q.teamId || !!q.assigneeId;

/** The gsi3 queues a list reads, or the gsi4 team it reads. */
function sourceOf(q: ListTicketsQuery, v: Viewer): { queues: string[] } | { team: string; openOnly: boolean } {
  if (q.view === 'mine') return { queues: [userQueue(v.actor.userId)] };
  if (q.view === 'my_teams') return { queues: v.teamIds.filter((id) => !q.teamId || id === q.teamId).map(teamQueue) };
  const stage = q.view && STAGE_VIEWS[q.view];
  if (stage) return { queues: [stage] };
  if (q.assigneeId) return { queues: [userQueue(q.assigneeId)] };
  return { team: q.teamId!, openOnly: false };
}

/** One page of a workflow list, in the list's order (soonest due, most urgent, oldest first). */
export async function workPage(q: ListTicketsQuery, v: Viewer, limit: number, prev: Positions): Promise<{ items: TicketItem[]; next: Positions | undefined }> {
  const tenantId = v.actor.tenantId;
  const src = sourceOf(q, v);
  const fetchers: { key: string; run: (after: string | undefined) => Promise<Positioned[]> }[] =
    'queues' in src
      ? src.queues.map((queue) => ({ key: queue, run: (after) => ticketsInQueue(tenantId, queue, { after, limit }) }))
      : [{ key: 'team', run: (after) => ticketsOfTeam(tenantId, src.team, { after, limit, openOnly: src.openOnly }) }];
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

/** Whether one ticket (looked up by number) belongs on this workflow list. */
export function inWorkList(t: TicketItem, q: ListTicketsQuery, v: Viewer): boolean {
  const src = sourceOf(q, v);
  return 'queues' in src ? src.queues.includes(workQueueOf(t)) : overviewOf(t).overviewTeam === src.team;
}

/**
 * Per tab the caller's role has, how many tickets it lists: one `Select: COUNT` query (every
 * page) per queue, in parallel. Cost: a count reads the projected summaries it counts (about
 * 20 per read unit), so the tabs of a busy desk cost a few RCU per refresh; `closed` and `all`
 * are not counted (they only grow).
 */
export async function countTickets(v: Viewer): Promise<TicketCounts> {
  const { actor } = v;
  const tenantId = actor.tenantId;
  if (!isStaff(actor)) return { counts: { mine: await countOfRequester(tenantId, actor.userId) } };
  const jobs: [View, Promise<number>][] = [
    ['mine', countQueue(tenantId, userQueue(actor.userId))],
    ['my_teams', Promise.all(v.teamIds.map((id) => countQueue(tenantId, teamQueue(id)))).then((n) => n.reduce((a, b) => a + b, 0))],
    ['new', countStatus(tenantId, 'new')],
    ['customer_waiting', countStatus(tenantId, 'open')],
    ['support_waiting', countStatus(tenantId, 'waiting')],
  ];
  if (isCoordinator(actor)) for (const [view, queue] of Object.entries(STAGE_VIEWS)) jobs.push([view as View, countQueue(tenantId, queue)]);
  const values = await Promise.all(jobs.map(([, p]) => p));
  return { counts: Object.fromEntries(jobs.map(([view], i) => [view, values[i]!])) };
}

const isCoordinator = (a: Actor) => a.role === 'coordinator' || a.role === 'admin';
