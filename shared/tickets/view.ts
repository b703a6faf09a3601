/**
 * What a caller sees of a ticket: staff everything, the requester nothing internal (no
 * instruction, coordinator's date, lock, hidden sub-tickets, partial or review answers), and
 * everybody the actions they may take now (`lifecycle.ts`).
 */
import { isStaff, type Actor } from '../auth/actor.ts';
import type { MessageItem, TeamItem, TicketItem } from '../db/items.ts';
import type { Language } from '../tenancy/schemas.ts';
import { allowedActions } from './lifecycle.ts';
import type { Message, Ticket, TicketSummary } from './schemas.ts';

/** The caller as the view needs it: who, which teams they belong to, and the tenant's teams for names. */
export interface Viewer {
  actor: Actor;
  teamIds: readonly string[];
  teams: readonly TeamItem[];
  language?: Language;
}

/** A ticket's stage; tickets from before the workflow count as `new` (or `closed` when closed). */
export const stageOf = (t: TicketItem) => t.stage ?? (t.status === 'solved' || t.status === 'unsolvable' ? 'closed' : 'new');

const teamParty = (v: Viewer, id: string | undefined) => {
  if (!id) return undefined;
  const team = v.teams.find((x) => x.teamId === id);
  const name = team ? team.name[v.language ?? 'en'] || team.name.en || team.name.de : id;
  // A deleted team keeps its name on the tickets that name it; the web marks it "(deleted team)".
  return { id, name, ...(team?.deletedAt ? { deleted: true } : {}) };
};

/** A ticket as the lists show it to this caller (staff see team, coordinator's date, parent). */
export function summaryView(t: TicketItem, v: Viewer): TicketSummary {
  const staff = isStaff(v.actor);
  return {
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    category: t.category,
    requesterId: t.requesterId,
    requesterName: t.requesterName,
    company: t.company,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    stage: stageOf(t),
    type: t.type ?? 'request',
    assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeName ?? '' } : undefined,
    team: staff ? teamParty(v, t.teamId) : undefined,
    requesterDueDate: t.requestedDueDate,
    coordinatorDueDate: staff ? t.coordinatorDueDate : undefined,
    parentNumber: staff ? t.parentNumber : undefined,
  };
}

/** The ticket as `getTicket` and the workflow operations return it to this caller. */
export function ticketView(t: TicketItem, v: Viewer): Ticket {
  const staff = isStaff(v.actor);
  const stage = stageOf(t);
  const subs = (t.subTickets ?? []).filter((s) => staff || s.visibility === 'transparent');
  return {
    ...summaryView(t, v),
    stage,
    type: t.type ?? 'request',
    description: t.description,
    channel: t.channel,
    followUpOf: t.followUpOf,
    topicId: t.topicId,
    contact: t.contact,
    requestedDueDate: t.requestedDueDate,
    createdBy: t.createdBy,
    createdByName: t.createdByName,
    instruction: staff ? t.instruction : undefined,
    parentNumber: staff ? t.parentNumber : undefined,
    visibility: staff ? t.visibility : undefined,
    subTickets: subs.map((s) => ({
      number: s.number,
      subject: s.subject,
      stage: s.stage,
      visibility: s.visibility,
      assignee: s.assigneeId ? { id: s.assigneeId, name: s.assigneeName ?? '' } : undefined,
      teamId: staff ? s.teamId : undefined,
      coordinatorDueDate: staff ? s.coordinatorDueDate : undefined,
      answeredAt: s.answeredAt,
    })),
    resolution: t.resolution,
    solution: t.solution,
    unsolvableReason: t.unsolvableReason,
    pendingUntil: t.pendingUntil,
    lock: staff && t.lock && t.lock.until > new Date().toISOString() ? t.lock : undefined,
    estimateHours: t.estimateHours,
    difficulty: t.difficulty,
    progress: t.progress,
    responsible: t.responsibleId ? { id: t.responsibleId, name: t.responsibleName ?? '' } : undefined,
    version: t.version ?? 0,
    // A merged ticket takes no action any more (`assertMove` refuses them): its conversation goes on in the target.
    actions:
      t.mergedInto !== undefined
        ? []
        : allowedActions(
            { stage, requesterId: t.requesterId, assigneeId: t.assigneeId, teamId: t.teamId, parentNumber: t.parentNumber },
            { userId: v.actor.userId, role: v.actor.role, teamIds: v.teamIds },
          ),
  };
}

/** Whether the requester may see a message: public answers only (no notes, partial answers, answers awaiting review). */
export const customerMaySee = (m: MessageItem) => !m.internal && m.partOf === undefined && !m.toCoordinator;

/**
 * A message as the API returns it. Mail internals (raw key, Message-ID) never leave the
 * server; delivery state and the raw source are for staff.
 */
export function messageView(m: MessageItem, forCustomer = false): Message {
  const { kind: _k, number: _n, rawKey, mailMessageId: _id, noReply: _nr, deliveryStatus, deliveryDetail, channel, attachments, ...rest } = m;
  return {
    ...rest,
    channel: channel ?? (m.authorRole === 'customer' ? 'portal' : 'api'),
    attachments: attachments ?? [],
    ...(!forCustomer && { deliveryStatus, deliveryDetail, hasRaw: rawKey !== undefined || undefined }),
  };
}
