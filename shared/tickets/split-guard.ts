/**
 * What every split/review operation checks before it writes: the ticket exists, the caller saw
 * its current version (when they say which), and the lifecycle table allows the move.
 */
import type { Actor } from '../auth/actor.ts';
import { DomainError, notFound } from '../errors.ts';
import { getTicket as getTicketItem } from '../db/store.ts';
import type { TicketItem } from '../db/items.ts';
import { teamIdsOf } from '../teams/membership.ts';
import type { LifecycleCaller } from './lifecycle.ts';
import { assertMove } from './moves.ts';

/** The caller as the lifecycle table needs it (with their teams). */
export async function callerOf(actor: Actor): Promise<LifecycleCaller> {
  return { userId: actor.userId, role: actor.role, teamIds: await teamIdsOf(actor.tenantId, actor.userId) };
}

/**
 * The move that allows `action` now, else 403 `forbidden` (the caller may never take it on this
 * ticket) or 409 `action_not_allowed` (not in its current stage): the workflow's one check.
 */
export const requireMove = assertMove;

/** A ticket for staff (customers never reach these operations); 409 if the caller saw an older version. */
export async function loadForChange(actor: Actor, number: number, version?: number): Promise<TicketItem> {
  const t = await getTicketItem(actor.tenantId, number);
  if (!t) throw notFound(`Ticket #${number}`);
  if (version !== undefined && version !== (t.version ?? 0)) throw new DomainError('conflict', 'The ticket was changed meanwhile; reload and try again');
  return t;
}
