/**
 * Split and merge (K7, K9): the coordinator (or the assignee) fans a ticket out into parts,
 * each its own ticket for a person or a team; each part's answer comes back to the parent as
 * a partial answer (staff only); when every part is answered the parent waits for the
 * coordinator's one summarised answer (stage `parts_answered`).
 */
import { messageChannelOf, type Actor } from '../auth/actor.ts';
import { isStaffRole } from '../auth/constants.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { getTicket as getTicketItem, getUser, listTeamItems, nextTicketNumber } from '../db/store.ts';
import { getTicketsByNumbers, TicketVersionConflict } from '../db/split.ts';
import { commitTicketChanges } from './commit.ts';
import type { EventItem, MessageItem, SubTicketRef, TicketItem } from '../db/items.ts';
import { SplitTicketInput, type SplitResult } from './split-schemas.ts';
import { callerOf, loadForChange, requireMove } from './split-guard.ts';
import { stageOf } from './view.ts';

/** A history event of one action; `seq` keeps several of one instant in order. */
export function eventOf(actor: Actor, at: string, type: EventItem['type'], fields: { from?: string; to?: string } = {}, seq = 0): EventItem {
  return { kind: 'event', id: `${seq}${newId()}`, type, actorId: actor.userId, actorName: actor.name, at, ...fields };
}

/** The staff member a part (or a task) is given to, or a field error naming the path. */
export async function staffMember(tenantId: string, userId: string, path: string): Promise<{ id: string; name: string } | FieldError> {
  const u = await getUser(tenantId, userId);
  if (!u || !u.emailVerified || !isStaffRole(u.role)) return { path, message: 'not a staff member of this organisation', code: 'unknown_assignee' };
  return { id: u.userId, name: u.name };
}

/**
 * Split a ticket into 1–10 parts. Each part becomes a ticket of its own (own number; the
 * parent's requester and contact; `parentNumber`; stage `assigned` to its person or team, with
 * its due date and instruction); the parent lists them and waits (stage `split`). Parent, parts
 * and their events are one transaction at the parent's version, so two splits cannot both land.
 * Splitting again (a second round, from `parts_answered`) appends the new parts.
 */
export async function splitTicket(actor: Actor, number: number, raw: SplitTicketInput): Promise<SplitResult> {
  const input = SplitTicketInput.parse(raw);
  const parent = await loadForChange(actor, number, input.version);
  requireMove(parent, await callerOf(actor), 'split');

  const teams = await listTeamItems(actor.tenantId);
  const errors: FieldError[] = [];
  const people = await Promise.all(
    input.parts.map(async (p, i) => {
      if (p.teamId !== undefined) {
        if (!teams.some((t) => t.teamId === p.teamId)) errors.push({ path: `parts.${i}.teamId`, message: 'no such team', code: 'unknown_team' });
        return undefined;
      }
      const who = await staffMember(actor.tenantId, p.assigneeId!, `parts.${i}.assigneeId`);
      if ('path' in who) errors.push(who);
      else return who;
    }),
  );
  if (errors.length)
    throw new DomainError(
      'validation_failed',
      'Some parts name nobody who can work them',
      errors.sort((x, y) => x.path.localeCompare(y.path)),
    );

  const at = nowIso();
  // Drawn one by one so the parts' numbers follow their order; a refused split leaves a gap.
  const numbers: number[] = [];
  for (const _ of input.parts) numbers.push(await nextTicketNumber(actor.tenantId));
  const created = input.parts.map((p, i) => {
    const person = people[i];
    const ticket: TicketItem = {
      kind: 'ticket',
      number: numbers[i]!,
      subject: p.subject,
      description: p.instruction,
      status: 'new',
      priority: parent.priority,
      category: parent.category,
      requestedDueDate: parent.requestedDueDate,
      requesterId: parent.requesterId,
      requesterName: parent.requesterName,
      company: parent.company,
      contact: parent.contact,
      channel: parent.channel,
      createdBy: actor.userId,
      createdByName: actor.name,
      createdAt: at,
      updatedAt: at,
      stage: 'assigned',
      type: parent.type,
      assigneeId: person?.id,
      assigneeName: person?.name,
      teamId: p.teamId,
      coordinatorDueDate: p.dueDate,
      instruction: p.instruction,
      parentNumber: parent.number,
      visibility: p.visibility,
    };
    const assigned = eventOf(actor, at, 'assigned', { to: person ? `user:${person.id}` : `team:${p.teamId}` });
    return { ticket, added: [assigned] };
  });
  const refs: SubTicketRef[] = created.map(({ ticket: t }) => ({
    number: t.number,
    subject: t.subject,
    stage: 'assigned',
    visibility: t.visibility!,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    teamId: t.teamId,
    coordinatorDueDate: t.coordinatorDueDate,
  }));
  const next: TicketItem = { ...parent, stage: 'split', subTickets: [...(parent.subTickets ?? []), ...refs], updatedAt: at };
  const event = eventOf(actor, at, 'split', { from: stageOf(parent), to: numbers.join(',') });
  await commitTicketChanges(actor.tenantId, [{ before: parent, after: next, added: [event] }], created);
  return { numbers };
}

/** How often a part's answer re-reads its parent after another part's answer changed it first. */
const PARENT_ATTEMPTS = 8;

/**
 * Record the answer of part `sub` (checked by the caller: a public answer by its assignee, or a
 * reviewed answer sent on). The answer does not go to the requester: it is kept on the part and
 * on the parent (`partOf`, staff only), the part closes as solved with it as its solution, the
 * parent's list marks it answered, and when it was the last open part the parent moves to
 * `parts_answered`. Part and parent change in one transaction; another part's answer landing
 * on the parent first is not the caller's conflict, so the parent is read again and the write
 * retried (the part's own version still guards against a real conflict on the part).
 */
export async function recordPartAnswer(actor: Actor, sub: TicketItem, body: string): Promise<MessageItem> {
  const at = nowIso();
  const author = {
    authorId: actor.userId,
    authorName: actor.name,
    authorRole: actor.role,
    createdAt: at,
    body,
    internal: true,
    partOf: sub.number,
    channel: messageChannelOf(actor),
  };
  const onSub: MessageItem = { kind: 'message', id: newId(), number: sub.number, ...author };
  const onParent: MessageItem = { kind: 'message', id: newId(), number: sub.parentNumber!, ...author };
  const closedSub: TicketItem = { ...sub, stage: 'closed', status: 'solved', resolution: 'solved', solution: body, updatedAt: at };
  const subEvents = [eventOf(actor, at, 'closed', { from: stageOf(sub), to: 'solved' }, 1)];
  if (sub.status !== 'solved') subEvents.push(eventOf(actor, at, 'status', { from: sub.status, to: 'solved' }, 2));

  for (let attempt = 1; ; attempt++) {
    const parent = await getTicketItem(actor.tenantId, sub.parentNumber!);
    if (!parent) throw new DomainError('not_found', `Parent ticket #${sub.parentNumber} not found`);
    const refs = (parent.subTickets ?? []).map((r) => (r.number === sub.number ? { ...r, stage: 'closed' as const, answeredAt: r.answeredAt ?? at } : r));
    const allAnswered = refs.every((r) => r.answeredAt);
    const fanIn = allAnswered && stageOf(parent) === 'split';
    const events = [eventOf(actor, at, 'part_answered', { from: String(sub.number) }, 1)];
    if (fanIn) events.push(eventOf(actor, at, 'parts_answered', { from: 'split', to: 'parts_answered' }, 2));
    const nextParent: TicketItem = { ...parent, subTickets: refs, stage: fanIn ? 'parts_answered' : parent.stage, updatedAt: at };
    try {
      await commitTicketChanges(actor.tenantId, [
        { before: sub, after: closedSub, added: [onSub, ...subEvents] },
        { before: parent, after: nextParent, added: [onParent, ...events] },
      ]);
      return onSub;
    } catch (err) {
      if (err instanceof TicketVersionConflict && err.number === parent.number && attempt < PARENT_ATTEMPTS) continue;
      throw err;
    }
  }
}

/**
 * The parent's list of parts with each part's live stage and assignee (one BatchGetItem of the
 * parts): the refs on the parent are only updated when a part is answered.
 */
export async function withLiveParts(tenantId: string, t: TicketItem): Promise<TicketItem> {
  const refs = t.subTickets ?? [];
  if (refs.length === 0) return t;
  const live = new Map(
    (
      await getTicketsByNumbers(
        tenantId,
        refs.map((r) => r.number),
      )
    ).map((s) => [s.number, s]),
  );
  const subTickets = refs.map((r) => {
    const s = live.get(r.number);
    if (!s) return r;
    return {
      ...r,
      subject: s.subject,
      stage: stageOf(s),
      assigneeId: s.assigneeId,
      assigneeName: s.assigneeName,
      teamId: s.teamId,
      coordinatorDueDate: s.coordinatorDueDate,
    };
  });
  return { ...t, subTickets };
}

/**
 * Whether the ticket is a part of another. A customer never opens or lists such a ticket as
 * their own (a hidden part must not exist for them; a transparent one they see on its parent).
 */
export const isPartOfAnother = (t: TicketItem) => t.parentNumber !== undefined;
