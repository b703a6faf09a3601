/**
 * The knowledge topic a ticket is filed under (issue 9, suggestion scheme; `topicId`): shown on
 * the ticket page to staff and the requester (a topic deleted since still names it, marked),
 * changed by staff at the version they saw, recorded in the ticket's history (staff only: the
 * `topic` event, `from` → `to` topic ids). The write goes through `commitTicketChange` like
 * every ticket write. The names come with every ticket detail (`detail` in ./tickets.ts).
 */
import { DomainError, notFound } from '../errors.ts';
import { nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { getTicket as getTicketItem } from '../db/store.ts';
import { requireTopic } from '../knowledge/topics.ts';
import { commitTicketChange } from './commit.ts';
import { getTicket, statusEvent } from './tickets.ts';
import type { TicketDetail } from './schemas.ts';
import { SetTicketTopicInput } from './topic-schemas.ts';

/** `setTicketTopic` (staff): file the ticket under another topic (or none) at the version seen. */
export async function setTicketTopic(actor: Actor, number: number, raw: SetTicketTopicInput): Promise<TicketDetail> {
  const input = SetTicketTopicInput.parse(raw);
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff file tickets under topics');
  const before = await getTicketItem(actor.tenantId, number);
  if (!before) throw notFound(`Ticket #${number}`);
  if ((before.version ?? 0) !== input.version) throw new DomainError('conflict', 'The ticket changed meanwhile; reload and try again');
  if (before.mergedInto !== undefined) throw new DomainError('ticket_merged', `Ticket #${number} was merged into another ticket`);
  const to = input.topicId ?? undefined;
  if (to === before.topicId) return getTicket(actor, number);
  if (to) await requireTopic(actor.tenantId, to, 'topicId');
  const at = nowIso();
  await commitTicketChange(actor.tenantId, before, { ...before, topicId: to, updatedAt: at }, [
    statusEvent(actor, at, 'topic', before.topicId ?? '', to ?? ''),
  ]);
  return getTicket(actor, number);
}
