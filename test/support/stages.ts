/**
 * Store-level stand-ins for workflow steps that other operations own (accept, assign,
 * accept_assignment, team admin): a spec of split and review puts a ticket into the stage it
 * starts from directly, through the same versioned write (with its SLA clocks) every operation uses.
 */
import { getTicket } from '../../shared/db/store.ts';
import { commitTicketChange } from '../../shared/tickets/commit.ts';
import { TeamEntity } from '../../shared/db/entities/teams.ts';
import { on } from '../../shared/db/entities/tenant.ts';
import type { TicketItem } from '../../shared/db/items.ts';
import { newId, nowIso } from '../../shared/ids.ts';

/** Move a ticket to a stage (and set workflow fields), as accept / assign / accept_assignment would. */
export async function putInStage(tenantId: string, number: number, fields: Partial<TicketItem>): Promise<void> {
  const t = await getTicket(tenantId, number);
  if (!t) throw new Error(`no ticket #${number}`);
  await commitTicketChange(tenantId, t, { ...t, ...fields, updatedAt: nowIso() }, []);
}

/** A support team of a tenant (as the admin's team page would create it); returns its id. */
export async function putTeam(tenantId: string, name: string, memberIds: string[]): Promise<string> {
  const teamId = newId();
  await TeamEntity.create({ tenantId, teamId, name: { de: name, en: name }, memberIds, createdAt: nowIso(), version: 1 }).go(on(tenantId));
  return teamId;
}
