/**
 * An admin's change of a policy, a calendar, the policies' order or a team's calendar reaches
 * the open tickets at once, not only at their next write: from the change stream, every open
 * ticket whose clocks now come out differently is re-targeted as the system's change (the
 * history says so when its policy changed), and its timer starts a new generation, since the
 * running one may wait for an instant the old rules computed.
 *
 * The sweep is paged across invocations through the stream itself (a progress item whose every
 * write runs the next page) rather than a Step Functions Map or loop: it reuses what every
 * effect has — at-least-once delivery with idempotency records, retries, the dead-letter queue,
 * the same path in the local stack — and needs no second state machine, no new permissions and
 * no polling; a page is small enough for one invocation whatever the tenant's size.
 */
import { config as appConfig } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { TicketItem } from '../db/items.ts';
import { loadSlaConfig } from '../db/sla.ts';
import { advanceRetargetRun, getRetargetRun, startRetargetRun, type RetargetRun } from '../db/sla-retarget.ts';
import { getTicketConsistent, ticketPositions, ticketsInStatus } from '../db/store.ts';
import type { Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { nowIso } from '../ids.ts';
import { commitTicketChange } from '../tickets/commit.ts';
import type { Status } from '../tickets/constants.ts';
import { advanceSla, type SlaConfig } from './engine.ts';

/** Statuses of tickets whose clocks can still run (closed ones stay as they ended). */
const OPEN: readonly Status[] = ['new', 'open', 'waiting'];
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

/** A sweep from its beginning: the first page reads the first open status. */
function freshRun(run: string, at: string): RetargetRun {
  return { run, step: 0, status: OPEN[0]!, changed: 0, done: false, startedAt: at, updatedAt: at };
}

/**
 * One page of a sweep: up to `config.slaRetargetPageSize` tickets of the status it stands at,
 * after its position, re-targeted under the rules as they are now (read per page: while an
 * admin is still editing, a long sweep follows the latest rules). Returns the progress after
 * it: the next position, the next status once one is through, or done after the last. Running
 * a page again changes nothing twice: a re-targeted ticket already has the fields it would get.
 */
export async function retargetPage(tenantId: string, progress: RetargetRun): Promise<RetargetRun> {
  const limit = appConfig.slaRetargetPageSize;
  const status = progress.status as Status;
  const [page, config] = await Promise.all([ticketsInStatus(tenantId, status, { after: progress.after, limit }), loadSlaConfig(tenantId)]);
  let changed = 0;
  for (const t of page) if (await retargetTicket(tenantId, t.number, config)) changed++;
  const { after: _done, ...rest } = progress;
  const next: RetargetRun = { ...rest, step: progress.step + 1, changed: progress.changed + changed, updatedAt: nowIso() };
  if (page.length === limit) return { ...next, after: ticketPositions(tenantId, page[page.length - 1]!).queue };
  const following = OPEN[OPEN.indexOf(status) + 1];
  return following ? { ...next, status: following } : { ...next, done: true };
}

/** Every open ticket of a tenant, re-targeted in one call, page after page (the demo seed's own sweep). Returns how many changed. */
export async function retargetOpenTickets(tenantId: string): Promise<number> {
  let progress = freshRun('seed', nowIso());
  while (!progress.done) progress = await retargetPage(tenantId, progress);
  return progress.changed;
}

/**
 * On a change of the SLA rules, the open tickets follow them — many thousands may be open, more
 * than one invocation can do (a Lambda ends after 15 minutes). So this only records a new sweep
 * (its progress item, `db/sla-retarget.ts`, named after the change: a redelivered change
 * starts nothing new; a later rule change starts over, and the earlier sweep stops at its next
 * page); `retargetNextPage` does the work, one page per change of that item.
 */
export const retargetOnRuleChange: Effect = {
  name: 'retarget-on-rule-change',
  kinds: [...SLA_KINDS, 'team'],
  applies: changesRules,
  async run(change) {
    await startRetargetRun(change.tenantId, freshRun(change.id, nowIso()));
  },
};

/**
 * A sweep's page, run from the stream: each write of the progress item (not done) runs one page
 * and writes the next progress, conditioned on the step it read — which is the next change, so
 * the sweep walks through the tenant's open tickets one bounded invocation at a time, using the
 * stream's retries and dead-letter queue like every effect. A crash mid-page leaves the
 * progress where it was: the retried change runs the page again. A change that is no longer
 * the stored progress (a redelivery after the page was done, or a superseded sweep) does nothing.
 */
export const retargetNextPage: Effect = {
  name: 'retarget-next-page',
  kinds: ['slaRetarget'],
  applies: (change) => change.type !== 'remove' && change.new?.done === false,
  async run(change) {
    const seen = change.new as unknown as RetargetRun;
    const stored = await getRetargetRun(change.tenantId);
    if (!stored || stored.done || stored.run !== seen.run || stored.step !== seen.step) return;
    await advanceRetargetRun(change.tenantId, stored, await retargetPage(change.tenantId, stored));
  },
};
