/**
 * The reporting hook's effect (issue 7, point 6): every clock a ticket change stopped is stored
 * for the statistics (`db/sla-records.ts`), from the change stream, never in the request path.
 * The record's key is the stop itself, so a redelivered change writes the same record again.
 */
import type { TicketItem } from '../db/items.ts';
import { loadSlaConfig } from '../db/sla.ts';
import { putSlaRecord } from '../db/sla-records.ts';
import type { Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { recordsOf, stopsOf } from './records.ts';

const stopsOfChange = (change: Change) =>
  change.type === 'modify' && change.kind === 'ticket' ? stopsOf(change.old as TicketItem | undefined, change.new as TicketItem | undefined) : [];

/** Record every clock a ticket change stopped (met or breached), for the statistics. */
export const recordSlaClocks: Effect = {
  name: 'record-sla-clocks',
  kinds: ['ticket'],
  applies: (change) => stopsOfChange(change).length > 0,
  async run(change) {
    const stops = stopsOfChange(change);
    const config = await loadSlaConfig(change.tenantId);
    for (const r of recordsOf(change.old as unknown as TicketItem, stops, config)) await putSlaRecord(change.tenantId, r);
  },
};
