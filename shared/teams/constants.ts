/**
 * The vocabulary of support teams and routing (T4, K5), without zod: the server's schemas build
 * on it and the web app imports it directly.
 */
import type { CHANNELS } from '../tickets/constants.ts';

/** Longest team name, per language. */
export const TEAM_NAME_MAX = 80;
/** Most routing rules a tenant keeps (they are tried one by one for every new ticket). */
export const MAX_RULES = 50;
/** Longest condition value (category, company, keyword). */
export const CONDITION_MAX = 100;

/** The conditions a rule may test; a rule needs at least one, and all of them must hold. */
export const CONDITIONS = ['category', 'channel', 'company', 'subjectContains'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** When a rule applies: every given condition holds (texts compare case-insensitively). */
export interface RuleWhen {
  category?: string;
  channel?: (typeof CHANNELS)[number];
  company?: string;
  subjectContains?: string;
}

/** Where a matching rule sends the ticket: a team's queue, a person, or the coordinator. */
export type RuleThen = { teamId: string } | { assigneeId: string } | { coordinator: true };

/** One routing rule; `id` is its stable number ("rule 3"), given by the server. */
export interface RoutingRule {
  id: string;
  when: RuleWhen;
  then: RuleThen;
}

/** The `to` of a `routed` history event: `team:{id}`, `user:{id}` or `coordinator`. */
export function targetRef(then: RuleThen): string {
  if ('teamId' in then) return `team:${then.teamId}`;
  if ('assigneeId' in then) return `user:${then.assigneeId}`;
  return 'coordinator';
}

/** A routing rule removed because its team was deleted (issue 6): the routing page's record of it. */
export interface RemovedRule {
  rule: RoutingRule;
  /** The deleted team's name, as it was. */
  teamName: { de: string; en: string };
  at: string;
  byName: string;
}

/** How many removed rules the routing page remembers (newest first). */
export const REMOVED_RULES_KEPT = 20;
