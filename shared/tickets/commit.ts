/**
 * Every ticket write goes through here (issue 7): the SLA engine advances the ticket's facts
 * and list fields from what the write did (`advanceSla`, with the tenant's SLA configuration,
 * read once per write), then the store writes it, conditioned on the version read. One place,
 * so no write path can forget the clocks; the store itself stays free of domain rules.
 */
import { loadSlaConfig } from '../db/sla.ts';
import { putNewTicket, saveTicketChange } from '../db/store.ts';
import { saveTicketChanges } from '../db/split.ts';
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import { advanceSla, type SlaConfig } from '../sla/engine.ts';

type Added = MessageItem | EventItem;

/** A change of one ticket: as it was read (`before`), as the write leaves it, and the messages and events it adds. */
export interface Commit {
  before: TicketItem;
  after: TicketItem;
  added: Added[];
}

/** What was stored: the ticket (version raised) and everything added, the engine's events included; and the configuration it was advanced with. */
export interface Committed {
  ticket: TicketItem;
  added: Added[];
  config: SlaConfig;
}

/** The instant of a write: the ticket's `updatedAt`, which every write sets. */
const atOf = (t: TicketItem) => t.updatedAt;

/** One change with its SLA effect applied (pure once the config is read). */
function advanced(c: Commit, config: SlaConfig): Committed {
  const { ticket, events } = advanceSla(c.before, c.after, c.added, atOf(c.after), config);
  return { ticket: { ...ticket, version: (c.before.version ?? 0) + 1 }, added: [...c.added, ...events], config };
}

/** Store a new ticket with its clocks started (the insert starts its first timer generation). */
export async function commitNewTicket(tenantId: string, ticket: TicketItem, config?: SlaConfig): Promise<TicketItem> {
  const { ticket: stored } = advanceSla(undefined, ticket, [], ticket.createdAt, config ?? (await loadSlaConfig(tenantId)));
  await putNewTicket(tenantId, stored);
  return stored;
}

/**
 * Store a change of one ticket at the version it was read (409 `conflict` if someone else changed it first).
 * `extra`: conditional writes of other items that must land with it (attaching uploads, issue 8).
 */
export async function commitTicketChange(
  tenantId: string,
  before: TicketItem,
  after: TicketItem,
  added: Added[],
  config?: SlaConfig,
  extra: readonly Record<string, unknown>[] = [],
): Promise<Committed> {
  const done = advanced({ before, after, added }, config ?? (await loadSlaConfig(tenantId)));
  await saveTicketChange(tenantId, done.ticket, before.version ?? 0, done.added, extra);
  return done;
}

/**
 * Change several tickets and create new ones, all or nothing (split; a part's answer with its
 * parent). A lost race throws `TicketVersionConflict` naming the ticket, as `saveTicketChanges` does.
 */
export async function commitTicketChanges(
  tenantId: string,
  changes: Commit[],
  created: { ticket: TicketItem; added: EventItem[] }[] = [],
): Promise<{ changed: Committed[]; created: TicketItem[] }> {
  const config = await loadSlaConfig(tenantId);
  const changed = changes.map((c) => advanced(c, config));
  const born = created.map((c) => ({ ticket: advanceSla(undefined, c.ticket, c.added, c.ticket.createdAt, config).ticket, added: c.added }));
  await saveTicketChanges(
    tenantId,
    changed.map((c, i) => ({ ticket: c.ticket, expectedVersion: changes[i]!.before.version ?? 0, added: c.added })),
    born,
  );
  return { changed, created: born.map((b) => b.ticket) };
}
