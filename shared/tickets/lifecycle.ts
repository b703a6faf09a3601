/**
 * The allowed moves of the coordinator/assignee workflow (K4–K8), in one table: which action
 * may be taken, from which stages, by whom, and the stage it leads to. Every workflow function
 * asks `assertAllowed` before it writes (and writes on the condition that the ticket is still
 * at the version it read); `getTicket` returns `allowedActions` so the web shows exactly the
 * buttons the caller may press. Zod-free and pure: the web and the property specs import it.
 */
import type { Role } from '../auth/constants.ts';
import { STAGES, type Action, type Stage } from './constants.ts';

/** Who may take an action on a ticket. */
export type Party =
  | 'coordinator' // role coordinator or admin
  | 'assignee' // the person the ticket is assigned to
  | 'team_member' // a member of the team the ticket waits in, while nobody has taken it
  | 'staff' // any agent, coordinator or admin
  | 'requester'; // the customer who asked (their own ticket only)

/** A move: from these stages (`*`: any but closed), these parties may act; the stage after. */
export interface Move {
  action: Action;
  from: readonly Stage[] | '*';
  by: readonly Party[];
  /** The stage after; `same` keeps it; `back` returns to where it was before (`resumeStage`) or, when reopened, to its owner. */
  to: Stage | 'same' | 'back';
  /** Only on tickets that are (`sub`) or are not (`top`) sub-tickets of another. */
  only?: 'sub' | 'top';
}

const OPEN_WORK: readonly Stage[] = ['clarifying', 'assigned', 'in_progress'];

/** The table. Read it as: "`action` from `from` by `by` → `to`". */
export const MOVES: readonly Move[] = [
  { action: 'accept', from: ['new'], by: ['coordinator'], to: 'clarifying' },
  { action: 'assign', from: ['new', 'clarifying', 'assigned', 'in_progress', 'review', 'parts_answered'], by: ['coordinator'], to: 'assigned' },
  { action: 'take', from: ['assigned'], by: ['team_member'], to: 'in_progress' },
  { action: 'accept_assignment', from: ['assigned'], by: ['assignee'], to: 'in_progress' },
  { action: 'hand_back', from: ['assigned', 'in_progress'], by: ['assignee', 'team_member'], to: 'clarifying' },
  { action: 'split', from: ['clarifying', 'in_progress', 'parts_answered'], by: ['coordinator', 'assignee'], to: 'split', only: 'top' },
  // Pre-clarification asks the requester publicly; partial answers may go out while parts are worked on.
  { action: 'answer', from: ['new', 'clarifying', 'split', 'parts_answered', 'review'], by: ['coordinator'], to: 'same' },
  { action: 'answer', from: ['in_progress'], by: ['assignee', 'coordinator'], to: 'same' },
  { action: 'answer', from: '*', by: ['requester'], to: 'same' },
  // A closed ticket still takes internal notes: what was learnt after closing belongs to its record.
  { action: 'note', from: STAGES, by: ['staff'], to: 'same' },
  { action: 'answer_to_coordinator', from: ['in_progress'], by: ['assignee'], to: 'review' },
  { action: 'send_on', from: ['review'], by: ['coordinator'], to: 'in_progress' },
  { action: 'send_back', from: ['review'], by: ['coordinator'], to: 'in_progress' },
  { action: 'close', from: '*', by: ['coordinator', 'assignee'], to: 'closed' },
  { action: 'close', from: '*', by: ['requester'], to: 'closed', only: 'top' },
  { action: 'pend', from: OPEN_WORK, by: ['coordinator', 'assignee'], to: 'pending' },
  { action: 'resume', from: ['pending'], by: ['coordinator', 'assignee'], to: 'back' },
  { action: 'reopen', from: ['closed'], by: ['coordinator', 'assignee'], to: 'back' },
  { action: 'lock', from: '*', by: ['staff'], to: 'same' },
  { action: 'edit', from: '*', by: ['staff'], to: 'same' },
];

/** What the table needs to know of a ticket. */
export interface LifecycleTicket {
  stage: Stage;
  requesterId?: string;
  assigneeId?: string;
  teamId?: string;
  parentNumber?: number;
}

/** What the table needs to know of the caller: who, in which role, member of which teams. */
export interface LifecycleCaller {
  userId: string;
  role: Role;
  teamIds: readonly string[];
}

/** The parties the caller is to this ticket. */
export function partiesOf(t: LifecycleTicket, c: LifecycleCaller): Set<Party> {
  const p = new Set<Party>();
  if (c.role === 'customer') {
    if (t.requesterId === c.userId) p.add('requester');
    return p;
  }
  p.add('staff');
  if (c.role === 'coordinator' || c.role === 'admin') p.add('coordinator');
  if (t.assigneeId && t.assigneeId === c.userId) p.add('assignee');
  if (!t.assigneeId && t.teamId && c.teamIds.includes(t.teamId)) p.add('team_member');
  return p;
}

/** The move that allows `action` for this caller now, if any. */
export function moveFor(t: LifecycleTicket, c: LifecycleCaller, action: Action): Move | undefined {
  const parties = partiesOf(t, c);
  return MOVES.find(
    (m) =>
      m.action === action &&
      (m.from === '*' ? t.stage !== 'closed' || (action === 'answer' && parties.has('requester')) : m.from.includes(t.stage)) &&
      m.by.some((p) => parties.has(p)) &&
      (!m.only || (m.only === 'sub') === (t.parentNumber !== undefined)),
  );
}

/** Every action the caller may take on this ticket now, in the order of `MOVES`. */
export function allowedActions(t: LifecycleTicket, c: LifecycleCaller): Action[] {
  const out: Action[] = [];
  for (const m of MOVES) if (!out.includes(m.action) && moveFor(t, c, m.action)) out.push(m.action);
  return out;
}

/**
 * Where a `back` move leads: a pending ticket resumes where it was parked (`resumeStage`); a
 * closed one reopens with its assignee (`in_progress`) or, without one, at the coordinator (`new`).
 */
export function backStage(t: LifecycleTicket & { resumeStage?: Stage }): Stage {
  if (t.stage === 'pending' && t.resumeStage) return t.resumeStage;
  return t.assigneeId ? 'in_progress' : 'new';
}
