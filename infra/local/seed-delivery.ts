/**
 * Demo of outgoing mail's delivery (issue 8): a customer whose mailbox does not exist. Ben's
 * first answer bounced ("delivery failed: 550 5.1.1 user unknown", in the staff history), so
 * her address is suppressed (her contact says so, with a button to clear it), and his second
 * answer is not mailed (the stream consumer marks it `suppressed`). Every other public answer
 * of the demo goes out as a real mail into the SES stand-in's inbox.
 */
import { SYSTEM } from '../../shared/auth/actor.ts';
import type { Actor } from '../../shared/auth/actor.ts';
import { suppressUserMail } from '../../shared/db/delivery.ts';
import { createUser, getTicket } from '../../shared/db/store.ts';
import type { MessageItem, UserItem } from '../../shared/db/items.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { commitTicketChange } from '../../shared/tickets/commit.ts';
import { addMessage, createTicket } from '../../shared/tickets/tickets.ts';
import { acceptAssignment, acceptTicket, assignTicket } from '../../shared/tickets/workflow.ts';
import { again } from './seed-sla-tickets.ts';

const DETAIL = '550 5.1.1 user unknown';

/** Carla's ticket with a bounced answer, her suppressed address, and an answer not sent. */
export async function seedDelivery(tenantId: string, people: { agent: Actor; coordinator: Actor; passwordHash: string }): Promise<void> {
  const carla: UserItem = {
    kind: 'user',
    userId: newId(),
    name: 'Carla Unzustellbar',
    email: 'carla@kunde-c.example',
    role: 'customer',
    language: 'de',
    company: 'Kunde C AG',
    passwordHash: people.passwordHash,
    emailVerified: true,
    createdAt: nowIso(),
  };
  await createUser(tenantId, carla);
  const customer: Actor = { tenantId, userId: carla.userId, role: 'customer', name: carla.name, email: carla.email };
  const { ticket } = await createTicket(customer, { subject: 'WLAN im Besprechungsraum', description: 'Im Raum 3.12 gibt es kein WLAN.', priority: 'normal' });
  await acceptTicket(people.coordinator, ticket.number, {});
  await assignTicket(people.coordinator, ticket.number, { assigneeId: people.agent.userId });
  await acceptAssignment(people.agent, ticket.number, {});

  // Ben's first answer: its mail came back (written as the bounce left it, so nothing is mailed for it).
  await again(async () => {
    const before = (await getTicket(tenantId, ticket.number))!;
    const at = nowIso();
    const bounced: MessageItem = {
      kind: 'message',
      id: newId(),
      number: ticket.number,
      body: 'Bitte starten Sie den Access Point an der Decke neu (Stecker ziehen, 10 Sekunden warten).',
      internal: false,
      authorId: people.agent.userId,
      authorName: people.agent.name,
      authorRole: people.agent.role,
      createdAt: at,
      channel: 'api',
      deliveryStatus: 'bounced',
      deliveryDetail: DETAIL,
    };
    await commitTicketChange(tenantId, before, { ...before, updatedAt: at }, [
      bounced,
      { kind: 'event', id: newId(), type: 'delivery_failed', actorId: SYSTEM.userId, actorName: SYSTEM.name, at, from: bounced.id, to: DETAIL },
    ]);
  });
  await suppressUserMail(tenantId, carla.userId, { reason: 'hard_bounce', detail: DETAIL, at: nowIso() });
  // The next answer is not mailed: the consumer marks it `suppressed`.
  await again(() => addMessage(people.agent, ticket.number, { body: 'Hat der Neustart geholfen?', internal: false }));
}
