/** Access patterns against DynamoDB Local: guards on the write, and two tenants side by side. */
import { describe, expect, it } from 'vitest';
import { newTenantId } from '../../shared/ids.ts';
import { getTicketPartition, nextTicketNumber, recordAcknowledgement, putNewTicket, saveTicketChange, ticketsInStatus } from '../../shared/db/store.ts';
import type { TicketItem } from '../../shared/db/items.ts';

const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();

function ticket(number: number, over: Partial<TicketItem> = {}): TicketItem {
  return {
    kind: 'ticket',
    number,
    subject: `T${number}`,
    description: 'd',
    status: 'new',
    priority: 'normal',
    requesterId: 'r',
    requesterName: 'R',
    contact: { name: 'R' },
    channel: 'api',
    createdBy: 'r',
    createdByName: 'R',
    createdAt: at(number),
    updatedAt: at(number),
    ...over,
  };
}

describe('the table', () => {
  it('numbers tickets per tenant, each tenant from 1', async () => {
    const a = newTenantId();
    const b = newTenantId();
    expect([await nextTicketNumber(a), await nextTicketNumber(a), await nextTicketNumber(b)]).toEqual([1, 2, 1]);
  });

  it('a status queue holds only its own tenant’s tickets, most urgent first', async () => {
    const a = newTenantId();
    const b = newTenantId();
    await putNewTicket(a, ticket(1, { priority: 'low' }));
    await putNewTicket(a, ticket(2, { priority: 'urgent' }));
    await putNewTicket(b, ticket(1, { priority: 'high' }));
    expect((await ticketsInStatus(a, 'new', { limit: 100 })).map((t) => t.number)).toEqual([2, 1]);
    expect((await ticketsInStatus(b, 'new', { limit: 100 })).map((t) => t.subject)).toEqual(['T1']);
  });

  it('a second ticket under a number already used is refused', async () => {
    const a = newTenantId();
    await putNewTicket(a, ticket(1));
    await expect(putNewTicket(a, ticket(1, { subject: 'overwrite' }))).rejects.toThrow(expect.objectContaining({ name: 'ConditionalCheckFailedException' }));
    expect((await getTicketPartition(a, 1))?.ticket.subject).toBe('T1');
  });

  it('a change based on a stale read is refused, and a change keeps what others wrote meanwhile', async () => {
    const a = newTenantId();
    await putNewTicket(a, ticket(1));
    const read = (await getTicketPartition(a, 1))!.ticket;
    await recordAcknowledgement(a, 1, at(5));
    await recordAcknowledgement(a, 1, at(6)); // a repeated mail does not move the first record
    await saveTicketChange(a, { ...read, status: 'open', updatedAt: at(7) }, read.version ?? 0, []);
    const after = (await getTicketPartition(a, 1))!.ticket;
    expect(after).toMatchObject({ status: 'open', ackSentAt: at(5) });
    await expect(saveTicketChange(a, { ...read, status: 'solved', updatedAt: at(8) }, read.version ?? 0, [])).rejects.toMatchObject({ code: 'conflict' });
    expect((await ticketsInStatus(a, 'open', { limit: 100 })).map((t) => t.number)).toEqual([1]);
    expect(await ticketsInStatus(a, 'new', { limit: 100 })).toEqual([]);
  });

  it('two changes stamped with the same clock time still cannot both land: the version decides', async () => {
    const a = newTenantId();
    await putNewTicket(a, ticket(1)); // written without a version, as before versions existed
    const first = (await getTicketPartition(a, 1))!.ticket;
    const second = (await getTicketPartition(a, 1))!.ticket;
    expect(first.version).toBeUndefined();
    await saveTicketChange(a, { ...first, status: 'open', updatedAt: at(9) }, first.version ?? 0, []);
    await expect(saveTicketChange(a, { ...second, status: 'solved', updatedAt: at(9) }, second.version ?? 0, [])).rejects.toMatchObject({ code: 'conflict' });
    const after = (await getTicketPartition(a, 1))!.ticket;
    expect(after).toMatchObject({ status: 'open', version: 1 });
    await saveTicketChange(a, { ...after, status: 'solved', updatedAt: at(10) }, after.version!, []);
    expect((await getTicketPartition(a, 1))!.ticket).toMatchObject({ status: 'solved', version: 2 });
  });
});

describe('a busy ticket', () => {
  it('still opens and changes with more than a thousand messages and events', async () => {
    const a = newTenantId();
    const b = newTenantId();
    await putNewTicket(a, ticket(1));
    await putNewTicket(b, ticket(1, { subject: 'B' }));
    let current = (await getTicketPartition(a, 1))!.ticket;
    for (let batch = 0; batch < 42; batch++) {
      const next = { ...current, updatedAt: at(100 + batch), version: (current.version ?? 0) + 1 };
      const added = Array.from({ length: 25 }, (_, i) => ({
        kind: 'message' as const,
        id: `m${batch}-${i}`,
        number: 1,
        body: 'x',
        internal: false,
        authorId: 'r',
        authorName: 'R',
        authorRole: 'customer' as const,
        createdAt: at(100 + batch),
      }));
      await saveTicketChange(a, next, current.version ?? 0, added);
      current = next;
    }
    const p = await getTicketPartition(a, 1);
    expect(p?.ticket.subject).toBe('T1');
    expect(p?.messages).toHaveLength(1050);
    expect((await getTicketPartition(b, 1))?.messages).toHaveLength(0);
  });
});
