import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import type { HistoryEvent } from './schemas.ts';

/** Events that would tell a requester about internal work: parts (hidden ones too), answers under review. */
const STAFF_ONLY_EVENTS = new Set<HistoryEvent['type']>(['split', 'part_answered', 'parts_answered', 'answered_to_coordinator', 'sent_on', 'sent_back']);

/**
 * The complete history of a ticket (K12): its creation and acknowledgement (read off the ticket),
 * every message and note, and every recorded change, oldest first. Customers do not see notes.
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
  if (ticket.ackSentAt) out.push({ id: `ack-${ticket.number}`, type: 'acknowledged', actorId: 'system', actorName: 'System', at: ticket.ackSentAt });
  for (const m of messages) {
    if (forCustomer && m.internal) continue;
    if (m.partOf !== undefined && m.partOf !== ticket.number) continue; // a part's answer: its `part_answered` event says it
    out.push({ id: m.id, type: m.internal ? 'note' : 'message', actorId: m.authorId, actorName: m.authorName, at: m.createdAt });
  }
  for (const { kind: _k, ...e } of events) if (!forCustomer || !STAFF_ONLY_EVENTS.has(e.type)) out.push(e);
  // One action can write a message and a status change at the same instant: message first.
  const rank = (e: HistoryEvent) => (e.type === 'created' ? 0 : e.type === 'message' || e.type === 'note' ? 1 : 2);
  return out.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
}
