/**
 * The ElectroDB entities keep today's keys: items written the old way (keys from `keys.ts`, no
 * entity markers) read and change through the access patterns, and what the entities write
 * sits under exactly the keys `keys.ts` spells. Always beside a second tenant.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../shared/config.ts';
import { db } from '../../shared/db/client.ts';
import { indexKeys, keys } from '../../shared/db/keys.ts';
import {
  consumeToken,
  getTenant,
  getTicketPartition,
  hitRateWindow,
  nextTicketNumber,
  peekToken,
  putNewTicket,
  putToken,
  recordAcknowledgement,
  saveTicketChange,
  tenantIdBySlug,
  ticketsInStatus,
  ticketsOfRequester,
  updateTenant,
} from '../../shared/db/store.ts';
import { newTenantId } from '../../shared/ids.ts';
import type { TicketItem } from '../../shared/db/items.ts';
import { ticketsInOverview } from '../../shared/db/work.ts';
import { NO_TEAM, overviewRange, type OverviewScope } from '../../shared/tickets/queues.ts';
import type { Stage } from '../../shared/tickets/constants.ts';

const put = (scope: string | null, Item: Record<string, unknown>) => db(scope).send(new PutCommand({ TableName: config.tableName, Item }));
const update = (key: { pk: string; sk: string }, UpdateExpression: string, ExpressionAttributeValues: Record<string, unknown>) =>
  db(null).send(new UpdateCommand({ TableName: config.tableName, Key: key, UpdateExpression, ExpressionAttributeValues }));
const raw = async (key: { pk: string; sk: string }) =>
  (await db(null).send(new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }))).Item;
const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();

const ticket = (number: number, over: Partial<TicketItem> = {}): TicketItem => ({
  kind: 'ticket',
  number,
  subject: `T${number}`,
  description: 'd',
  status: 'new',
  priority: 'high',
  requesterId: 'req-1',
  requesterName: 'Rita',
  contact: { name: 'Rita' },
  channel: 'api',
  createdBy: 'req-1',
  createdByName: 'Rita',
  createdAt: at(number),
  updatedAt: at(number),
  ...over,
});

describe('items written before the entities', () => {
  it('a tenant, its slug and its counter read and change the same', async () => {
    const t = newTenantId();
    const slug = `old-${t}`;
    await put(null, { ...keys.slug(slug), tenantId: t });
    const tenant = {
      kind: 'tenant',
      id: t,
      slug,
      name: 'Old Org',
      branding: { title: 'Old', logoUrl: '', primaryColor: '#1f6feb' },
      defaultLanguage: 'de',
      timeZone: 'Europe/Berlin',
      createdAt: at(0),
    };
    await put(t, { ...keys.tenant(t), ...tenant });
    await put(t, { ...keys.ticketCounter(t), value: 41 });
    expect(await tenantIdBySlug(slug)).toBe(t);
    expect(await getTenant(t)).toMatchObject({ name: 'Old Org', branding: { title: 'Old' } });
    // no version stored yet: it counts as 0
    await expect(updateTenant(t, { name: 'Stale' }, 1)).rejects.toMatchObject({ code: 'conflict' });
    expect(await updateTenant(t, { name: 'New Org' }, 0)).toMatchObject({ name: 'New Org', version: 1, slug });
    expect(await nextTicketNumber(t)).toBe(42);
    expect(await raw(keys.ticketCounter(t))).toMatchObject({ value: 42 });
  });

  it('a ticket with its messages and events reads as one thread and changes under the same keys', async () => {
    const t = newTenantId();
    const other = newTenantId();
    const tk = ticket(1);
    await put(t, {
      ...keys.ticket(t, 1),
      ...indexKeys.statusQueue(t, 'new', 'high', tk.createdAt, 1),
      ...indexKeys.requesterTickets(t, 'req-1', tk.createdAt, 1),
      ...tk,
    });
    const msg = {
      kind: 'message',
      id: 'm1',
      number: 1,
      body: 'old answer',
      internal: false,
      authorId: 'a',
      authorName: 'A',
      authorRole: 'agent',
      createdAt: at(2),
    };
    await put(t, { ...keys.message(t, 1, msg.createdAt, msg.id), ...msg });
    const evt = { kind: 'event', id: 'e1', type: 'created', actorId: 'req-1', actorName: 'Rita', at: at(1) };
    await put(t, { ...keys.event(t, 1, evt.at, evt.id), ...evt });
    await putNewTicket(other, ticket(1, { subject: 'other tenant' }));

    const thread = await getTicketPartition(t, 1);
    expect(thread?.ticket).toMatchObject({ subject: 'T1', status: 'new' });
    expect(thread?.messages.map((m) => m.body)).toEqual(['old answer']);
    expect(thread?.events.map((e) => e.type)).toEqual(['created']);
    expect((await ticketsInStatus(t, 'new', { limit: 10 })).map((x) => x.subject)).toEqual(['T1']);

    await recordAcknowledgement(t, 1, at(3));
    await saveTicketChange(t, { ...thread!.ticket, status: 'open', priority: 'urgent', updatedAt: at(4) }, 0, [
      { kind: 'event', id: 'e2', type: 'status', actorId: 'a', actorName: 'A', at: at(4), from: 'new', to: 'open' },
    ]);
    const stored = await raw(keys.ticket(t, 1));
    expect(stored).toMatchObject({ ...indexKeys.statusQueue(t, 'open', 'urgent', tk.createdAt, 1), ackSentAt: at(3), version: 1 });
    expect(await raw(keys.event(t, 1, at(4), 'e2'))).toMatchObject({ kind: 'event', to: 'open' });
    expect((await ticketsInStatus(t, 'new', { limit: 10 })).length).toBe(0);
    expect((await ticketsInStatus(t, 'open', { limit: 10 })).map((x) => x.number)).toEqual([1]);
    expect((await getTicketPartition(other, 1))?.ticket.subject).toBe('other tenant');
  });

  it('a one-time token and a rate window written the old way are used the same', async () => {
    const t = newTenantId();
    await put(t, { ...keys.oneTimeToken(t, 'hash-1'), kind: 'token', purpose: 'reset', userId: 'u1', expiresAt: 4_000_000_000 });
    expect(await peekToken(t, 'hash-1', 'reset')).toMatchObject({ userId: 'u1' });
    expect(await consumeToken(t, 'hash-1', ['verify'])).toBeUndefined();
    expect(await consumeToken(t, 'hash-1', ['reset'])).toMatchObject({ userId: 'u1', purpose: 'reset' });
    expect(await consumeToken(t, 'hash-1', ['reset'])).toBeUndefined();
    const window = Math.floor(Date.now() / 1000 / 3600);
    await put(t, { ...keys.rateWindow(t, 'probe', 'x', window), attempts: 2, expiresAt: 4_000_000_000 });
    expect(await hitRateWindow(t, 'probe', 'x', 3600, 3)).toBe(true);
    expect(await hitRateWindow(t, 'probe', 'x', 3600, 3)).toBe(false);
    expect(await raw(keys.rateWindow(t, 'probe', 'x', window))).toMatchObject({ attempts: 3 });
  });
});

describe('what the entities write', () => {
  it('sits under exactly the keys keys.ts spells', async () => {
    const t = newTenantId();
    await putNewTicket(t, ticket(7, { priority: 'low', requesterId: 'req-9' }));
    expect(await raw(keys.ticket(t, 7))).toMatchObject({
      ...indexKeys.statusQueue(t, 'new', 'low', at(7), 7),
      ...indexKeys.requesterTickets(t, 'req-9', at(7), 7),
      kind: 'ticket',
    });
    expect((await ticketsOfRequester(t, 'req-9', { limit: 5 })).map((x) => x.number)).toEqual([7]);
    await putToken(t, 'hash-2', { kind: 'token', purpose: 'invite', email: 'x@y.example', role: 'agent', expiresAt: 4_000_000_000 });
    expect(await raw(keys.oneTimeToken(t, 'hash-2'))).toMatchObject({ kind: 'token', purpose: 'invite' });
    await nextTicketNumber(t);
    expect(await raw(keys.ticketCounter(t))).toMatchObject({ value: 1 });
  });
});

describe('the overview index (gsi4)', () => {
  const inOverview = async (tenant: string, team: string, stage: Stage | undefined, scope: OverviewScope) =>
    (await ticketsInOverview(tenant, team, overviewRange(stage, scope)!, { limit: 10 })).map((x) => x.item.number).sort((a, b) => a - b);

  it('holds every ticket past new under its team (`-`: none) by stage, so a stage and current/closed are key ranges; a change moves it', async () => {
    const t = newTenantId();
    const other = newTenantId();
    await putNewTicket(t, ticket(1));
    await putNewTicket(t, ticket(2, { teamId: 'team-a', stage: 'assigned' }));
    await putNewTicket(t, ticket(3, { teamId: 'team-a', stage: 'closed', status: 'solved' }));
    await putNewTicket(other, ticket(2, { teamId: 'team-a', stage: 'assigned' }));
    // a new ticket waits in gsi3's "to accept" only: creating it writes no overview entry
    expect(await raw(keys.ticket(t, 1))).not.toHaveProperty('gsi4pk');
    expect(await inOverview(t, 'team-a', undefined, 'both')).toEqual([2, 3]);
    expect(await inOverview(t, 'team-a', undefined, 'current')).toEqual([2]);
    expect(await inOverview(t, 'team-a', undefined, 'closed')).toEqual([3]);
    expect(await inOverview(t, 'team-a', 'assigned', 'both')).toEqual([2]);
    expect(await inOverview(t, 'team-a', 'in_progress', 'both')).toEqual([]);

    // accepted: among those without team; routed to a team: in its part; the team cleared and closed: back among those without
    const one = (await getTicketPartition(t, 1))!.ticket;
    await saveTicketChange(t, { ...one, stage: 'clarifying', updatedAt: at(49) }, 0, []);
    expect(await raw(keys.ticket(t, 1))).toMatchObject({ gsi4pk: `${t}#TEAM#-` });
    expect(await inOverview(t, NO_TEAM, 'clarifying', 'current')).toEqual([1]);
    await saveTicketChange(t, { ...one, stage: 'assigned', teamId: 'team-a', updatedAt: at(50) }, 1, []);
    expect(await inOverview(t, 'team-a', 'assigned', 'current')).toEqual([1, 2]);
    expect(await inOverview(t, NO_TEAM, undefined, 'both')).toEqual([]);
    const two = (await getTicketPartition(t, 2))!.ticket;
    await saveTicketChange(t, { ...two, teamId: undefined, stage: 'closed', status: 'solved', updatedAt: at(51) }, 0, []);
    expect(await inOverview(t, NO_TEAM, 'closed', 'closed')).toEqual([2]);
    expect(await inOverview(t, 'team-a', undefined, 'both')).toEqual([1, 3]);
    expect(await inOverview(other, 'team-a', undefined, 'both')).toEqual([2]);
  });

  it('a ticket stored with the former overview key is in no range until its next change writes the stage key', async () => {
    const t = newTenantId();
    await putNewTicket(t, ticket(4, { teamId: 'team-b', stage: 'assigned' }));
    await update(keys.ticket(t, 4), 'SET gsi4sk = :old REMOVE stageNo', { ':old': `0#9999-12-31#2#${at(4)}#000000000004` });
    expect(await inOverview(t, 'team-b', undefined, 'both')).toEqual([]);
    const four = (await getTicketPartition(t, 4))!.ticket;
    await saveTicketChange(t, { ...four, updatedAt: at(60) }, 0, []);
    expect(await inOverview(t, 'team-b', undefined, 'current')).toEqual([4]);
  });
});
