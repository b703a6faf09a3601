/** What a ticket's timer execution asks the domain at each wake-up (workflow.md §1). */
import { SYSTEM } from '../auth/actor.ts';
import { DomainError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { getTicketConsistent, listTeamItems } from '../db/store.ts';
import type { EventItem, TicketItem } from '../db/items.ts';
import { loadSlaConfig } from '../db/sla.ts';
import { dueNow, type DueStep, type SlaConfig } from '../sla/engine.ts';
import { fireStep } from '../sla/escalate.ts';
import { commitTicketChange } from '../tickets/commit.ts';
import { resumed } from '../tickets/moves.ts';
import type { TicketTimerState } from './definition.ts';
import { startTimerExecution } from './start.ts';

/**
 * The longest single wait: an instant further away (a due date years ahead) is waited for in
 * hops of this length, each a check that finds nothing due yet. The local runner's timers cannot
 * hold more than 24.8 days (Node's setTimeout; beyond it the Wait would end at once, in a loop),
 * and a Standard execution lives at most a year in AWS.
 */
export const MAX_WAIT_MS = 20 * 86_400_000;

/**
 * How long one execution waits before it hands over to a successor: a Standard execution may run
 * one year; its last wait (≤ `MAX_WAIT_MS`) then still ends 45 days before that, room enough
 * for retries and a late start.
 */
export const HANDOVER_AFTER_MS = 300 * 86_400_000;

/** Writes one check may lose in a row to other changes before it gives up (the Task's retry starts it again). */
const MAX_CONFLICTS = 20;

/**
 * Write a change the timer makes, as the system, at the version read, through the engine
 * (`commitTicketChange`): a raised priority re-targets the clocks; a moved-earlier deadline
 * starts a new timer generation, and this execution then ends.
 */
async function save(tenantId: string, config: SlaConfig, before: TicketItem, next: TicketItem, events: EventItem[], at: string): Promise<void> {
  await commitTicketChange(tenantId, before, { ...next, updatedAt: at }, events, config);
}

/** A pending ticket whose date has come resumes where it was parked. */
async function resume(tenantId: string, config: SlaConfig, t: TicketItem, at: string): Promise<void> {
  const event: EventItem = { kind: 'event', id: `0${newId()}`, type: 'resumed', actorId: SYSTEM.userId, actorName: SYSTEM.name, at, to: 'due' };
  await save(tenantId, config, t, resumed(t), [event], at);
}

/** Fire one due step: its key into `sla.fired`, its history and its actions, in one write at the version read. */
async function fire(tenantId: string, config: SlaConfig, t: TicketItem, step: DueStep, at: string): Promise<void> {
  const teams = step.type === 'escalation' && step.actions.includes('reassign') ? (await listTeamItems(tenantId)).map((x) => x.teamId) : [];
  const { next, events } = fireStep(t, step, at, teams);
  await save(tenantId, config, t, next, events, at);
}

/**
 * The execution has waited long enough (`HANDOVER_AFTER_MS`): it starts its successor in the
 * chain — the same ticket and generation, `since` now; idempotent by name, so a retried check
 * starts none twice — and ends. The successor's first check computes the next wake-up afresh.
 */
async function handOver(state: TicketTimerState, at: string): Promise<TicketTimerState> {
  const { tenantId, number, generation } = state;
  await startTimerExecution({ tenantId, number, generation, chain: (state.chain ?? 0) + 1, since: at });
  return state;
}

/**
 * One wake-up of a ticket's timer execution. An execution whose generation is no longer the
 * ticket's ends (a newer one waits for the earlier deadline). Otherwise, what is due now fires,
 * one step per write, each exactly once: the write lands only at the version read, and adds the
 * step's key to `sla.fired`, so a concurrent or replayed check (a retried Task, an execution
 * resumed after a restart) either loses the write and re-reads, or finds the key and skips the
 * step. A pending ticket whose date has come resumes, as the system's change. Then it returns
 * the next instant to wake at (a deadline, a warning, an escalation step, the pending date), or
 * none: the execution ends. An execution that would wait past `HANDOVER_AFTER_MS` after its
 * start hands over to a successor instead and ends (an AWS execution lives at most a year).
 */
export async function checkTicketTimers(state: TicketTimerState): Promise<TicketTimerState> {
  const { wakeAt: _previous, ...rest } = state;
  // An execution started before executions carried `since` counts from its first check.
  rest.since ??= nowIso();
  let config: SlaConfig | undefined;
  for (let conflicts = 0; ;) {
    const t = await getTicketConsistent(state.tenantId, state.number);
    if (!t || (t.timerGeneration ?? 1) !== state.generation) return rest;
    config ??= await loadSlaConfig(state.tenantId);
    const at = nowIso();
    const { steps, nextWakeAt } = dueNow(t, config, Date.parse(at));
    const pendingOver = t.stage === 'pending' && !!t.pendingUntil && t.pendingUntil <= at;
    if (!pendingOver && steps.length === 0) {
      if (nextWakeAt === undefined) return rest;
      const wakeAt = Math.min(nextWakeAt, Date.parse(at) + MAX_WAIT_MS);
      if (wakeAt <= Date.parse(rest.since) + HANDOVER_AFTER_MS) return { ...rest, wakeAt: new Date(wakeAt).toISOString() };
      return handOver(rest, at);
    }
    try {
      if (pendingOver) await resume(state.tenantId, config, t, at);
      else await fire(state.tenantId, config, t, steps[0]!, at);
    } catch (err) {
      // Changed meanwhile (an answer, a pause, another check firing it): re-read and recompute.
      if (!(err instanceof DomainError && err.code === 'conflict') || ++conflicts >= MAX_CONFLICTS) throw err;
      continue;
    }
    conflicts = 0;
  }
}
