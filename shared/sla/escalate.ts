/**
 * What firing one due SLA step does to a ticket (issue 7, point 5): pure. A warning and a breach
 * only record themselves; an escalation step records itself and does its actions — raising the
 * priority by one, handing the ticket to a team's queue untaken (as assigning it to a team
 * would), and telling the coordinators or the team (the notification effect reads that off the
 * recorded event). Every event id is derived from the step's key, so the history of one step
 * can only ever be written once per ticket version (`workflow/timers.ts` writes it).
 */
import { SYSTEM } from '../auth/actor.ts';
import type { EventItem, TicketItem } from '../db/items.ts';
import { PRIORITIES, type Priority } from '../tickets/constants.ts';
import { assigned } from '../tickets/moves.ts';
import type { EscalationAction } from './constants.ts';
import type { DueStep } from './engine.ts';

/** The history event type of each step type. */
const EVENT_OF = { warning: 'sla_warning', breach: 'sla_breached', escalation: 'sla_escalated' } as const;

/** Id of the history event a step records (`sla:{key}`), and of its further events (`…:1`, `…:2`). */
export const stepEventId = (key: string, seq = 0) => (seq === 0 ? `sla:${key}` : `sla:${key}:${seq}`);

/** `to` of an `sla_escalated` event: `{policyId}#{step}: {action,action}` (the notification effect reads the actions back). */
export const escalationDetail = (policyId: string, step: number, actions: readonly EscalationAction[]) => `${policyId}#${step}: ${actions.join(',')}`;

/** The actions named in an `sla_escalated` event's `to`. */
export function actionsOf(detail: string | undefined): EscalationAction[] {
  const list = detail?.split(': ', 2)[1];
  return list ? (list.split(',') as EscalationAction[]) : [];
}

/** One priority up; the highest stays. */
export function raisedPriority(p: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)]!;
}

/** What a step does: the ticket after it (its key in `sla.fired`) and the history events to add, in order. */
export interface FiredStep {
  next: TicketItem;
  events: EventItem[];
}

/**
 * Fire `step` on `t` at `at`. `teamIds` are the tenant's teams: a reassignment to a team that no
 * longer exists is left out (the escalation is still recorded, with the actions really taken).
 * A closed ticket is not reassigned, and one already waiting untaken in that team's queue stays.
 */
export function fireStep(t: TicketItem, step: DueStep, at: string, teamIds: readonly string[]): FiredStep {
  const sla = t.sla ?? { startedAt: t.createdAt };
  let next: TicketItem = { ...t, sla: { ...sla, fired: [...(sla.fired ?? []), step.key] } };
  const extra: Pick<EventItem, 'type' | 'from' | 'to'>[] = [];
  let detail: string | undefined;
  if (step.type === 'escalation') {
    const taken: EscalationAction[] = [];
    for (const action of step.actions) {
      if (action === 'raise_priority') {
        const to = raisedPriority(next.priority);
        if (to === next.priority) continue;
        extra.push({ type: 'priority', from: next.priority, to });
        next = { ...next, priority: to };
      } else if (action === 'reassign') {
        const teamId = step.teamId;
        if (!teamId || !teamIds.includes(teamId) || next.stage === 'closed') continue;
        if (next.teamId === teamId && !next.assigneeId && next.stage === 'assigned') continue;
        const move = assigned(next, { teamId });
        extra.push(...move.events);
        next = move.next;
      }
      taken.push(action);
    }
    detail = escalationDetail(step.policyId, step.step, taken);
  } else {
    detail = new Date(step.clock.targetAt).toISOString();
  }
  const event = (seq: number, e: Pick<EventItem, 'type' | 'from' | 'to'>): EventItem => ({
    kind: 'event',
    id: stepEventId(step.key, seq),
    type: e.type,
    actorId: SYSTEM.userId,
    actorName: SYSTEM.name,
    at,
    ...(e.from !== undefined && { from: e.from }),
    ...(e.to !== undefined && { to: e.to }),
  });
  const events = [event(0, { type: EVENT_OF[step.type], from: step.clock.kind, to: detail }), ...extra.map((e, i) => event(i + 1, e))];
  return { next, events };
}
