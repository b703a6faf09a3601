/**
 * The coordinator/assignee workflow through the real UI (issue 6, points 3, 4, 7, 11), in German
 * on a 375 px phone and in English on a 1280 px desktop: a coordinator accepts a new request
 * from "To accept" and assigns it to a team with their own due date and an instruction; a member
 * of the team, whose workspace is already open in a second browser, sees it appear under "My
 * teams" by itself (the tab's count too), takes it and finds it under "Mine". The requester's
 * wished date and the coordinator's date are both shown, labelled, in the lists and on the
 * ticket; the requester's own page shows their date and never the coordinator's. Of two members
 * taking at once the second is told who won; the taker pends, resumes and closes the ticket as
 * solved (the requester reads the solution), reopens it and hands it back with a reason. The
 * coordinator's overview narrows by team, person and stage and takes in closed tickets; a
 * person assigned accepts the assignment.
 *
 * Needs the web build (`npm run build:web`), Debian's Chromium, and the workflow operations
 * (accept, assign, take, counts, the new views) and teams on the server.
 * Screenshots: test-results/browser-workflow/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { Temporal } from 'temporal-polyfill';
import { launchBrowser, newUser, overflowsSideways, poll, seen, shot, text, type User } from './browser.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-workflow';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    toAccept: 'Anzunehmen',
    myTeams: 'Meine Teams',
    mine: 'Meine',
    accept: 'Annehmen',
    accepted: 'Sie haben das Ticket angenommen: es ist in der Vorklärung.',
    clarifying: 'Vorklärung',
    assign: 'Zuweisen…',
    assignTitle: (n: number) => `Ticket #${n} zuweisen`,
    aTeam: 'Ein Team',
    teamLabel: 'Team',
    coordinatorDue: 'Termin der Koordination',
    note: 'Arbeitsanweisung für die Bearbeitung',
    assignSubmit: 'Zuweisen',
    assigned: 'Ticket zugewiesen.',
    stageAssigned: 'Zugewiesen',
    take: 'Übernehmen',
    taken: 'Sie haben das Ticket übernommen.',
    inProgress: 'In Bearbeitung',
    dueRequester: 'Anfrager',
    dueCoordinator: 'Koordination',
    requesterDue: 'Wunschtermin des Anfragers',
    teamName: 'Hardware-Team',
    alreadyTaken: (by: string) => `${by} hat dieses Ticket bereits übernommen. Die Seite zeigt jetzt den aktuellen Stand des Tickets.`,
    pend: 'Zurückstellen bis…',
    pendTitle: (n: number) => `Ticket #${n} zurückstellen`,
    until: 'Bis',
    pendSubmit: 'Zurückstellen',
    pended: 'Ticket zurückgestellt.',
    stagePending: 'Zurückgestellt',
    resume: 'Wieder aufnehmen',
    resumed: 'Ticket wieder aufgenommen.',
    close: 'Abschließen…',
    closeTitle: (n: number) => `Ticket #${n} abschließen`,
    solved: 'Gelöst',
    solution: 'Lösung',
    closeSubmit: 'Ticket abschließen',
    closed: 'Ticket abgeschlossen.',
    stageClosed: 'Abgeschlossen',
    outcome: 'Ergebnis',
    reopen: 'Wieder öffnen',
    reopened: 'Ticket wieder geöffnet.',
    handBack: 'Zurückgeben…',
    handBackTitle: (n: number) => `Ticket #${n} zurückgeben`,
    reason: 'Begründung',
    handBackSubmit: 'Zurückgeben',
    handedBack: 'Das Ticket ist zurück bei der Koordination.',
    overview: 'Übersicht',
    filterTeam: 'Team',
    filterAssignee: 'Bearbeiter',
    filterStage: 'Phase',
    scope: 'Tickets',
    scopeBoth: 'Aktuelle und abgeschlossene',
    anyTeam: 'Alle Teams',
    stageNew: 'Neu',
    acceptAssignment: 'Zuweisung annehmen',
    assignmentAccepted: 'Sie haben die Zuweisung angenommen.',
    show: 'Anzeigen',
  },
  en: {
    toAccept: 'To accept',
    myTeams: 'My teams',
    mine: 'Mine',
    accept: 'Accept',
    accepted: 'You accepted the ticket: it is in pre-clarification.',
    clarifying: 'Pre-clarification',
    assign: 'Assign…',
    assignTitle: (n: number) => `Assign ticket #${n}`,
    aTeam: 'A team',
    teamLabel: 'Team',
    coordinatorDue: 'Coordinator’s due date',
    note: 'Instruction for the assignee',
    assignSubmit: 'Assign',
    assigned: 'Ticket assigned.',
    stageAssigned: 'Assigned',
    take: 'Take',
    taken: 'You took the ticket.',
    inProgress: 'In progress',
    dueRequester: 'Requester',
    dueCoordinator: 'Coordinator',
    requesterDue: 'Requester’s due date',
    teamName: 'Hardware team',
    alreadyTaken: (by: string) => `${by} has already taken this ticket. The page now shows the ticket as it is.`,
    pend: 'Pend until…',
    pendTitle: (n: number) => `Pend ticket #${n}`,
    until: 'Until',
    pendSubmit: 'Pend',
    pended: 'Ticket pended.',
    stagePending: 'Pending',
    resume: 'Resume',
    resumed: 'Ticket resumed.',
    close: 'Close…',
    closeTitle: (n: number) => `Close ticket #${n}`,
    solved: 'Solved',
    solution: 'Solution',
    closeSubmit: 'Close ticket',
    closed: 'Ticket closed.',
    stageClosed: 'Closed',
    outcome: 'Outcome',
    reopen: 'Reopen',
    reopened: 'Ticket reopened.',
    handBack: 'Hand back…',
    handBackTitle: (n: number) => `Hand back ticket #${n}`,
    reason: 'Reason',
    handBackSubmit: 'Hand back',
    handedBack: 'The ticket went back to the coordinator.',
    overview: 'Overview',
    filterTeam: 'Team',
    filterAssignee: 'Assignee',
    filterStage: 'Stage',
    scope: 'Tickets',
    scopeBoth: 'Current and closed',
    anyTeam: 'Any team',
    stageNew: 'New',
    acceptAssignment: 'Accept assignment',
    assignmentAccepted: 'You accepted the assignment.',
    show: 'Show',
  },
} as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  await browser?.close();
});

/** A day `days` from today, as YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A date as the web app shows it (Intl, medium, the calendar date itself). */
const shown = (lang: 'de' | 'en', d: string) =>
  new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));

describe.each([
  { lang: 'de' as const, width: 375, height: 740 },
  { lang: 'en' as const, width: 1280, height: 800 },
])('the workflow in $lang at $width px', ({ lang, width, height }) => {
  const T = TEXTS[lang];
  const users: User[] = [];
  afterAll(async () => {
    for (const u of users) await u.context.close();
  });

  /** A browser of its own (cookies, storage) signed in as `client`, in this language and width. */
  async function browserOf(client: UserClient): Promise<Page> {
    // The agents sit in New York, their tenant works in Berlin: times are the tenant's.
    const u = await newUser(browser, { width, height, locale: lang === 'de' ? 'de-DE' : 'en-GB', baseURL: baseUrl, timezoneId: 'America/New_York' });
    users.push(u);
    await u.context.addInitScript((l) => localStorage.setItem('helpdesk.lang', l), lang);
    await u.context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    return u.page;
  }

  it(
    'the coordinator accepts and assigns to a team with a due date; a member sees it under My teams by itself, takes it, finds it under Mine',
    { timeout: 120_000 },
    async () => {
      const t = await newTenant(`wf-${lang}`, lang);
      const coordinator = await newStaff(t, 'coordinator', 'Cleo Coordinator');
      const agent = await newStaff(t, 'agent', 'Arne Agent');
      const customer = await newCustomer(t, 'Rita Requester');
      const team = await t.admin.post('/api/v1/teams', { name: { de: 'Hardware-Team', en: 'Hardware team' }, memberIds: [agent.id] });
      expect(team.status, team.text).toBe(201);
      const asked = day(30);
      const promised = day(12);
      const subject = `Laptop screen flickers ${lang}`;
      const created = await customer.client.post('/api/v1/tickets', { subject, description: 'Since the update.', requestedDueDate: asked });
      expect(created.status, created.text).toBe(201);
      const number = created.json.ticket.number as number;
      const row = (p: Page) => p.getByTestId('ticket-row').filter({ hasText: subject });

      // the team member's workspace is open before anything happens: nothing in "My teams" yet
      const a = await browserOf(agent.client);
      await a.goto(`/${t.slug}/agent?tab=my_teams`);
      await seen(a.getByTestId('tab-my_teams').filter({ hasText: T.myTeams }));
      await poll(() => a.getByTestId('count-my_teams').innerText()).toMatch(/^0\b/);
      expect(await a.getByTestId('tab-to_accept').count()).toBe(0); // a coordinator's list

      // the coordinator finds it under "To accept" and accepts it
      const c = await browserOf(coordinator.client);
      await c.goto(`/${t.slug}/agent?tab=to_accept`);
      await seen(c.getByTestId('tab-to_accept').filter({ hasText: T.toAccept }));
      await seen(row(c));
      expect(await text(row(c).getByTestId('due-requester'))).toBe(`${T.dueRequester} ${shown(lang, asked)}`);
      await row(c)
        .getByRole('link', { name: `#${number}`, exact: true })
        .click();
      await c.waitForURL(`**/${t.slug}/agent/tickets/${number}`);
      const panel = c.getByTestId('workflow-panel');
      await panel.getByRole('button', { name: T.accept, exact: true }).click();
      await seen(panel.getByRole('status').filter({ hasText: T.accepted }));
      await poll(() => text(panel.getByTestId('ticket-stage'))).toBe(T.clarifying);

      // … and assigns it to the team, with their own date and an instruction
      await panel.getByRole('button', { name: T.assign, exact: true }).click();
      const dialog = await seen(c.getByRole('dialog', { name: T.assignTitle(number) }));
      await dialog.getByLabel(T.aTeam).check();
      await dialog.getByLabel(T.teamLabel, { exact: true }).selectOption({ label: T.teamName });
      await dialog.getByLabel(T.coordinatorDue).fill(promised);
      await dialog.getByLabel(T.note).fill('Check the display cable first.');
      await shot(c, `assign-dialog-${lang}-${width}`, SHOTS);
      await dialog.getByRole('button', { name: T.assignSubmit, exact: true }).click();
      await seen(panel.getByRole('status').filter({ hasText: T.assigned }));
      await poll(() => dialog.isVisible()).toBe(false);
      await poll(() => text(panel.getByTestId('ticket-stage'))).toBe(T.stageAssigned);
      await poll(() => text(panel.getByTestId('ticket-team'))).toBe(T.teamName);
      // both dates, each labelled, and they differ
      expect(await text(panel.getByTestId('ticket-requester-due'))).toBe(shown(lang, asked));
      expect(await text(panel.getByTestId('ticket-coordinator-due'))).toBe(shown(lang, promised));
      expect(await text(panel.getByTestId('ticket-instruction'))).toBe('Check the display cable first.');
      expect(await overflowsSideways(c)).toBe(false);
      await shot(c, `coordinator-ticket-${lang}-${width}`, SHOTS);

      // the member's open workspace shows it by itself (the poll), with its count, team and both dates
      await row(a).waitFor({ state: 'visible', timeout: 30_000 }); // the page polls every 15 s
      await poll(() => a.getByTestId('count-my_teams').innerText(), 30_000).toMatch(/^1\b/);
      expect(await text(row(a).getByTestId('row-with'))).toContain(T.teamName);
      expect(await text(row(a).getByTestId('due-requester'))).toBe(`${T.dueRequester} ${shown(lang, asked)}`);
      expect(await text(row(a).getByTestId('due-coordinator'))).toBe(`${T.dueCoordinator} ${shown(lang, promised)}`);
      expect(await overflowsSideways(a)).toBe(false);
      await shot(a, `my-teams-${lang}-${width}`, SHOTS);

      // the member takes it: it is theirs, under "Mine", and no longer waits in the team
      await row(a)
        .getByRole('link', { name: `#${number}`, exact: true })
        .click();
      await a.waitForURL(`**/${t.slug}/agent/tickets/${number}`);
      const theirs = a.getByTestId('workflow-panel');
      expect(await text(theirs.getByTestId('ticket-coordinator-due'))).toBe(shown(lang, promised));
      await theirs.getByRole('button', { name: T.take, exact: true }).click();
      await seen(theirs.getByRole('status').filter({ hasText: T.taken }));
      await poll(() => text(theirs.getByTestId('ticket-stage'))).toBe(T.inProgress);
      expect(await text(theirs.getByTestId('ticket-assignee'))).toBe('Arne Agent');
      expect(await theirs.getByRole('button', { name: T.take, exact: true }).count()).toBe(0);

      await a.goto(`/${t.slug}/agent?tab=mine`);
      await seen(a.getByTestId('tab-mine').filter({ hasText: T.mine }));
      await seen(row(a));
      expect(await text(row(a).getByTestId('row-with'))).toBe('Arne Agent');
      expect(await text(row(a).getByTestId('due-coordinator'))).toBe(`${T.dueCoordinator} ${shown(lang, promised)}`);
      await shot(a, `mine-${lang}-${width}`, SHOTS);
      await a.goto(`/${t.slug}/agent?tab=my_teams`);
      await seen(a.getByTestId('tab-my_teams'));
      await poll(() => row(a).count()).toBe(0);

      // the requester sees their own date, not the coordinator's
      const r = await browserOf(customer.client);
      await r.goto(`/${t.slug}/tickets/${number}`);
      expect(await text(await seen(r.getByTestId('requester-due')))).toBe(shown(lang, asked));
      expect(await r.locator('main').innerText()).not.toContain(shown(lang, promised));
      expect(await r.getByText('Check the display cable first.').count()).toBe(0);
      await shot(r, `requester-${lang}-${width}`, SHOTS);
    },
  );

  it(
    'of two members taking at once, the second is told who took it; the taker pends, resumes, closes it solved (the requester reads the solution), reopens and hands it back',
    { timeout: 120_000 },
    async () => {
      const t = await newTenant(`wf2-${lang}`, lang);
      const coordinator = await newStaff(t, 'coordinator', 'Cleo Coordinator');
      const first = await newStaff(t, 'agent', 'Arne Agent');
      const second = await newStaff(t, 'agent', 'Berta Agent');
      const customer = await newCustomer(t, 'Rita Requester');
      const team = await t.admin.post('/api/v1/teams', { name: { de: 'Hardware-Team', en: 'Hardware team' }, memberIds: [first.id, second.id] });
      expect(team.status, team.text).toBe(201);
      const created = await customer.client.post('/api/v1/tickets', { subject: `Dock does not charge ${lang}`, description: 'Since Monday.' });
      expect(created.status, created.text).toBe(201);
      const number = created.json.ticket.number as number;
      const accepted = await coordinator.client.post(`/api/v1/tickets/${number}/accept`, {});
      expect(accepted.status, accepted.text).toBe(200);
      const assigned = await coordinator.client.post(`/api/v1/tickets/${number}/assign`, { teamId: team.json.id });
      expect(assigned.status, assigned.text).toBe(200);

      // both members have the ticket open with its Take button
      const a = await browserOf(first.client);
      const b = await browserOf(second.client);
      for (const p of [a, b]) {
        await p.goto(`/${t.slug}/agent/tickets/${number}`);
        await seen(p.getByTestId('workflow-panel').getByRole('button', { name: T.take, exact: true }));
      }
      const mine = a.getByTestId('workflow-panel');
      const theirs = b.getByTestId('workflow-panel');
      await mine.getByRole('button', { name: T.take, exact: true }).click();
      await seen(mine.getByRole('status').filter({ hasText: T.taken }));
      // the second click loses: it says who won, and the page shows the ticket as it is now
      await theirs.getByRole('button', { name: T.take, exact: true }).click();
      await seen(theirs.getByRole('alert').filter({ hasText: T.alreadyTaken('Arne Agent') }));
      await poll(() => text(theirs.getByTestId('ticket-assignee'))).toBe('Arne Agent');
      expect(await theirs.getByRole('button', { name: T.take, exact: true }).count()).toBe(0);
      await shot(b, `already-taken-${lang}-${width}`, SHOTS);

      // pend until tomorrow morning, then resume
      await mine.getByRole('button', { name: T.pend, exact: true }).click();
      const pend = await seen(a.getByRole('dialog', { name: T.pendTitle(number) }));
      const tomorrow = new Date(Date.now() + 86_400_000);
      const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T09:30`;
      await pend.getByLabel(T.until, { exact: true }).fill(local);
      await pend.getByRole('button', { name: T.pendSubmit, exact: true }).click();
      await seen(mine.getByRole('status').filter({ hasText: T.pended }));
      await poll(() => text(mine.getByTestId('ticket-stage'))).toBe(T.stagePending);
      await seen(mine.getByTestId('ticket-pending-until'));
      // the time entered is on the tenant's clock (Europe/Berlin), like every time the page shows, not the browser's
      const stored = (await first.client.get(`/api/v1/tickets/${number}`)).json.ticket.pendingUntil;
      expect(stored).toBe(Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/Berlin').toInstant().toString({ smallestUnit: 'millisecond' }));
      await mine.getByRole('button', { name: T.resume, exact: true }).click();
      await seen(mine.getByRole('status').filter({ hasText: T.resumed }));
      await poll(() => text(mine.getByTestId('ticket-stage'))).toBe(T.inProgress);

      // close as solved, with the solution
      await mine.getByRole('button', { name: T.close, exact: true }).click();
      const close = await seen(a.getByRole('dialog', { name: T.closeTitle(number) }));
      await close.getByLabel(T.solved, { exact: true }).check();
      await close.getByLabel(T.solution, { exact: true }).fill('Replaced the power supply of the dock.');
      await shot(a, `close-dialog-${lang}-${width}`, SHOTS);
      await close.getByRole('button', { name: T.closeSubmit, exact: true }).click();
      await seen(mine.getByRole('status').filter({ hasText: T.closed }));
      await poll(() => text(mine.getByTestId('ticket-stage'))).toBe(T.stageClosed);
      expect(await text(mine.getByTestId('ticket-solution'))).toBe('Replaced the power supply of the dock.');
      expect(await overflowsSideways(a)).toBe(false);

      // the requester reads how it ended
      const r = await browserOf(customer.client);
      await r.goto(`/${t.slug}/tickets/${number}`);
      const outcome = await seen(r.getByRole('region', { name: T.outcome }));
      expect(await text(outcome.getByTestId('outcome-solution'))).toBe('Replaced the power supply of the dock.');
      await shot(r, `requester-solved-${lang}-${width}`, SHOTS);

      // the taker reopens it, then hands it back to the coordinator with a reason
      await mine.getByRole('button', { name: T.reopen, exact: true }).click();
      await seen(mine.getByRole('status').filter({ hasText: T.reopened }));
      await poll(() => text(mine.getByTestId('ticket-stage'))).toBe(T.inProgress);
      await mine.getByRole('button', { name: T.handBack, exact: true }).click();
      const handBack = await seen(a.getByRole('dialog', { name: T.handBackTitle(number) }));
      await handBack.getByLabel(T.reason, { exact: true }).fill('Needs a new dock, not a repair.');
      await handBack.getByRole('button', { name: T.handBackSubmit, exact: true }).click();
      await seen(mine.getByRole('status').filter({ hasText: T.handedBack }));
      await poll(() => text(mine.getByTestId('ticket-stage'))).toBe(T.clarifying);
      await seen(a.getByTestId('history-entry').filter({ hasText: 'Needs a new dock, not a repair.' }));
    },
  );

  it(
    'the coordinator’s overview narrows to a team, a person, a stage, and takes in closed tickets on request; the person assigned accepts',
    { timeout: 90_000 },
    async () => {
      const t = await newTenant(`wf3-${lang}`, lang);
      const coordinator = await newStaff(t, 'coordinator', 'Cleo Coordinator');
      const agent = await newStaff(t, 'agent', 'Arne Agent');
      const customer = await newCustomer(t, 'Rita Requester');
      const team = await t.admin.post('/api/v1/teams', { name: { de: 'Hardware-Team', en: 'Hardware team' }, memberIds: [agent.id] });
      expect(team.status, team.text).toBe(201);
      const ticket = async (subject: string) =>
        (await customer.client.post('/api/v1/tickets', { subject, description: 'Details.' })).json.ticket.number as number;
      const toTeam = await ticket('For the team');
      const toPerson = await ticket('For a person');
      const done = await ticket('Already done');
      const untouched = await ticket('Not accepted yet');
      for (const [n, body] of [
        [toTeam, { teamId: team.json.id }],
        [toPerson, { assigneeId: agent.id }],
        [done, { assigneeId: agent.id }],
      ] as const) {
        expect((await coordinator.client.post(`/api/v1/tickets/${n}/accept`, {})).status).toBe(200);
        expect((await coordinator.client.post(`/api/v1/tickets/${n}/assign`, body)).status).toBe(200);
      }
      const closed = await coordinator.client.post(`/api/v1/tickets/${done}/close`, { resolution: 'solved', solution: 'Fixed.' });
      expect(closed.status, closed.text).toBe(200);

      const p = await browserOf(coordinator.client);
      const numbers = () => p.getByTestId('ticket-row').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.number)).sort((a, b) => a - b));
      const show = async () => {
        await p.getByTestId('overview-filters').getByRole('button', { name: T.show, exact: true }).click();
        await p.waitForLoadState('networkidle');
      };
      await p.goto(`/${t.slug}/agent?tab=all`);
      await seen(p.getByTestId('tab-all').filter({ hasText: T.overview }));
      // current tickets: everything but the closed one
      await poll(numbers).toEqual([toTeam, toPerson, untouched]);
      await p.getByLabel(T.filterTeam, { exact: true }).selectOption({ label: T.teamName });
      await show();
      await poll(numbers).toEqual([toTeam]);
      await p.getByLabel(T.filterTeam, { exact: true }).selectOption({ label: T.anyTeam });
      await p.getByLabel(T.filterAssignee, { exact: true }).selectOption({ label: 'Arne Agent' });
      await show();
      await poll(numbers).toEqual([toPerson]);
      await p.getByLabel(T.filterAssignee, { exact: true }).selectOption({ index: 0 });
      await p.getByLabel(T.filterStage, { exact: true }).selectOption({ label: T.stageNew });
      await show();
      await poll(numbers).toEqual([untouched]);
      // the stage closed belongs to closed tickets: choosing it while "current" is set moves the scope along
      await p.getByLabel(T.filterStage, { exact: true }).selectOption({ label: T.stageClosed });
      await poll(() => p.getByLabel(T.scope, { exact: true }).inputValue()).toBe('closed');
      await show();
      await poll(numbers).toEqual([done]);
      await p.getByLabel(T.filterStage, { exact: true }).selectOption({ index: 0 });
      await p.getByLabel(T.scope, { exact: true }).selectOption({ label: T.scopeBoth });
      await show();
      await poll(numbers).toEqual([toTeam, toPerson, done, untouched]);
      expect(await overflowsSideways(p)).toBe(false);
      await shot(p, `overview-${lang}-${width}`, SHOTS);
      // the server filters: a page of one row holds the one new ticket, though three others came before it
      await p.goto(`/${t.slug}/agent?tab=all&stage=new&limit=1`);
      await poll(numbers).toEqual([untouched]);
      await p.goto(`/${t.slug}/agent?tab=all&scope=closed&limit=1`);
      await poll(numbers).toEqual([done]);

      // the person it was given to accepts the assignment: it is in progress, and theirs
      const mine = await browserOf(agent.client);
      await mine.goto(`/${t.slug}/agent/tickets/${toPerson}`);
      const panel = mine.getByTestId('workflow-panel');
      await panel.getByRole('button', { name: T.acceptAssignment, exact: true }).click();
      await seen(panel.getByRole('status').filter({ hasText: T.assignmentAccepted }));
      await poll(() => text(panel.getByTestId('ticket-stage'))).toBe(T.inProgress);
      expect(await text(panel.getByTestId('ticket-assignee'))).toBe('Arne Agent');
    },
  );
});
