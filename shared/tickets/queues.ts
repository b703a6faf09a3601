/**
 * Which work list a ticket is on (issue 6, V3/V4): pure functions of the ticket, written as
 * index attributes with every change (`store.ts`), so each list is one indexed query. Zod-free.
 */
import type { Stage } from './constants.ts';

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

/** The coordinator's stage lists, each its own queue. */
const STAGE_QUEUES: Partial<Record<Stage, string>> = {
  new: 'to_accept',
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

/** `overviewTeam` of a ticket without team: it is in no overview (gsi4 is sparse). */
export const NO_TEAM = '-';

/** The team overview (gsi4): which team (`NO_TEAM`: none), and whether the ticket rests (pending, closed: listed after the open ones). */
export function overviewOf(t: QueueTicket): { overviewTeam: string; restKey: string } {
  const stage = effectiveStage(t);
  return { overviewTeam: t.teamId ?? NO_TEAM, restKey: stage === 'pending' || stage === 'closed' ? '1' : '0' };
}

/** Every index attribute of the work lists, as stored on the ticket. */
export function queueFields(t: QueueTicket): { workQueue: string; dueKey: string; overviewTeam: string; restKey: string } {
  return { workQueue: workQueueOf(t), dueKey: dueKeyOf(t), ...overviewOf(t) };
}
