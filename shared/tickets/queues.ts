/**
 * Which work list a ticket is on (issue 6, V3/V4): pure functions of the ticket, written as
 * index attributes with every change (`store.ts`), so each list is one indexed query. Zod-free.
 */
import { STAGES, type Stage } from './constants.ts';

/** What the queue keys are computed from. */
export interface QueueTicket {
  stage?: Stage;
  status: string;
  assigneeId?: string;
  teamId?: string;
  coordinatorDueDate?: string;
  requestedDueDate?: string;
  /** Target of the most urgent running clock (issue 7; `sla/engine.ts`). */
  slaDueAt?: string;
}

/** The work queue holding every new ticket, which the overview reads for stage new (the overview's key of it: `stageNoOf('new')`). */
export const NEW_QUEUE = 'to_accept';

/** The coordinator's stage lists, each its own queue. */
const STAGE_QUEUES: Partial<Record<Stage, string>> = {
  new: NEW_QUEUE,
  clarifying: 'to_assign',
  parts_answered: 'parts_answered',
  review: 'review',
  pending: 'pending',
  closed: 'closed',
};

const effectiveStage = (t: QueueTicket): Stage => t.stage ?? (t.status === 'solved' || t.status === 'unsolvable' ? 'closed' : 'new');

/**
 * The one work queue a ticket waits in (gsi3): a coordinator's stage list, or while it is being
 * worked on (assigned, in progress, split) its assignee's (`user#{id}`), or its team's while
 * nobody has taken it (`team#{id}`). One queue at a time: a ticket is never in two lists.
 */
export function workQueueOf(t: QueueTicket): string {
  const stage = effectiveStage(t);
  const byStage = STAGE_QUEUES[stage];
  if (byStage) return byStage;
  if (t.assigneeId) return `user#${t.assigneeId}`;
  if (t.teamId) return `team#${t.teamId}`;
  return stage; // split by the coordinator, with nobody assigned
}

/** The queue of a person's open work (view `mine`, filter `assigneeId`). */
export const userQueue = (userId: string) => `user#${userId}`;
/** The queue of a team's untaken tickets (view `my_teams`). */
export const teamQueue = (teamId: string) => `team#${teamId}`;

/**
 * What a list sorts by, soonest first: the target of the most urgent running clock (the SLA
 * targets and both due dates are clocks, issue 7), an ISO instant; a ticket with none running
 * (closed, or from before issue 7 and unchanged since) by its coordinator's due date, else the
 * requester's, else last. A date sorts before the instants of its own day.
 */
export const dueKeyOf = (t: QueueTicket): string => t.slaDueAt ?? t.coordinatorDueDate ?? t.requestedDueDate ?? '9999-12-31';

/** `overviewTeam` of a ticket without team: the overview's partition of team-less tickets. */
export const NO_TEAM = '-';

/**
 * A stage's place in the overview's sort key (`s0` new … `s8` closed): the stages in their
 * workflow order, so a stage is one key prefix and "current" (every stage but closed) one key
 * range. The `s` keeps them apart from the open/resting digits that tickets stored before this
 * key carried (they fall in no range until their next change or the backfill re-commits them).
 */
export const stageNoOf = (stage: Stage): string => `s${STAGES.indexOf(stage)}`;

/** Which tickets the overview takes in: current ones (every stage but closed), closed ones, or both. */
export type OverviewScope = 'current' | 'closed' | 'both';

/**
 * The overview's sort-key range (inclusive bounds) for a stage and scope: one prefix or one run of
 * prefixes, so every overview filter is a key condition. `undefined`: the combination lists
 * nothing (a stage outside the scope).
 */
export function overviewRange(stage: Stage | undefined, scope: OverviewScope): { from: string; to: string } | undefined {
  const closed = stageNoOf('closed');
  if (stage) {
    const inScope = scope === 'both' || (scope === 'closed') === (stage === 'closed');
    return inScope ? { from: `${stageNoOf(stage)}#`, to: `${stageNoOf(stage)}#\uffff` } : undefined;
  }
  if (scope === 'closed') return { from: `${closed}#`, to: `${closed}#\uffff` };
  const last = scope === 'both' ? closed : stageNoOf(STAGES[STAGES.indexOf('closed') - 1]!);
  return { from: `${stageNoOf(STAGES[0])}#`, to: `${last}#\uffff` };
}

/**
 * The overview (gsi4): every ticket past stage new, in its team's partition (`NO_TEAM`: none), by
 * stage in workflow order, then as gsi3 (soonest due, most urgent, oldest). New tickets are left
 * out (the entity's index condition, `inOverviewIndex`): they all wait in gsi3's `to_accept`,
 * which the overview reads for them, so creating a ticket and accepting it cost no overview move.
 * A new ticket has no team: routing to a team or a person makes it `assigned`, and no move leads
 * back to `new`.
 */
export function overviewOf(t: QueueTicket): { overviewTeam: string; stageNo: string } {
  return { overviewTeam: t.teamId ?? NO_TEAM, stageNo: stageNoOf(effectiveStage(t)) };
}

/** Whether a ticket has an entry in the overview index (gsi4): every stage but new (see `overviewOf`). */
export const inOverviewIndex = (stageNo: string | undefined): boolean => stageNo !== undefined && stageNo !== stageNoOf('new');

/**
 * Every index attribute of the work lists, as stored on the ticket: the one place a write derives
 * them (`store.ts` puts and patches spread it), so a re-commit (the backfill) fills new ones.
 */
export function queueFields(t: QueueTicket): { workQueue: string; dueKey: string; overviewTeam: string; stageNo: string } {
  return { workQueue: workQueueOf(t), dueKey: dueKeyOf(t), ...overviewOf(t) };
}
