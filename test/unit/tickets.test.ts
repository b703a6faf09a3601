import { describe, expect, it } from 'vitest';
import { sortTickets } from '../../shared/tickets/sorting.ts';
import { buildHistory } from '../../shared/tickets/history.ts';
import type { TicketSummary } from '../../shared/tickets/schemas.ts';
import type { MessageItem, TicketItem } from '../../shared/db/items.ts';

const t = (number: number, priority: TicketSummary['priority'], createdAt: string, subject = `S${number}`): TicketSummary => ({
  number,
  subject,
  status: 'new',
  priority,
  requesterId: 'r',
  requesterName: 'R',
  createdAt,
  updatedAt: createdAt,
});

describe('ticket lists', () => {
  const list = [t(1, 'low', '2026-01-01'), t(2, 'urgent', '2026-01-03'), t(3, 'urgent', '2026-01-02', 'alpha')];

  it('sort by priority puts the most urgent first and, among equals, the oldest first', () => {
    expect(sortTickets(list, 'priority', 'asc').map((x) => x.number)).toEqual([3, 2, 1]);
  });

  it('sorting by a column in descending order reverses it', () => {
    expect(sortTickets(list, 'number', 'desc').map((x) => x.number)).toEqual([3, 2, 1]);
    expect(sortTickets(list, 'subject', 'asc').map((x) => x.number)).toEqual([3, 1, 2]);
  });
});

describe('ticket history', () => {
  const ticket = { number: 5, createdBy: 'c', createdByName: 'Cara', createdAt: '2026-01-01T10:00:00Z', status: 'new' } as TicketItem;
  const note: MessageItem = {
    kind: 'message',
    id: 'n',
    number: 5,
    body: 'secret',
    internal: true,
    authorId: 'a',
    authorName: 'Agent',
    authorRole: 'agent',
    createdAt: '2026-01-01T11:00:00Z',
  };
  const answer: MessageItem = { ...note, id: 'm', internal: false, body: 'hi', createdAt: '2026-01-01T12:00:00Z' };

  it('lists creation, every message and every change with actor and time, oldest first', () => {
    const h = buildHistory(
      ticket,
      [answer, note],
      [{ kind: 'event', id: 'e', type: 'status', actorId: 'a', actorName: 'Agent', at: '2026-01-01T12:00:01Z', from: 'new', to: 'waiting' }],
      false,
    );
    expect(h.map((e) => e.type)).toEqual(['created', 'note', 'message', 'status']);
    expect(h[0]).toMatchObject({ actorName: 'Cara', at: '2026-01-01T10:00:00Z' });
  });

  it('a customer never sees that an internal note exists', () => {
    expect(buildHistory(ticket, [answer, note], [], true).map((e) => e.type)).toEqual(['created', 'message']);
  });
});
