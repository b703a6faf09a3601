import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import type { HistoryEvent } from './schemas.ts';
import { SYSTEM } from '../auth/actor.ts';
import type { EventType } from './constants.ts';

/**
 * What a requester's history shows: their conversation and the ticket's outward state. Routing,
 * assignment, taking, notes, internal parts and due dates are the helpdesk's own business.
 */
export const CUSTOMER_EVENT_TYPES: readonly EventType[] = ['created', 'acknowledged', 'message', 'status', 'closed', 'reopened', 'pended', 'resumed'];

/** Events that would tell a requester about internal work: parts (hidden ones too), answers under review. */

/**
 * The complete history of a ticket (K12): its creation and acknowledgement (read off the ticket),
 * every message and note, and every recorded change, oldest first. Customers see only their
 * conversation and the outward changes (`CUSTOMER_EVENT_TYPES`).
 */
export function buildHistory(ticket: TicketItem, messages: MessageItem[], events: EventItem[], forCustomer: boolean): HistoryEvent[] {
  const out: HistoryEvent[] = [
    {
      id: `created-${ticket.number}`,
      type: 'created',
      actorId: ticket.createdBy,
      actorName: ticket.createdByName,
      at: ticket.createdAt,
      to: ticket.status === 'new' ? 'new' : undefined,
    },
  ];
  // Routing is recorded on the ticket itself (creating a ticket stays one write): staff only.
  if (ticket.routedBy && !forCustomer) {
    out.push({
      id: `routed-${ticket.number}`,
      type: 'routed',
      actorId: SYSTEM.userId,
      actorName: SYSTEM.name,
      at: ticket.createdAt,
      from: ticket.routedBy,
      to: ticket.routedTo,
    });
  }
  if (ticket.ackSentAt) out.push({ id: `ack-${ticket.number}`, type: 'acknowledged', actorId: SYSTEM.userId, actorName: SYSTEM.name, at: ticket.ackSentAt });
  for (const m of messages) {
    if (forCustomer && (m.internal || m.partOf !== undefined || m.toCoordinator)) continue;
    if (m.partOf !== undefined && m.partOf !== ticket.number) continue; // a part's answer: its `part_answered` event says it
    out.push({ id: m.id, type: m.internal ? 'note' : 'message', actorId: m.authorId, actorName: m.authorName, at: m.createdAt });
  }
  for (const { kind: _k, ...e } of events) if (!forCustomer || CUSTOMER_EVENT_TYPES.includes(e.type)) out.push(e);
  // One action can write a message and a status change at the same instant: message first.
  const rank = (e: HistoryEvent) => (e.type === 'created' ? 0 : e.type === 'message' || e.type === 'note' ? 1 : 2);
  return out.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
}
