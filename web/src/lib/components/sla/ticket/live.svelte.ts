/**
 * Keeps the SLA badges of a work list current between writes (issue 7, point 4).
 *
 * A badge changes with time alone: a ticket nobody touched goes from on track to at risk to
 * breached. The workspace's poll (WorkTabs: `invalidate('app:worklist')` every 15 s while the tab
 * is visible) loads the list's first page again, and the server computes each row's badge at that
 * moment (its ETag changes with it, so the poll gets a fresh body). But the page keeps its rows
 * while no ticket changed (`updatedAt`), so the pages loaded beyond the first survive a poll.
 * So the badges do not come from the kept rows: every poll's rows are noted here, and a row's
 * badge reads the latest noted state of its ticket. A row from a further page ("load more") has
 * no newer state than the one it came with until the list is loaded again.
 */
import type { TicketSummary } from '../../../types.ts';

/** The fields of a list row that make its badge. */
export type SlaFields = Pick<TicketSummary, 'slaState' | 'slaDueAt' | 'slaRemainingMinutes'>;

const pick = (x: SlaFields): SlaFields => ({ slaState: x.slaState, slaDueAt: x.slaDueAt, slaRemainingMinutes: x.slaRemainingMinutes });

// The latest poll's first page, replaced as a whole: a ticket gone from it falls back to its own row.
let latest = $state.raw<Readonly<Record<number, SlaFields>>>({});

/** Notes the rows a (re)load of the list brought. */
export function noteSla(items: readonly TicketSummary[]): void {
  latest = Object.fromEntries(items.map((x) => [x.number, pick(x)]));
}

/** A row's badge fields: as last loaded for its ticket, else as the row has them. */
export function liveSla(x: TicketSummary): SlaFields {
  return latest[x.number] ?? pick(x);
}

/** A row's value in the SLA column when the table sorts by it: the target of its most urgent running clock; none last. */
export function slaSortValue(x: TicketSummary): string {
  return liveSla(x).slaDueAt ?? '\uffff';
}
