/**
 * The tickets' search source (issue 9, Q5): a ticket is one head document (subject,
 * description; found also by requester, company and number) and one document per message or
 * internal note. A message item does not name its ticket's requester, and a source reads
 * nothing, so a customer's right to a ticket's rows is the head's `ownerId`: the index gives
 * each row its head's requester (fts.ts), so a message follows a change of requester, and a
 * merged ticket, which has no head, takes its rows with it.
 */
import type { SearchDoc, SearchSource } from './sources.ts';

interface TicketLike {
  number: number;
  subject: string;
  description: string;
  requesterId: string;
  requesterName?: string;
  company?: string;
  updatedAt: string;
  mergedInto?: number;
  parentNumber?: number;
  visibility?: string;
}

interface MessageLike {
  id: string;
  number: number;
  body: string;
  internal: boolean;
  createdAt: string;
  partOf?: number;
  toCoordinator?: boolean;
}

/** The key of a ticket's head document, which every row of the ticket is grouped under. */
export const ticketKey = (number: number | string) => `ticket:${number}`;
const messageKey = (number: number | string, id: string) => `ticket:${number}:msg:${id}`;

/** A ticket's head document; none for a ticket merged into another (its duplicate must not be found). */
export function ticketDocs(t: TicketLike): SearchDoc[] {
  if (t.mergedInto !== undefined) return [];
  // A sub-ticket its requester does not see (K9) is for staff only.
  const hidden = t.parentNumber !== undefined && t.visibility !== 'transparent';
  return [
    {
      kind: 'ticket',
      key: ticketKey(t.number),
      ref: String(t.number),
      title: t.subject,
      body: t.description,
      audience: hidden ? 'staff' : 'customers',
      ...(!hidden && { ownerId: t.requesterId }),
      extra: [`#${t.number}`, String(t.number), t.requesterName, t.company].filter(Boolean).join(' '),
      updatedAt: t.updatedAt,
    },
  ];
}

/** A message's document: an internal note, a partial answer or an answer held for review is staff only. */
export function messageDocs(m: MessageLike): SearchDoc[] {
  const staffOnly = m.internal || m.partOf !== undefined || m.toCoordinator === true;
  return [
    {
      kind: 'ticket',
      key: messageKey(m.number, m.id),
      ref: String(m.number),
      title: '',
      body: m.body,
      audience: staffOnly ? 'staff' : 'customers',
      updatedAt: m.createdAt,
    },
  ];
}

/** Tickets and their messages. */
export const ticketSource: SearchSource = {
  itemKinds: ['ticket', 'message'],
  docsOf: (item) =>
    item.kind === 'ticket' ? ticketDocs(item as unknown as TicketLike) : item.kind === 'message' ? messageDocs(item as unknown as MessageLike) : [],
  keysOf: (item) =>
    item.kind === 'ticket' ? [ticketKey(item.number as number)] : item.kind === 'message' ? [messageKey(item.number as number, item.id as string)] : [],
};
