/**
 * Who is answering a ticket (K14). Opening the reply box takes a short lease (the ticket's
 * `lock`); the web renews it while the box is open and gives it up on send, cancel or leaving.
 * Another staff member's live lease refuses one's answer or note (409 `locked`) unless one
 * takes it over explicitly (recorded in the staff history). Independently, an answer names the
 * ticket version its sender loaded: if the ticket changed since, it is refused (409
 * `ticket_changed`, listing what changed), and the write itself is conditioned on that version,
 * so of two agents sending at once exactly one answer goes out. Customers are never blocked.
 */
import { DomainError, notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { getTicket as getTicketItem, getTicketPartition } from '../db/store.ts';
import { claimLease, releaseLease, takeOverLease } from '../db/leases.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import type { EventItem, TicketItem, TicketLock } from '../db/items.ts';
import { moveFor } from './lifecycle.ts';
import { LockInput, type LockResponse } from './lock-schemas.ts';
import type { AddMessageInput, Message } from './schemas.ts';
import { addMessage } from './tickets.ts';

/** How long a lease lasts unless renewed (the web renews every 30 s while the reply box is open). */
export const LEASE_SECONDS = 120;

/** One change a sender missed: what happened, by whom, when. */
export interface MissedChange {
  type: string;
  actorName: string;
  at: string;
}

/** The lease on a ticket if it is still live at `now` (ISO instants compare as strings). */
const liveLease = (t: TicketItem, now: string): TicketLock | undefined => (t.lock && t.lock.until > now ? t.lock : undefined);

const lockedBy = (lock: TicketLock) => new DomainError('locked', `${lock.name} is answering this ticket`, undefined, { by: lock.name, until: lock.until });

/** The ticket, for staff only: a customer is refused, another tenant's ticket does not exist. */
async function staffTicket(actor: Actor, number: number): Promise<TicketItem> {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff answer tickets');
  const ticket = await getTicketItem(actor.tenantId, number);
  if (!ticket) throw notFound(`Ticket #${number}`);
  return ticket;
}

/**
 * Take or renew the reply lease for `LEASE_SECONDS`. Someone else's live lease → 409 `locked`
 * {by, until}, unless `takeOver`: then it becomes the caller's and the history says so.
 */
export async function lockTicket(actor: Actor, number: number, raw: LockInput): Promise<LockResponse> {
  const input = LockInput.parse(raw ?? {});
  // A lease that moved between reading and writing is looked at again (bounded: it only moves by people).
  for (let attempt = 0; attempt < 3; attempt++) {
    const ticket = await staffTicket(actor, number);
    // The lifecycle table says when a lease may be taken (staff, any stage but closed).
    if (!moveFor({ ...ticket, stage: ticket.stage ?? 'new' }, { userId: actor.userId, role: actor.role, teamIds: [] }, 'lock')) {
      throw new DomainError('forbidden', 'This ticket cannot be answered now');
    }
    const now = new Date();
    const lock: TicketLock = { userId: actor.userId, name: actor.name, until: new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString() };
    const held = liveLease(ticket, now.toISOString());
    if (held && held.userId !== actor.userId) {
      if (!input.takeOver) throw lockedBy(held);
      const event: EventItem = {
        kind: 'event',
        id: newId(),
        type: 'lock_taken_over',
        actorId: actor.userId,
        actorName: actor.name,
        at: now.toISOString(),
        from: held.name,
      };
      if (await takeOverLease(actor.tenantId, number, lock, held, event)) return { lock };
    } else if (await claimLease(actor.tenantId, number, lock, now.toISOString())) {
      return { lock };
    }
  }
  throw new DomainError('conflict', 'The lease changed hands meanwhile; try again');
}

/** Give up one's own lease (nothing to do without one); another's live lease is not one's to end → 409 `locked`. */
export async function unlockTicket(actor: Actor, number: number): Promise<void> {
  const ticket = await staffTicket(actor, number);
  if (await releaseLease(actor.tenantId, number, actor.userId)) return;
  const held = liveLease(ticket, nowIso());
  if (held && held.userId !== actor.userId) throw lockedBy(held);
}

/**
 * What happened to a ticket after version `since`, from its history. Every change raises the
 * version by one and stamps its messages and events with one instant, so the last
 * (version − since) distinct instants are the missed changes (compared by time, no version
 * stored on events; a lease takeover is not a change).
 */
export async function changesSince(actor: Actor, number: number, since: number): Promise<MissedChange[]> {
  const p = await getTicketPartition(actor.tenantId, number);
  if (!p) return [];
  const entries: MissedChange[] = [
    ...p.messages.map((m) => ({ type: m.internal ? 'note' : 'message', actorName: m.authorName, at: m.createdAt })),
    ...p.events.filter((e) => e.type !== 'lock_taken_over').map((e) => ({ type: e.type, actorName: e.actorName, at: e.at })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const missed = Math.max(0, (p.ticket.version ?? 0) - since);
  const instants = [...new Set(entries.map((e) => e.at))].slice(-missed);
  return missed === 0 ? [] : entries.filter((e) => instants.includes(e.at));
}

const changed = (changes: MissedChange[]) =>
  new DomainError('ticket_changed', 'The ticket changed since you loaded it; look at the changes and send again', undefined, { changes });

/**
 * May the caller write this message now? (addMessage asks before writing.) Staff: not while
 * someone else holds a live lease; an answer (not a note) only at the version its sender loaded.
 */
export async function assertMayAnswer(actor: Actor, ticket: TicketItem, input: Pick<AddMessageInput, 'internal' | 'version'>): Promise<void> {
  if (!isStaff(actor)) return;
  const held = liveLease(ticket, nowIso());
  if (held && held.userId !== actor.userId) throw lockedBy(held);
  if (!input.internal && input.version !== undefined && input.version !== (ticket.version ?? 0)) {
    throw changed(await changesSince(actor, ticket.number, input.version));
  }
}

/**
 * addTicketMessage: add the message; a staff sender's lease ends with it. An answer that lost
 * the race against a concurrent change (the version condition of the write) is refused as
 * `ticket_changed` too, naming what won.
 */
export async function sendMessage(actor: Actor, number: number, input: AddMessageInput): Promise<Message> {
  let message: Message;
  try {
    message = await addMessage(actor, number, input);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'conflict' && isStaff(actor) && !input.internal && input.version !== undefined) {
      throw changed(await changesSince(actor, number, input.version));
    }
    throw err;
  }
  if (isStaff(actor)) await releaseLease(actor.tenantId, number, actor.userId);
  return message;
}
