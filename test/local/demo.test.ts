/**
 * The demo tenant `npm start` seeds into an empty data folder: every feature that exists shows
 * in it, and its people can sign in. Seeded here into the shared test stack (the slug `demo` is
 * used by no other suite).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../infra/local/seed.ts';
import { apiClient, type UserClient } from '../support/api.ts';
import { mailTo, waitForMail } from '../support/mail.ts';

const PASSWORD = 'demo-password-for-the-spec';
let demo: Awaited<ReturnType<typeof seedDemo>>;
let agent: UserClient;
beforeAll(async () => {
  demo = await seedDemo({ password: PASSWORD });
  agent = apiClient().as('demo-agent');
  const r = await agent.post('/api/v1/portals/demo/login', { email: 'agent@demo.example', password: PASSWORD });
  expect(r.status, r.text).toBe(200);
});

describe('the demo tenant', () => {
  it('lists a login for every role, each of which signs in', async () => {
    expect(demo.portalPath).toBe('/demo/');
    expect(demo.logins.map((l) => l.role).sort()).toEqual(['admin', 'agent', 'agent', 'coordinator', 'customer', 'customer']);
    for (const { email } of demo.logins) {
      const r = await apiClient().anonymous().post('/api/v1/portals/demo/login', { email, password: PASSWORD });
      expect(r.status, email).toBe(200);
    }
  });

  it('has tickets in several states, one of them closed by its own customer', async () => {
    const list = await agent.get('/api/v1/tickets', { query: { view: 'all' } });
    const statuses = new Set((list.json.items as { status: string }[]).map((t) => t.status));
    for (const s of ['new', 'open', 'waiting', 'solved']) expect(statuses, s).toContain(s);
    const closed = await agent.get('/api/v1/tickets/5');
    expect(closed.json.ticket.status).toBe('solved');
    expect(closed.json.history).toContainEqual(expect.objectContaining({ type: 'status', actorName: 'Bob Customer', to: 'solved' }));
  });

  it('acknowledged every request and mailed support’s answers, each customer in their language', async () => {
    await waitForMail('anna@kunde-a.example', { subject: '[#1]' });
    const bob = await waitForMail('bob@customer-b.example', { subject: '[#2]' });
    expect(bob.body.text).toMatch(/received|answered/);
    const anna = await mailTo('anna@kunde-a.example');
    expect(anna.every((m) => /erhalten|geantwortet/.test(m.body.text ?? ''))).toBe(true);
  });

  it('has teams with members (Ben in two), routing rules, and new tickets routed by them', async () => {
    const teams = (await agent.get('/api/v1/teams')).json.items as { id: string; name: { de: string; en: string }; members: { name: string }[] }[];
    const byName = Object.fromEntries(teams.map((t) => [t.name.en, t]));
    expect(Object.keys(byName).sort()).toEqual(['1st level', 'Accounting', 'Hardware']);
    expect(byName['Accounting']!.name.de).toBe('Buchhaltung');
    expect(
      teams
        .filter((t) => t.members.some((m) => m.name === 'Ben Bearbeiter'))
        .map((t) => t.name.en)
        .sort(),
    ).toEqual(['1st level', 'Hardware']);
    const coordinator = apiClient().as('demo-coordinator');
    await coordinator.post('/api/v1/portals/demo/login', { email: 'coordinator@demo.example', password: PASSWORD });
    const rules = (await coordinator.get('/api/v1/routing')).json.rules as { id: string; then: { teamId?: string } }[];
    expect(rules.map((r) => r.then.teamId)).toEqual([byName['Hardware']!.id, byName['Accounting']!.id, byName['Accounting']!.id, byName['1st level']!.id]);
    const all = (await agent.get('/api/v1/tickets', { query: { view: 'all' } })).json.items as { number: number; subject: string }[];
    const routedTo = async (subject: string) => {
      const number = all.find((t) => t.subject === subject)!.number;
      const detail = (await agent.get(`/api/v1/tickets/${number}`)).json;
      return { team: detail.ticket.team?.id, stage: detail.ticket.stage, routed: detail.history.find((e: { type: string }) => e.type === 'routed') };
    };
    expect(await routedTo('Monitor flackert')).toMatchObject({ team: byName['Hardware']!.id, stage: 'assigned', routed: { from: rules[0]!.id } });
    expect(await routedTo('Rechnung 2026-0815 doppelt erhalten')).toMatchObject({ team: byName['Accounting']!.id, routed: { from: rules[1]!.id } });
    expect(await routedTo('Question about invoice 4711')).toMatchObject({ team: byName['Accounting']!.id, routed: { from: rules[2]!.id } });
    expect(await routedTo('Outlook fragt ständig nach dem Passwort')).toMatchObject({ team: byName['1st level']!.id, routed: { from: rules[3]!.id } });
  });

  it('shows the workflow: tickets to accept, in pre-clarification, assigned to Ben with two due dates, pending, solved with its solution', async () => {
    const klara = apiClient().as('demo-coordinator');
    expect((await klara.post('/api/v1/portals/demo/login', { email: 'coordinator@demo.example', password: PASSWORD })).status).toBe(200);
    type Row = { number: number; subject: string; requesterDueDate?: string; coordinatorDueDate?: string };
    const rows = async (c: UserClient, view: string) => (await c.get('/api/v1/tickets', { query: { view } })).json.items as Row[];
    expect((await rows(klara, 'to_accept')).map((r) => r.subject)).toContain('Drucker im 2. OG druckt nicht');
    expect((await rows(klara, 'to_assign')).map((r) => r.subject)).toContain('Neuer Mitarbeiterausweis');
    const laptop = (await rows(agent, 'mine')).find((r) => r.subject === 'Laptop for the new trainee');
    expect(laptop?.requesterDueDate).toBeDefined();
    expect(laptop?.coordinatorDueDate).toBeDefined();
    expect(laptop?.coordinatorDueDate).not.toBe(laptop?.requesterDueDate);
    expect((await rows(klara, 'pending')).map((r) => r.subject)).toEqual(['Datensicherung prüfen']);
    const closed = (await rows(klara, 'closed')).find((r) => r.subject === 'Excel crashes when opening macros')!;
    expect((await klara.get(`/api/v1/tickets/${closed.number}`)).json.ticket).toMatchObject({
      stage: 'closed',
      resolution: 'solved',
      solution: expect.stringContaining('PDFTools'),
    });
  });

  it('gives the coordinator and the agent notifications under the bell (produced by the stream after the seed)', async () => {
    const klara = apiClient().as('demo-coordinator');
    expect((await klara.post('/api/v1/portals/demo/login', { email: 'coordinator@demo.example', password: PASSWORD })).status).toBe(200);
    const kinds = async (who: UserClient) => new Set(((await who.get('/api/v1/notifications')).json.items as { kind: string }[]).map((n) => n.kind));
    await expect.poll(() => kinds(agent), { timeout: 20_000, interval: 100 }).toContain('mentioned');
    await expect
      .poll(async () => [...(await kinds(klara))].sort(), { timeout: 20_000, interval: 100 })
      .toEqual(expect.arrayContaining(['customer_replied', 'mentioned']));
    expect((await agent.get('/api/v1/notifications')).json.unread).toBeGreaterThan(0);
    expect((await klara.get('/api/v1/notifications')).json.unread).toBeGreaterThan(1);
  });
  // ==== sla config (issue 7) ====
  it('has the Berlin business calendar with Berlin’s holidays, a policy per priority, and the Hardware team on its own calendar', async () => {
    const calendars = (await agent.get('/api/v1/calendars')).json.items as {
      id: string;
      name: string;
      timeZone: string;
      week?: Record<string, unknown[]>;
      holidays: { date: string }[];
    }[];
    expect(calendars[0]!.id).toBe('24x7');
    const berlin = calendars.find((c) => c.name === 'Geschäftszeiten Berlin / Business hours Berlin')!;
    expect(berlin.timeZone).toBe('Europe/Berlin');
    expect(Object.keys(berlin.week!)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    const year = new Date().getUTCFullYear();
    // International Women's Day is a public holiday in Berlin only; Good Friday moves every year.
    expect(berlin.holidays.map((h) => h.date)).toEqual(expect.arrayContaining([`${year}-03-08`]));
    expect(berlin.holidays.filter((h) => !h.date.endsWith('-03-08')).some((h) => h.date.startsWith(`${year + 1}-`))).toBe(true);
    const policies = (await agent.get('/api/v1/sla-policies')).json.items as {
      match: { priorities: string[] };
      calendarId: string;
      warnAtPercent: number;
      targets: { firstResponseMinutes: number };
    }[];
    expect(policies.map((p) => p.match.priorities)).toEqual([['urgent'], ['high'], ['normal'], ['low']]);
    expect(policies.every((p) => p.calendarId === berlin.id && p.warnAtPercent === 80)).toBe(true);
    expect(policies[0]!.targets.firstResponseMinutes).toBe(30);
    const teams = (await agent.get('/api/v1/teams')).json.items as { name: { en: string }; calendarId?: string }[];
    const hardware = teams.find((t) => t.name.en === 'Hardware')!;
    expect(calendars.find((c) => c.id === hardware.calendarId)?.name).toBe('Werkstatt / Workshop');
  });
  // ==== end sla config ====
  // ==== sla engine (issue 7) ====
  it('has a ticket in each SLA state: on track, at risk, breached, paused while the customer is asked, met', async () => {
    const items = (await agent.get('/api/v1/tickets', { query: { view: 'all', sort: 'slaDueAt' } })).json.items as {
      number: number;
      subject: string;
      slaState?: string;
    }[];
    const bySubject = (subject: string) => items.find((t) => t.subject === subject)!;
    expect(bySubject('Zugang zum Lieferantenportal').slaState).toBe('on_track');
    expect(bySubject('Shared drive is very slow').slaState).toBe('at_risk');
    expect(bySubject('Telefonanlage bricht Gespräche ab').slaState).toBe('breached');
    expect(items[0]!.slaState).toBe('breached'); // due first
    const states = async (subject: string) =>
      ((await agent.get(`/api/v1/tickets/${bySubject(subject).number}`)).json.ticket.sla.clocks as { kind: string; state: string }[]).map((c) => [
        c.kind,
        c.state,
      ]);
    expect(await states('Licence for the CAD software')).toEqual([
      ['first_response', 'met'],
      ['resolution', 'paused'],
    ]);
    expect(await states('Schriftart fehlt in Word')).toEqual([
      ['first_response', 'met'],
      ['resolution', 'met'],
    ]);
    // The tickets seeded before the policies run under them too.
    expect(bySubject('Drucker im 2. OG druckt nicht').slaState).toBeDefined();
  });
  // ==== end sla engine ====
  // ==== topics and faq (issue 9) ====
  it('has topics and an FAQ in German and English, readable without signing in, one entry under a topic deleted since', async () => {
    const topics = (await agent.get('/api/v1/topics', { headers: { 'accept-language': 'de' } })).json.items as { name: { de: string } }[];
    expect(topics.map((t) => t.name.de)).toEqual(expect.arrayContaining(['Drucker', 'Netzwerk', 'Konto']));
    const faq = await apiClient().anonymous().get('/api/v1/knowledge/demo/faq');
    expect(faq.status).toBe(200);
    const items = faq.json.items as { question: string; language: string; topic?: { deleted?: boolean } }[];
    expect(items.filter((f) => f.language === 'de').length).toBeGreaterThanOrEqual(5);
    expect(items.filter((f) => f.language === 'en').length).toBeGreaterThanOrEqual(5);
    expect(items.find((f) => f.question === 'Wie versende ich ein Fax?')?.topic).toMatchObject({ name: { de: 'Fax' }, deleted: true });
    const page = await apiClient().anonymous().get('/kb/demo/faq');
    expect(page.text).toContain('Wie richte ich einen Netzwerkdrucker ein?');
  });
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  it('has a knowledge base: published articles in German and English, one for staff only, one in review, two from solved tickets', async () => {
    const items = (await agent.get('/api/v1/articles')).json.items as {
      id: string;
      title: string;
      status: string;
      audience: string;
      origin?: { ticketNumber: number };
    }[];
    const published = items.filter((a) => a.status === 'published');
    expect(published.length).toBeGreaterThanOrEqual(4);
    expect(published.some((a) => a.audience === 'staff')).toBe(true);
    expect(items.filter((a) => a.status === 'review')).toHaveLength(1);
    // (the accepted improvement suggestion is published from its ticket too)
    const fromTicket = published.find((a) => a.origin && a.title === 'Excel crashes when opening macros');
    expect(fromTicket?.origin).toBeTruthy();
    const anna = apiClient().as('demo-anna');
    expect((await anna.post('/api/v1/portals/demo/login', { email: 'anna@kunde-a.example', password: PASSWORD })).status).toBe(200);
    const forAnna = (await anna.get('/api/v1/articles')).json.items as { audience: string; origin?: unknown }[];
    expect(forAnna.length).toBe(published.length - 1);
    expect(forAnna.every((a) => a.audience !== 'staff' && a.origin === undefined)).toBe(true);
  });
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  it('has documents with real files (a PDF, a playable video, a staff-only picture) and a suggestion with comments and likes accepted into a published article', async () => {
    const docs = (await agent.get('/api/v1/knowledge/documents')).json.items as { type: string; audience: string; file: { id: string; contentType: string } }[];
    expect(docs.map((d) => d.file.contentType).sort()).toEqual(['application/pdf', 'image/png', 'video/webm']);
    const video = docs.find((d) => d.type === 'video')!;
    const url = (await agent.get(`/api/v1/attachments/${video.file.id}`)).json.url as string;
    expect((await fetch(url, { headers: { range: 'bytes=0-3' } })).status).toBe(206);
    expect((await agent.get('/api/v1/knowledge/suggestions/settings')).json).toMatchObject({ enabled: true, customersJoin: true });
    const suggestions = (await agent.get('/api/v1/knowledge/suggestions')).json.items as { likes: number; comments: number; articleId?: string }[];
    const accepted = suggestions.find((s) => s.articleId)!;
    expect(accepted).toMatchObject({ likes: 3, comments: 2 });
    const article = (await agent.get(`/api/v1/articles/${accepted.articleId}`)).json;
    expect(article).toMatchObject({ status: 'published', origin: { requesterName: 'Anna Kunde' } });
    expect(article.body).toContain('Vorschlag von Anna Kunde');
    expect((await agent.get(`/api/v1/knowledge/feedback/articles/${accepted.articleId}/comments`)).json).toMatchObject({ likes: 2 });
  });
  // ==== end documents and suggestions ====
});
