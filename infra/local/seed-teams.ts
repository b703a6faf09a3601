/**
 * The demo's support teams and routing rules (T4, K5), made through the domain functions as an
 * admin would, and a few new tickets the rules route: to Hardware by category, to Accounting by
 * a keyword in the subject, to 1st level because they came by mail.
 */
import type { Actor } from '../../shared/auth/actor.ts';
import { createTeam } from '../../shared/teams/teams.ts';
import { updateRouting } from '../../shared/teams/routing.ts';
import { createTicket } from '../../shared/tickets/tickets.ts';

/** Teams with their members, the rules, and four routed tickets; returns the teams' ids. */
export async function seedTeams(admin: Actor, people: { coordinator: Actor; ben: Actor; kim: Actor; anna: Actor; bob: Actor }) {
  const { coordinator, ben, kim, anna, bob } = people;
  // Ben works in two teams; the coordinator helps out in 1st level.
  const firstLevel = await createTeam(admin, { name: { de: '1st Level', en: '1st level' }, memberIds: [ben.userId, kim.userId, coordinator.userId] });
  const hardware = await createTeam(admin, { name: { de: 'Hardware', en: 'Hardware' }, memberIds: [ben.userId] });
  const accounting = await createTeam(admin, { name: { de: 'Buchhaltung', en: 'Accounting' }, memberIds: [kim.userId] });
  await updateRouting(admin, {
    version: 0,
    rules: [
      { when: { category: 'Hardware' }, then: { teamId: hardware.id } },
      { when: { subjectContains: 'Rechnung' }, then: { teamId: accounting.id } },
      { when: { subjectContains: 'invoice' }, then: { teamId: accounting.id } },
      { when: { channel: 'email' }, then: { teamId: firstLevel.id } },
    ],
  });
  await createTicket(anna, {
    subject: 'Monitor flackert',
    description: 'Der Monitor an Platz 12 flackert seit gestern.',
    category: 'Hardware',
    priority: 'normal',
  });
  await createTicket(anna, { subject: 'Rechnung 2026-0815 doppelt erhalten', description: 'Wir haben die Rechnung zweimal bekommen.', priority: 'normal' });
  await createTicket(bob, { subject: 'Question about invoice 4711', description: 'The invoice lists a licence we cancelled.', priority: 'high' });
  await createTicket(coordinator, {
    subject: 'Outlook fragt ständig nach dem Passwort',
    description: 'Per Mail gemeldet: Outlook fragt seit heute früh alle paar Minuten nach dem Passwort.',
    requesterId: anna.userId,
    channel: 'email',
    priority: 'normal',
  });
  return { firstLevel, hardware, accounting };
}
