/**
 * Routing (K5): the admin's ordered rules send a new ticket to a team's queue, a person, or the
 * coordinator (also the default). `routeTicket` is the pure decision; `routeNewTicket` applies it
 * to a ticket being created (fields and the `routed` history event, written with the ticket).
 */
import { DomainError, type FieldError } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { requireRole, type Actor } from '../auth/actor.ts';
import { listTeamItems } from '../db/store.ts';
import { getRoutingItem, getTeamItem, putRoutingItem } from '../db/teams.ts';
import type { TicketItem } from '../db/items.ts';
import { targetRef, type RoutingRule, type RuleThen } from './constants.ts';
import { UpdateRoutingInput, type Routing } from './schemas.ts';
import { staffByIds } from './teams.ts';

/** What routing looks at on a new ticket. */
export interface Routable {
  subject: string;
  channel: string;
  category?: string;
  company?: string;
}

/** The outcome: the rule that matched (none: the default) and where the ticket goes. */
export interface RouteDecision {
  ruleId?: string;
  then: RuleThen;
}

const fold = (s: string | undefined) => (s ?? '').trim().toLocaleLowerCase('de');

/** Whether every condition of a rule holds for the ticket (texts compare case-insensitively). */
export function ruleMatches(rule: Pick<RoutingRule, 'when'>, t: Routable): boolean {
  const w = rule.when;
  const conditions = [
    w.category === undefined || fold(w.category) === fold(t.category),
    w.channel === undefined || w.channel === t.channel,
    w.company === undefined || fold(w.company) === fold(t.company),
    w.subjectContains === undefined || fold(t.subject).includes(fold(w.subjectContains)),
  ];
  // A rule without any condition never matches (the schema refuses it; stored data is trusted less).
  return Object.values(w).some((v) => v !== undefined) && conditions.every(Boolean);
}

/** The first matching rule's target, or the coordinator when none matches. */
export function routeTicket(t: Routable, rules: readonly RoutingRule[]): RouteDecision {
  const rule = rules.find((r) => ruleMatches(r, t));
  return rule ? { ruleId: rule.id, then: rule.then } : { then: { coordinator: true } };
}

/** The routing rules of the caller's tenant (admins and coordinators). */
export async function getRouting(actor: Actor): Promise<Routing> {
  requireRole(actor, ['admin', 'coordinator']);
  const { rules, version, removed } = await getRoutingItem(actor.tenantId);
  return { rules, version, ...(removed ? { removed } : {}) };
}

/**
 * Replace the rules (admins), only at the version the admin saw. New rules get the next free
 * number; a target must be a team of this tenant or one of its confirmed staff.
 */
export async function updateRouting(actor: Actor, raw: UpdateRoutingInput): Promise<Routing> {
  requireRole(actor, ['admin']);
  const input = UpdateRoutingInput.parse(raw);
  const stored = await getRoutingItem(actor.tenantId);
  if (stored.version !== input.version) throw new DomainError('conflict', 'The routing rules were changed meanwhile; reload and try again');
  const [teams, staff] = await Promise.all([
    listTeamItems(actor.tenantId),
    staffByIds(
      actor.tenantId,
      input.rules.flatMap((r) => ('assigneeId' in r.then ? [r.then.assigneeId] : [])),
    ),
  ]);
  const teamIds = new Set(teams.map((t) => t.teamId));
  const errors: FieldError[] = input.rules.flatMap((r, i) => {
    if ('teamId' in r.then && !teamIds.has(r.then.teamId)) return [{ path: `rules.${i}.then.teamId`, message: 'no such team', code: 'unknown_team' }];
    if ('assigneeId' in r.then && !staff.has(r.then.assigneeId))
      return [{ path: `rules.${i}.then.assigneeId`, message: 'not a staff member of this organisation', code: 'not_staff' }];
    return [];
  });
  if (errors.length > 0) throw new DomainError('validation_failed', 'A rule names an unknown target', errors);
  // Numbers are never reused, so "rule 3" in an old ticket's history never means another rule.
  let next = Math.max(stored.nextRuleId, ...input.rules.map((r) => (r.id ? Number(r.id) + 1 : 1)));
  const rules: RoutingRule[] = input.rules.map((r) => ({ id: r.id ?? String(next++), when: r.when, then: r.then as RuleThen }));
  // The record of rules removed with deleted teams stays (issue 6).
  await putRoutingItem(actor.tenantId, { rules, nextRuleId: next, version: input.version + 1, removed: stored.removed }, input.version, nowIso());
  return { rules, version: input.version + 1, ...(stored.removed ? { removed: stored.removed } : {}) };
}

/**
 * Route a ticket being created: where it goes (team queue or person: stage `assigned`;
 * coordinator: stage unchanged, `new`), and which rule sent it where (`routedBy`, `routedTo`:
 * the history shows them as a `routed` entry, so creating a ticket stays one write).
 * A target gone since the rule was saved (a removed person) leaves the ticket to the coordinator.
 */
export async function routeNewTicket(tenantId: string, ticket: TicketItem): Promise<Partial<TicketItem>> {
  const { rules } = await getRoutingItem(tenantId);
  const decision = routeTicket(ticket, rules);
  if (!decision.ruleId) return {};
  let then = decision.then;
  let fields: Partial<TicketItem> = {};
  if ('teamId' in then) {
    if (await getTeamItem(tenantId, then.teamId)) fields = { teamId: then.teamId, stage: 'assigned' };
    else then = { coordinator: true };
  } else if ('assigneeId' in then) {
    const person = (await staffByIds(tenantId, [then.assigneeId])).get(then.assigneeId);
    if (person) fields = { assigneeId: person.userId, assigneeName: person.name, stage: 'assigned' };
    else then = { coordinator: true };
  }
  return { ...fields, routedBy: decision.ruleId, routedTo: targetRef(then) };
}
