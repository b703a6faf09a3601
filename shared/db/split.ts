/**
 * Access patterns of splitting a ticket into parts and merging their answers (K7): several
 * tickets changed (and created) in one transaction, and a parent's parts read in one batch.
 * Same rules as `store.ts`: the caller's tenant client, ElectroDB's items, conditions on the
 * version each change read.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { EventEntity, MessageEntity, TicketEntity } from './entities/tickets.ts';
import type { EventItem, MessageItem, TicketItem } from './items.ts';
import { newTicketPut, ticketUpdate } from './store.ts';

/** One ticket's change: its new state, the version it was read at, the messages and events it adds. */
export interface TicketChange {
  ticket: TicketItem;
  expectedVersion: number;
  added: (MessageItem | EventItem)[];
}

/** A version conflict on one ticket of a multi-ticket write: which ticket lost (the caller decides whose conflict it is). */
export class TicketVersionConflict extends DomainError {
  constructor(readonly number: number) {
    super('conflict', `Ticket #${number} was changed meanwhile; reload and try again`);
  }
}

const addedPut = (tenantId: string, number: number, a: MessageItem | EventItem) =>
  (a.kind === 'message'
    ? MessageEntity.create({ ...a, tenantId }).params({ table: config.tableName })
    : EventEntity.create({ ...a, number, tenantId }).params({ table: config.tableName })) as never;

/**
 * Change several tickets and create new ones, all or nothing (split: the parent and its new
 * parts; a part's answer: the part and its parent). Each change lands only at the version it
 * read; a lost race throws `TicketVersionConflict` naming the ticket. ≤ 25 items in all.
 */
export async function saveTicketChanges(tenantId: string, changes: TicketChange[], created: { ticket: TicketItem; added: EventItem[] }[] = []): Promise<void> {
  const items: { item: unknown; number?: number }[] = [];
  for (const c of changes) {
    items.push({ item: { Update: ticketUpdate(tenantId, c.ticket, c.expectedVersion) }, number: c.ticket.number });
    for (const a of c.added) items.push({ item: { Put: addedPut(tenantId, c.ticket.number, a) } });
  }
  for (const c of created) {
    items.push({ item: { Put: newTicketPut(tenantId, c.ticket) } });
    for (const a of c.added) items.push({ item: { Put: addedPut(tenantId, c.ticket.number, a) } });
  }
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) as never }));
  } catch (err) {
    const failed = err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed') : -1;
    const number = failed >= 0 ? items[failed]?.number : undefined;
    if (number !== undefined) throw new TicketVersionConflict(number);
    throw err;
  }
}

/** Several tickets by number, in one BatchGetItem (a parent's parts, ≤ 100); missing ones are left out. */
export async function getTicketsByNumbers(tenantId: string, numbers: readonly number[]): Promise<TicketItem[]> {
  if (numbers.length === 0) return [];
  const r = await TicketEntity.get(numbers.map((number) => ({ tenantId, number }))).go(on(tenantId));
  // ElectroDB retries unprocessed keys itself; whatever still remains is simply shown from the parent's refs.
  return r.data.map((d) => {
    const { tenantId: _t, ...item } = d as Record<string, unknown>;
    return item as unknown as TicketItem;
  });
}
