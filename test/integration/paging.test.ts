/**
 * Paging through work lists with the real listTickets against DynamoDB Local: a list made of
 * several status queues, and a customer's own requests, page by page along nextCursor, next to
 * a second tenant whose tickets must never show up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor.ts';
import type { TicketItem } from '../../shared/db/items.ts';
import { putNewTicket } from '../../shared/db/store.ts';
import { newTenantId } from '../../shared/ids.ts';
import { listTickets } from '../../shared/tickets/tickets.ts';

const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
const STATUSES = ['new', 'open', 'waiting', 'new', 'open', 'new', 'solved'] as const;
const PRIORITIES = ['low', 'urgent', 'normal', 'high', 'normal', 'urgent', 'low'] as const;

function ticket(number: number, requesterId: string): TicketItem {
  return {
    kind: 'ticket',
    number,
    subject: `T${number}`,
    description: 'd',
    status: STATUSES[number % STATUSES.length]!,
    priority: PRIORITIES[number % PRIORITIES.length]!,
    requesterId,
    requesterName: requesterId,
    contact: { name: requesterId },
    channel: 'api',
    createdBy: requesterId,
    createdByName: requesterId,
    createdAt: at(number),
    updatedAt: at(number),
  };
}

const actor = (tenantId: string, userId: string, role: Actor['role']): Actor => ({ tenantId, userId, role, name: userId, email: `${userId}@example.test` });

/** Every page of a list, following nextCursor until it ends. */
async function pagesOf(who: Actor, query: { view?: 'all' | 'new'; limit: number }): Promise<number[][]> {
  const pages: number[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listTickets(who, { ...query, cursor });
    pages.push(page.items.map((t) => t.number));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

describe('paging through work lists (listTickets)', () => {
  const a = newTenantId();
  const b = newTenantId();
  const agent = actor(a, 'agent-a', 'agent');
  const cora = actor(a, 'cora', 'customer');
  beforeAll(async () => {
    // 20 tickets of tenant A in five statuses (every other one Cora's), 20 of tenant B under the same numbers.
    for (let n = 1; n <= 20; n++) {
      await putNewTicket(a, ticket(n, n % 2 === 0 ? 'cora' : 'carl'));
      await putNewTicket(b, ticket(n, n % 2 === 0 ? 'cora' : 'carl'));
    }
  });

  it('a work list of several queues gives every ticket exactly once, in its one order, in pages of the asked size', async () => {
    const [whole] = await pagesOf(agent, { view: 'all', limit: 200 });
    expect([...whole!].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const limit of [1, 2, 3, 7]) {
      const pages = await pagesOf(agent, { view: 'all', limit });
      expect(pages.flat(), `limit ${limit}`).toEqual(whole);
      expect(
        pages.slice(0, -1).every((p) => p.length === limit),
        `limit ${limit}`,
      ).toBe(true);
    }
  });

  it('one queue pages the same way, most urgent first', async () => {
    const [whole] = await pagesOf(agent, { view: 'new', limit: 200 });
    expect(whole!.length).toBeGreaterThan(3);
    expect((await pagesOf(agent, { view: 'new', limit: 2 })).flat()).toEqual(whole);
  });

  it('a customer pages through their own requests only, newest first', async () => {
    const own = (await pagesOf(cora, { limit: 3 })).flat();
    expect(own).toEqual([20, 18, 16, 14, 12, 10, 8, 6, 4, 2]);
  });

  it('a list that fits one page has no cursor', async () => {
    const page = await listTickets(agent, { view: 'all', limit: 20 });
    expect(page.items).toHaveLength(20);
    expect(page.nextCursor).toBeUndefined();
  });
});
