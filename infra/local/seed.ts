/** The demo tenant `demo`, seeded by `npm start` into an empty data folder. */
import { signup } from '../../shared/tenancy/tenants.ts';
import { createUser } from '../../shared/db/store.ts';
import { hashPassword } from '../../shared/auth/passwords.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { addMessage, createTicket, todayIn, updateTicket } from '../../shared/tickets/tickets.ts';
import { acceptAssignment, acceptTicket, assignTicket, closeTicket, pendTicket } from '../../shared/tickets/workflow.ts';
import { lockTicket } from '../../shared/tickets/locking.ts';
import type { Actor } from '../../shared/auth/actor.ts';
import type { UserItem } from '../../shared/db/items.ts';
import type { Role } from '../../shared/auth/schemas.ts';
import { createTemplate } from '../../shared/templates/templates.ts';
import { listTeamItems } from '../../shared/db/store.ts';
import { seedTeams } from './seed-teams.ts';
import { seedSla } from './seed-sla.ts';
import { seedInboundMail } from './seed-mail.ts';
import { again, seedSlaTickets } from './seed-sla-tickets.ts';
import { seedDelivery } from './seed-delivery.ts';
import { seedTopicsAndFaq } from './seed-knowledge.ts';

const PEOPLE: { role: Role; name: string; email: string; phone?: string; company?: string; department?: string }[] = [
  { role: 'coordinator', name: 'Klara Koordinator', email: 'coordinator@demo.example' },
  { role: 'agent', name: 'Ben Bearbeiter', email: 'agent@demo.example' },
  { role: 'agent', name: 'Kim Kollegin', email: 'kim@demo.example' },
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
  const coordinator = actors['coordinator@demo.example']!;

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
  // The coordinator accepts and assigns it to Ben, who accepts: only then is it his to answer.
  await acceptTicket(coordinator, vpn.ticket.number, {});
  await assignTicket(coordinator, vpn.ticket.number, { assigneeId: agent.userId });
  await acceptAssignment(agent, vpn.ticket.number, {});
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
  await addMessage(coordinator, pw.ticket.number, { body: 'Your password has been reset; please check your mail.', internal: false, status: 'solved' });
  // a customer may close their own request when it sorted itself out
  const cable = await createTicket(bob, { subject: 'Second monitor stays black', description: 'The second screen shows nothing.', priority: 'normal' });
  await addMessage(bob, cable.ticket.number, { body: 'Found it: the cable was loose. Closing this.', internal: false });
  await updateTicket(bob, cable.ticket.number, { status: 'solved' });

  // ==== workflow core (issue 6) ====
  /** The calendar day `n` days from today where the tenant works (YYYY-MM-DD). */
  const day = (n: number) => {
    const [y, m, d] = todayIn(tenant.timeZone).split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
  };
  // In pre-clarification: the coordinator asked the requester before assigning it.
  const badge = await createTicket(anna, {
    subject: 'Neuer Mitarbeiterausweis',
    description: 'Für unseren neuen Kollegen ab nächstem Monat.',
    priority: 'normal',
  });
  await acceptTicket(coordinator, badge.ticket.number, {});
  await addMessage(coordinator, badge.ticket.number, { body: 'Wie lautet der vollständige Name und das Eintrittsdatum?', internal: false });
  // Assigned to Ben (not accepted yet): the requester wished one date, the coordinator set an earlier one.
  const laptop = await createTicket(bob, {
    subject: 'Laptop for the new trainee',
    description: 'Please prepare a laptop with the standard image.',
    priority: 'high',
    requestedDueDate: day(14),
  });
  await acceptTicket(coordinator, laptop.ticket.number, {});
  await assignTicket(coordinator, laptop.ticket.number, {
    assigneeId: agent.userId,
    dueDate: day(7),
    note: 'Bitte das Standard-Image 2026.2 verwenden, Lieferung eine Woche vor dem Wunschtermin.',
  });
  // Parked until next week: the requester is on holiday; it comes back by itself.
  const backup = await createTicket(anna, { subject: 'Datensicherung prüfen', description: 'Bitte nach meinem Urlaub die Sicherung prüfen.', priority: 'low' });
  await acceptTicket(coordinator, backup.ticket.number, {});
  await assignTicket(coordinator, backup.ticket.number, { assigneeId: agent.userId });
  await acceptAssignment(agent, backup.ticket.number, {});
  await pendTicket(agent, backup.ticket.number, { until: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  // Closed as solved, with the solution recorded (K2).
  const excel = await createTicket(bob, {
    subject: 'Excel crashes when opening macros',
    description: 'Every file with macros crashes Excel.',
    priority: 'normal',
  });
  await acceptTicket(coordinator, excel.ticket.number, {});
  await assignTicket(coordinator, excel.ticket.number, { assigneeId: agent.userId });
  await acceptAssignment(agent, excel.ticket.number, {});
  await addMessage(agent, excel.ticket.number, { body: 'The add-in "PDFTools" was outdated; we updated it remotely.', internal: false });
  await closeTicket(agent, excel.ticket.number, { resolution: 'solved', solution: 'Outdated PDFTools add-in crashed Excel on macro load; updated to 4.1.' });
  // ==== end workflow core ====
  // ==== split and answers (issue 6) ====
  {
    // A request split into a hidden part (answered: its answer is a partial answer on the
    // request) and a transparent part (still open: Anna sees it and its state), and a task.
    // Imported here so this block stays the only change of the file (issue 6 is built in parallel).
    const { splitTicket } = await import('../../shared/tickets/split.ts');
    const store = await import('../../shared/db/store.ts');
    const { commitTicketChange } = await import('../../shared/tickets/commit.ts');
    const coordinator = actors['coordinator@demo.example']!;
    const adaAdmin: Actor = { tenantId: tenant.id, userId: admin.userId, role: 'admin', name: admin.name, email: admin.email };
    /** Stand-in for the workflow core's steps (accept, accept assignment): the stage, at the ticket's version. */
    const toStage = async (number: number, stage: 'clarifying' | 'in_progress') => {
      const t = await store.getTicket(tenant.id, number);
      if (t) await commitTicketChange(tenant.id, t, { ...t, stage, updatedAt: nowIso() }, []);
    };
    const desk = await createTicket(anna, {
      subject: 'Arbeitsplatz für neue Kollegin ab 1. des Monats',
      description: 'Wir brauchen einen Laptop mit Office und einen Zugang zum ERP für Frau Neu.',
      priority: 'normal',
      category: 'Hardware',
    });
    await toStage(desk.ticket.number, 'clarifying');
    const { numbers } = await splitTicket(coordinator, desk.ticket.number, {
      parts: [
        {
          subject: 'Office-Lizenz im Rahmenvertrag prüfen',
          instruction: 'Bitte prüfen, ob im Rahmenvertrag noch eine freie Office-Lizenz ist.',
          assigneeId: agent.userId,
          visibility: 'hidden',
        },
        {
          subject: 'Laptop bestellen und einrichten',
          instruction: 'Standard-Laptop bestellen, Image aufspielen, ERP-Zugang anlegen.',
          assigneeId: adaAdmin.userId,
          visibility: 'transparent',
          dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        },
      ],
    });
    await toStage(numbers[0]!, 'in_progress');
    await addMessage(agent, numbers[0]!, { body: 'Es ist noch eine Lizenz frei (Vertrag 2024-17, Position 3).', internal: false });

    await createTicket(agent, {
      subject: 'Drucker im 2. OG warten',
      description: 'Alle vier Drucker reinigen, Trommeln prüfen, Firmware aktualisieren.',
      priority: 'normal',
      type: 'task',
      estimateHours: 3,
      difficulty: 'easy',
      progress: 40,
      responsibleId: coordinator.userId,
    });
  }
  // ==== end split and answers ====
  // ==== teams and routing (issue 6) ====
  const adminActor: Actor = { tenantId: tenant.id, userId: admin.userId, role: 'admin', name: admin.name, email: admin.email };
  await seedTeams(adminActor, { coordinator, ben: agent, kim: actors['kim@demo.example']!, anna, bob });
  // ==== end teams and routing ====
  // ==== sla config (issue 7) ====
  // Calendars and one SLA policy per priority, after the teams (a team's own calendar, reassign).
  await seedSla(adminActor);
  // ==== end sla config ====
  // ==== sla engine (issue 7) ====
  // Tickets in each SLA state under those policies (on track, at risk, breached, paused, met).
  await seedSlaTickets({ anna, bob, coordinator });
  // ==== end sla engine ====
  // ==== templates (issue 6) ====
  // Acceptance and answer templates in both languages; one for a team (the first seeded team,
  // or every staff member while no team exists).
  const firstTeam = (await listTeamItems(tenant.id))[0];
  await createTemplate(coordinator, {
    name: 'Annahme: wir kümmern uns',
    kind: 'acceptance',
    language: 'de',
    body: 'Guten Tag {{requester.name}},\n\nvielen Dank für Ihre Anfrage #{{ticket.number}} „{{ticket.subject}}“. Wir kümmern uns darum und melden uns bis {{ticket.dueDate}}.\nDen Stand sehen Sie jederzeit hier: {{portal.link}}\n\nFreundliche Grüße\n{{agent.name}}',
  });
  await createTemplate(coordinator, {
    name: 'Acceptance: we are on it',
    kind: 'acceptance',
    language: 'en',
    body: 'Hello {{requester.name}},\n\nthank you for your request #{{ticket.number}} "{{ticket.subject}}". We are on it and will get back to you by {{ticket.dueDate}}.\nYou can follow it here: {{portal.link}}\n\nKind regards\n{{agent.name}}',
  });
  await createTemplate(agent, {
    name: 'Rückfrage: Versionsnummer',
    kind: 'answer',
    language: 'de',
    body: 'Hallo {{requester.name}},\n\nwelche Version ist bei Ihnen installiert? Sie finden sie unter Hilfe → Info.\n\nViele Grüße\n{{agent.name}}',
  });
  await createTemplate(agent, {
    name: 'Question: version number',
    kind: 'answer',
    language: 'en',
    body: 'Hi {{requester.name}},\n\nwhich version do you have installed? You find it under Help → About.\n\nBest regards\n{{agent.name}}',
  });
  await createTemplate(coordinator, {
    name: firstTeam ? `${firstTeam.name.de}: Gerät einschicken` : 'Gerät einschicken',
    kind: 'answer',
    language: 'de',
    teamId: firstTeam?.teamId,
    body: 'Hallo {{requester.name}},\n\nbitte schicken Sie das Gerät mit der Nummer #{{ticket.number}} auf dem Karton an unsere Werkstatt.\n\n{{agent.name}}',
  });
  // ==== end templates ====
  // ==== notifications (issue 6) ====
  // Notes naming a colleague notify them (N1); the customers' replies above already notify the
  // coordinator. The stream consumer produces the notifications after the seed, within seconds.
  await again(() =>
    addMessage(coordinator, vpn.ticket.number, { body: '@Ben Bearbeiter bitte prüfen, ob das Update zurückgerollt werden kann.', internal: true }),
  );
  await again(() => addMessage(agent, mail.ticket.number, { body: '@Klara Postfach ist auf 2 GB erweitert, bitte Kundin informieren?', internal: true }));
  // ==== end notifications ====
  // ==== locking (issue 6) ====
  // Ben began answering the printer ticket (#1, the first one above) and Klara took over: the
  // staff history shows it; the lease itself ends after two minutes like any other.
  await lockTicket(agent, 1, {});
  await lockTicket(actors['coordinator@demo.example']!, 1, { takeOver: true });
  // ==== end locking ====
  // ==== attachments (issue 8) ====
  {
    // A request with a screenshot, and an answer with a PDF guide (files stored as uploads of their author, then attached).
    const { storeAttachment } = await import('../../shared/attachments/store.ts');
    const { demoPdf, demoScreenshot } = await import('./seed-files.ts');
    const shot = await storeAttachment(tenant.id, { name: 'Fehlermeldung.png', bytes: demoScreenshot(), by: anna.userId });
    const login = await createTicket(anna, {
      subject: 'Fehlermeldung beim Anmelden im Kundenportal',
      description: 'Beim Anmelden erscheint diese Meldung (Screenshot anbei).',
      priority: 'normal',
      category: 'Software',
      attachmentIds: [shot.id],
    });
    await acceptTicket(coordinator, login.ticket.number, {});
    await assignTicket(coordinator, login.ticket.number, { assigneeId: agent.userId });
    await acceptAssignment(agent, login.ticket.number, {});
    const guide = await storeAttachment(tenant.id, {
      name: 'Anleitung-Passwort-zuruecksetzen.pdf',
      bytes: demoPdf(['Passwort zuruecksetzen', '1. Portal oeffnen', '2. "Passwort vergessen" waehlen', '3. Link in der Mail oeffnen']),
      by: agent.userId,
    });
    await addMessage(agent, login.ticket.number, {
      body: 'Bitte setzen Sie Ihr Passwort einmal zurück, die Anleitung liegt bei.',
      internal: false,
      attachmentIds: [guide.id],
    });
  }
  // ==== end attachments ====
  // ==== inbound mail (issue 8) ====
  // Mail-created and threaded tickets, sent through the inbound function (seed-mail.ts).
  await seedInboundMail(adminActor, tenant.slug);
  // ==== end inbound mail ====
  // ==== outbound mail (issue 8) ====
  // Every public answer above goes out as a real mail; Carla's mailbox bounced (infra/local/seed-delivery.ts).
  await seedDelivery(tenant.id, { agent, coordinator, passwordHash: hash });
  // ==== end outbound mail ====
  // ==== merge (issue 8) ====
  // K16: Bob asked about the scanner twice within the hour, and Klara merged the second request
  // into the first (its messages moved there, it points there, Bob got one mail). Anna asked
  // about her printer twice: the second waits, and staff see it suggested as a possible duplicate.
  {
    const { mergeTicket } = await import('../../shared/merge/merge.ts');
    const store = await import('../../shared/db/store.ts');
    const first = await createTicket(bob, {
      subject: 'Scanner on the 3rd floor only scans black pages',
      description: 'Since this morning every scan comes out black, whatever the original.',
      priority: 'normal',
    });
    await again(() => addMessage(bob, first.ticket.number, { body: 'It is the Canon DR-C240, asset tag 3-117.', internal: false }));
    const second = await createTicket(bob, {
      subject: 'Scanner 3rd floor only scans black pages!',
      description: 'The scanner on the 3rd floor still gives black pages, please have a look soon.',
      priority: 'normal',
    });
    await again(() => addMessage(bob, second.ticket.number, { body: 'My colleague from accounting has the same problem.', internal: false }));
    await again(async () =>
      mergeTicket(coordinator, second.ticket.number, {
        into: first.ticket.number,
        version: (await store.getTicket(tenant.id, second.ticket.number))?.version ?? 0,
      }),
    );
    await createTicket(anna, {
      subject: 'Drucker im 1. OG druckt Streifen',
      description: 'Seit dem Tonerwechsel hat jede Seite graue Streifen.',
      priority: 'normal',
    });
    await createTicket(anna, {
      subject: 'Drucker 1. OG druckt Streifen!',
      description: 'Auch nach dem Reinigen sind die Streifen noch da.',
      priority: 'normal',
    });
  }
  // ==== end merge ====
  // ==== topics and faq (issue 9) ====
  await seedTopicsAndFaq({ tenantId: tenant.id, userId: admin.userId, role: 'admin', name: admin.name, email: admin.email }, agent);
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  {
    const { seedArticles } = await import('./seed-articles.ts');
    await seedArticles(agent, coordinator, { published: excel.ticket.number, inReview: cable.ticket.number });
  }
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  {
    // Documents (a PDF, a video, a staff-only picture), the suggestion scheme on, two suggestions with comments and likes.
    const { seedDocsAndSuggestions } = await import('./seed-docs.ts');
    await seedDocsAndSuggestions({ admin: adminActor, agent, anna, bob });
  }
  // ==== end documents and suggestions ====
  // ==== search (issue 9) ====
  // ==== end search ====
  return {
    portalPath: `/${tenant.slug}/`,
    logins: [{ role: 'admin', email: admin.email }, ...PEOPLE.map((p) => ({ role: p.role, email: p.email }))],
  };
}
