/**
 * An admin's change of a policy, a calendar, the policies' order or a team's calendar reaches
 * the open tickets at once, not only at their next write: from the change stream, every open
 * ticket whose clocks now come out differently is re-targeted as the system's change (the
 * history says so when its policy changed), and its timer starts a new generation, since the
 * running one may wait for an instant the old rules computed.
 */
import { DomainError } from '../errors.ts';
import type { TicketItem } from '../db/items.ts';
import { loadSlaConfig } from '../db/sla.ts';
import { getTicketConsistent, ticketPositions, ticketsInStatus } from '../db/store.ts';
import type { Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { nowIso } from '../ids.ts';
import { commitTicketChange } from '../tickets/commit.ts';
import type { Status } from '../tickets/constants.ts';
import { advanceSla, type SlaConfig } from './engine.ts';

/** Statuses of tickets whose clocks can still run (closed ones stay as they ended). */
const OPEN: readonly Status[] = ['new', 'open', 'waiting'];
const PAGE = 100;
/** A user's write between our read and write is retried on the fresh ticket, this often. */
const ATTEMPTS = 5;

const SLA_KINDS = ['slaCalendar', 'slaPolicy', 'slaHead'];

/** Whether a change alters the rules clocks are computed by. */
function changesRules(change: Change): boolean {
  if (SLA_KINDS.includes(change.kind)) return true;
  return change.kind === 'team' && change.type === 'modify' && change.old?.calendarId !== change.new?.calendarId;
}

/** The SLA fields a ticket would get under `config` now, as a comparable string. */
function slaFieldsOf(t: TicketItem, config: SlaConfig, at: string): string {
  const { ticket } = advanceSla(t, t, [], at, config);
  return JSON.stringify([ticket.slaPolicyId, ticket.slaDueAt, ticket.slaWarnAt, ticket.slaCalendarId]);
}

/** Re-target one open ticket under the current rules; false when nothing changed. */
export async function retargetTicket(tenantId: string, number: number, config: SlaConfig): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const t = await getTicketConsistent(tenantId, number);
    if (!t || !OPEN.includes(t.status)) return false;
    const at = nowIso();
    const stored = JSON.stringify([t.slaPolicyId, t.slaDueAt, t.slaWarnAt, t.slaCalendarId]);
    if (slaFieldsOf(t, config, at) === stored) return false;
    try {
      await commitTicketChange(tenantId, t, { ...t, updatedAt: at, timerGeneration: (t.timerGeneration ?? 1) + 1 }, [], config);
      return true;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'conflict') || attempt >= ATTEMPTS) throw err;
    }
  }
}

/** Every open ticket of a tenant, re-targeted where the rules now give other clocks. Returns how many changed. */
export async function retargetOpenTickets(tenantId: string): Promise<number> {
  let changed = 0;
  for (const status of OPEN) {
    let after: string | undefined;
    for (;;) {
      // Read per page: while an admin is still editing, a long run follows the latest rules.
      const [page, config] = await Promise.all([ticketsInStatus(tenantId, status, { after, limit: PAGE }), loadSlaConfig(tenantId)]);
      for (const t of page) if (await retargetTicket(tenantId, t.number, config)) changed++;
      if (page.length < PAGE) break;
      after = ticketPositions(tenantId, page[page.length - 1]!).queue;
    }
  }
  return changed;
}

/** On a change of the SLA rules, the open tickets follow them. */
export const retargetOnRuleChange: Effect = {
  name: 'retarget-on-rule-change',
  kinds: [...SLA_KINDS, 'team'],
  applies: changesRules,
  async run(change) {
    await retargetOpenTickets(change.tenantId);
  },
};
