/**
 * The reporting hook (issue 7, point 6), pure part: which clocks a ticket change stopped — its
 * first response, an answer to the customer's reply, the close — and what to record of each
 * (target, actual instant, business minutes used, met or breached). The stream effect that
 * stores them is `record-clocks.ts`.
 */
import type { TicketItem } from '../db/items.ts';
import type { SlaRecordItem } from '../db/sla-records.ts';
import type { ClockKind } from './constants.ts';
import { clocksOf, type SlaConfig } from './engine.ts';

/** A clock that stopped with a change, and when. */
export interface Stop {
  clock: ClockKind;
  at: string;
}

/**
 * The clocks a change stopped, read off the ticket's facts before and after: the first public
 * answer stops the first response, an answer to the customer's reply ends that next-response
 * cycle, the close stops the resolution and both due dates.
 */
export function stopsOf(before: TicketItem | undefined, after: TicketItem | undefined): Stop[] {
  const a = before?.sla;
  const b = after?.sla;
  if (!a || !b || !after) return [];
  const stops: Stop[] = [];
  if (!a.firstResponseAt && b.firstResponseAt) stops.push({ clock: 'first_response', at: b.firstResponseAt });
  if (a.awaitingSince && b.lastCycle && b.lastCycle[1] !== a.lastCycle?.[1]) stops.push({ clock: 'next_response', at: b.lastCycle[1] });
  if (!a.closedAt && b.closedAt) {
    stops.push({ clock: 'resolution', at: b.closedAt });
    if (after.requestedDueDate) stops.push({ clock: 'requester_due', at: b.closedAt });
    if (after.coordinatorDueDate) stops.push({ clock: 'coordinator_due', at: b.closedAt });
  }
  return stops;
}

/**
 * What to record of each stop: the clock as it stood, on the ticket before the change, at the
 * instant it stopped (so pauses up to then are excluded and its target is the one that applied).
 * A clock the ticket did not carry (no policy, no such date) records nothing.
 */
export function recordsOf(before: TicketItem, stops: readonly Stop[], config: SlaConfig): Omit<SlaRecordItem, 'kind' | 'month'>[] {
  return stops.flatMap((s) => {
    const at = Date.parse(s.at);
    const c = clocksOf(before, config, at).find((x) => x.kind === s.clock);
    if (!c) return [];
    return [
      {
        number: before.number,
        clock: s.clock,
        ...(before.slaPolicyId && c.targetMs !== undefined && { policyId: before.slaPolicyId }),
        targetAt: new Date(c.targetAt).toISOString(),
        actualAt: new Date(at).toISOString(),
        usedMinutes: Math.round(c.usedMs / 60_000),
        ...(c.targetMs !== undefined && { targetMinutes: Math.round(c.targetMs / 60_000) }),
        breached: at > c.targetAt,
      },
    ];
  });
}
