/** The demo tenant `demo`, seeded by `npm start` into an empty data folder. */
import { signup } from '../../shared/tenancy/tenants.ts';
import { createUser } from '../../shared/db/store.ts';
import { hashPassword } from '../../shared/auth/passwords.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { addMessage, createTicket, updateTicket } from '../../shared/tickets/tickets.ts';
import type { Actor } from '../../shared/auth/actor.ts';
import type { UserItem } from '../../shared/db/items.ts';
import type { Role } from '../../shared/auth/schemas.ts';

const PEOPLE: { role: Role; name: string; email: string; phone?: string; company?: string; department?: string }[] = [
  { role: 'coordinator', name: 'Klara Koordinator', email: 'coordinator@demo.example' },
  { role: 'agent', name: 'Ben Bearbeiter', email: 'agent@demo.example' },
  { role: 'customer', name: 'Anna Kunde', email: 'anna@kunde-a.example', phone: '+49 30 1234567', company: 'Kunde A GmbH', department: 'Buchhaltung' },
  { role: 'customer', name: 'Bob Customer', email: 'bob@customer-b.example', phone: '+44 20 7946 0000', company: 'Customer B Ltd', department: 'IT' },
];

/** Create the demo tenant with its staff, customers and a few tickets in several states. */
export async function seedDemo(opts: { password: string }): Promise<{ logins: { role: string; email: string }[]; portalPath: string }> {
  const { tenant, admin } = await signup(
    {
      organisationName: 'Demo Helpdesk',
      slug: 'demo',
      adminName: 'Ada Admin',
      email: 'admin@demo.example',
      password: opts.password,
      language: 'de',
      timeZone: 'Europe/Berlin',
    },
    'seed',
  );
  const hash = await hashPassword(opts.password);
  const actors: Record<string, Actor> = {};
  for (const p of PEOPLE) {
    const user: UserItem = {
      kind: 'user',
      userId: newId(),
      passwordHash: hash,
      emailVerified: true,
      createdAt: nowIso(),
      language: p.role === 'customer' && p.email.endsWith('customer-b.example') ? 'en' : 'de',
      ...p,
    };
    await createUser(tenant.id, user);
    actors[p.email] = { tenantId: tenant.id, userId: user.userId, role: p.role, name: p.name, email: p.email };
  }
  const anna = actors['anna@kunde-a.example']!;
  const bob = actors['bob@customer-b.example']!;
  const agent = actors['agent@demo.example']!;

  await createTicket(anna, {
    subject: 'Drucker im 2. OG druckt nicht',
    description: 'Seit heute Morgen kommt nur noch Papierstau-Meldung.',
    priority: 'high',
    category: 'Hardware',
  });
  const vpn = await createTicket(bob, {
    subject: 'VPN connection drops every few minutes',
    description: 'Since the last update the VPN disconnects about every 5 minutes.',
    priority: 'urgent',
    category: 'Network',
  });
  await addMessage(agent, vpn.ticket.number, { body: 'Which client version do you have installed?', internal: false });
  await addMessage(agent, vpn.ticket.number, { body: 'Known issue with 5.2 – check release notes.', internal: true });
  const mail = await createTicket(agent, {
    subject: 'Postfach voll',
    description: 'Anruf: Frau Kunde kann keine Mails mehr empfangen.',
    priority: 'normal',
    requesterId: anna.userId,
    channel: 'phone',
  });
  await addMessage(anna, mail.ticket.number, { body: 'Danke, ich warte auf Rückmeldung.', internal: false });
  await updateTicket(agent, mail.ticket.number, { status: 'open' });
  const pw = await createTicket(bob, { subject: 'Password reset for the ERP system', description: 'I am locked out of the ERP.', priority: 'low' });
  await addMessage(agent, pw.ticket.number, { body: 'Your password has been reset; please check your mail.', internal: false, status: 'solved' });
  // a customer may close their own request when it sorted itself out
  const cable = await createTicket(bob, { subject: 'Second monitor stays black', description: 'The second screen shows nothing.', priority: 'normal' });
  await addMessage(bob, cable.ticket.number, { body: 'Found it: the cable was loose. Closing this.', internal: false });
  await updateTicket(bob, cable.ticket.number, { status: 'solved' });

  // ==== workflow core (issue 6) ====
  // ==== end workflow core ====
  // ==== split and answers (issue 6) ====
  // ==== end split and answers ====
  // ==== teams and routing (issue 6) ====
  // ==== end teams and routing ====
  // ==== templates (issue 6) ====
  // ==== end templates ====
  // ==== notifications (issue 6) ====
  // Notes naming a colleague notify them (N1); the customers' replies above already notify the
  // coordinator. The stream consumer produces the notifications after the seed, within seconds.
  const coordinator = actors['coordinator@demo.example']!;
  await addMessage(coordinator, vpn.ticket.number, { body: '@Ben Bearbeiter bitte prüfen, ob das Update zurückgerollt werden kann.', internal: true });
  await addMessage(agent, mail.ticket.number, { body: '@Klara Postfach ist auf 2 GB erweitert, bitte Kundin informieren?', internal: true });
  // ==== end notifications ====
  // ==== locking (issue 6) ====
  // ==== end locking ====
  return {
    portalPath: `/${tenant.slug}/`,
    logins: [{ role: 'admin', email: admin.email }, ...PEOPLE.map((p) => ({ role: p.role, email: p.email }))],
  };
}
