/**
 * The admin's service-level screens through the real UI, in German on a 375 px phone and in
 * English on a 1280 px desktop: the admin builds a business calendar (Europe/Berlin, Monday to
 * Friday 8–17 with a lunch break on Friday, Bavaria's public holidays imported, a second import
 * adding nothing), gives a team that calendar, and creates an SLA policy for urgent tickets on
 * it (targets in minutes and hours, two escalation steps); after a reload both are shown as
 * saved, and the API holds exactly that. The new policy moves above an older one. A calendar
 * save on a version another admin has moved on from is refused and explained, the other
 * admin's calendar is kept, and the admin can load it. Every page is checked with axe (WCAG
 * 2.1 AA, with content) and for sideways scrolling.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, poll, seen, shot, signedInPage, text, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-sla-admin';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    calendarsLink: 'Geschäftszeiten-Kalender',
    policiesLink: 'SLA-Richtlinien',
    teamsLink: 'Teams',
    back: '← Zurück zur Verwaltung',
    newCalendar: 'Neuer Kalender',
    name: 'Name',
    timeZone: 'Zeitzone',
    from: (day: string, n: number) => `${day}, Zeitraum ${n}, von`,
    to: (day: string, n: number) => `${day}, Zeitraum ${n}, bis`,
    monday: 'Montag',
    friday: 'Freitag',
    addHoursOn: (day: string) => `Zeitraum hinzufügen (${day})`,
    copyMonday: 'Montag auf Dienstag–Freitag übertragen',
    state: 'Bundesland',
    bavaria: 'Bayern',
    year: 'Jahr',
    import: 'Feiertage übernehmen',
    imported: /^(\d+) Feiertage hinzugefügt, 0 schon vorhanden/,
    importedAgain: /^0 Feiertage hinzugefügt, (\d+) schon vorhanden/,
    createCalendar: 'Kalender anlegen',
    calendarName: 'Geschäftszeiten München',
    calendarCreated: 'Kalender „Geschäftszeiten München“ angelegt.',
    hours: 'Mo–Do 08:00–17:00 · Fr 08:00–12:00, 13:00–17:00',
    perWeek: '44 Geschäftsstunden pro Woche',
    builtIn: 'Rund um die Uhr (24/7)',
    editOf: (name: string) => `${name} bearbeiten`,
    teamCalendar: 'Geschäftszeiten-Kalender',
    teamSaved: 'Team „Second Level“ gespeichert.',
    save: 'Speichern',
    newPolicy: 'Neue Richtlinie',
    policyName: 'Dringend',
    urgent: 'Dringend',
    priorities: 'Prioritäten',
    checkFields: 'Bitte prüfen Sie die markierten Felder.',
    required: 'Pflichtfeld.',
    calendar: 'Kalender',
    dayHint: 'In diesem Kalender hat ein Geschäftstag 8 bis 9 Geschäftsstunden (5 Tage pro Woche).',
    firstResponse: 'Erste Antwort',
    nextResponse: 'Nächste Antwort',
    resolution: 'Lösung',
    unitOf: (target: string) => `Einheit von ${target}`,
    minutes: 'Minuten',
    hoursUnit: 'Stunden',
    warnAt: 'Warnen bei (% der Zeit verbraucht)',
    addStep: 'Eskalationsschritt hinzufügen',
    after: 'Nach dem Verstoß',
    notifyCoordinator: 'Koordination benachrichtigen',
    notifyTeam: 'Teammitglieder benachrichtigen',
    reassign: 'An ein Team übergeben',
    reassignTeam: 'Team, an das das Ticket geht',
    createPolicy: 'Richtlinie anlegen',
    policyCreated: 'Richtlinie „Dringend“ angelegt.',
    targets: 'Erste Antwort 30 Min. · Nächste Antwort 1 Std. · Lösung 4 Std. · Warnung bei 80 %',
    upOf: (name: string) => `${name} nach oben`,
    moved: 'Richtlinie „Dringend“ steht jetzt an Stelle 1.',
    conflict: 'Jemand anderes hat diesen Kalender inzwischen gespeichert.',
    reload: 'Aktuellen Stand laden',
  },
  en: {
    calendarsLink: 'Business calendars',
    policiesLink: 'SLA policies',
    teamsLink: 'Teams',
    back: '← Back to administration',
    newCalendar: 'New calendar',
    name: 'Name',
    timeZone: 'Time zone',
    from: (day: string, n: number) => `${day}, hours ${n}, from`,
    to: (day: string, n: number) => `${day}, hours ${n}, until`,
    monday: 'Monday',
    friday: 'Friday',
    addHoursOn: (day: string) => `Add hours on ${day}`,
    copyMonday: 'Copy Monday to Tuesday–Friday',
    state: 'Federal state',
    bavaria: 'Bavaria',
    year: 'Year',
    import: 'Import holidays',
    imported: /^(\d+) holidays added, 0 already there/,
    importedAgain: /^0 holidays added, (\d+) already there/,
    createCalendar: 'Create calendar',
    calendarName: 'Business hours Munich',
    calendarCreated: 'Calendar “Business hours Munich” created.',
    hours: 'Mon–Thu 08:00–17:00 · Fri 08:00–12:00, 13:00–17:00',
    perWeek: '44 business hours a week',
    builtIn: 'Around the clock (24/7)',
    editOf: (name: string) => `Edit ${name}`,
    teamCalendar: 'Business calendar',
    teamSaved: 'Team “Second level” saved.',
    save: 'Save',
    newPolicy: 'New policy',
    policyName: 'Urgent',
    urgent: 'Urgent',
    priorities: 'Priorities',
    checkFields: 'Please check the highlighted fields.',
    required: 'Required.',
    calendar: 'Calendar',
    dayHint: 'On this calendar a business day has 8 to 9 business hours (5 days a week).',
    firstResponse: 'First response',
    nextResponse: 'Next response',
    resolution: 'Resolution',
    unitOf: (target: string) => `Unit of ${target}`,
    minutes: 'minutes',
    hoursUnit: 'hours',
    warnAt: 'Warn at (% of the target used)',
    addStep: 'Add escalation step',
    after: 'After the breach',
    notifyCoordinator: 'Notify the coordinators',
    notifyTeam: 'Notify the team’s members',
    reassign: 'Hand to a team',
    reassignTeam: 'Team to hand the ticket to',
    createPolicy: 'Create policy',
    policyCreated: 'Policy “Urgent” created.',
    targets: 'First response 30 min · Next response 1 h · Resolution 4 h · warning at 80 %',
    upOf: (name: string) => `Move ${name} up`,
    moved: 'Policy “Urgent” is now number 1.',
    conflict: 'Another admin saved this calendar meanwhile.',
    reload: 'Load the current version',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('SLA administration', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('the admin builds a calendar and an urgent policy on it, sees both after a reload; a stale calendar save is explained', { timeout: 180_000 }, async () => {
    const t = await newTenant(`sla-ui-${lang}`, lang);
    // a second organisation with a calendar of its own: never shown here
    const other = await newTenant(`sla-ui-other-${lang}`, lang);
    const foreign = await other.admin.post('/api/v1/calendars', { name: 'Fremdkalender', timeZone: 'Europe/Vienna', alwaysOpen: true });
    expect(foreign.status, foreign.text).toBe(201);
    const ben = await newStaff(t, 'agent', 'Ben Berger');
    const team = await t.admin.post('/api/v1/teams', { name: { de: 'Second Level', en: 'Second level' }, memberIds: [ben.id] });
    expect(team.status, team.text).toBe(201);
    const older = await t.admin.post('/api/v1/sla-policies', {
      name: 'Normal',
      match: { priorities: ['normal'] },
      calendarId: '24x7',
      targets: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
      warnAtPercent: 80,
    });
    expect(older.status, older.text).toBe(201);

    const u = await signedInPage(browser(), v, t.admin);
    const p = u.page;
    // the admin page has arrived (its data loaded) before the next link on it is followed
    const backOnAdmin = async () => {
      await poll(() => new URL(p.url()).pathname).toBe(`/${t.slug}/admin`);
      await p.waitForLoadState('networkidle');
    };
    try {
      // the calendar: office hours Monday, copied to Tuesday–Friday, Friday split by a lunch break
      await p.goto(`/${t.slug}/admin`);
      await p.getByRole('link', { name: T.calendarsLink, exact: true }).click();
      await seen(p.getByRole('heading', { name: T.builtIn }));
      expect(await p.getByTestId('calendar-card').count()).toBe(1);
      await p.getByRole('button', { name: T.newCalendar }).click();
      const create = await seen(p.getByRole('region', { name: T.newCalendar }));
      await create.getByLabel(T.name, { exact: true }).fill(T.calendarName);
      await create.getByLabel(T.timeZone, { exact: true }).selectOption('Europe/Berlin');
      await create.getByLabel(T.from(T.monday, 1), { exact: true }).fill('08:00');
      await create.getByLabel(T.to(T.monday, 1), { exact: true }).fill('17:00');
      await create.getByRole('button', { name: T.copyMonday }).click();
      await create.getByLabel(T.to(T.friday, 1), { exact: true }).fill('12:00');
      await create.getByRole('button', { name: T.addHoursOn(T.friday) }).click();
      await create.getByLabel(T.from(T.friday, 2), { exact: true }).fill('13:00');
      await create.getByLabel(T.to(T.friday, 2), { exact: true }).fill('17:00');

      // Bavaria's public holidays of 2026; importing them again adds none
      await create.getByLabel(T.state, { exact: true }).selectOption({ label: T.bavaria });
      await create.getByLabel(T.year, { exact: true }).fill('2026');
      await create.getByRole('button', { name: T.import }).click();
      const imported = Number(T.imported.exec(await text(await seen(create.getByRole('status').filter({ hasText: T.imported }))))![1]);
      expect(imported).toBeGreaterThanOrEqual(12);
      expect(await create.getByTestId('holiday').count()).toBe(imported);
      await create.getByRole('button', { name: T.import }).click();
      await seen(create.getByRole('status').filter({ hasText: T.importedAgain }));
      expect(await create.getByTestId('holiday').count()).toBe(imported);
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `calendar-new-${lang}-${width}`, SHOTS);
      await create.getByRole('button', { name: T.createCalendar }).click();
      await seen(p.getByRole('status').filter({ hasText: T.calendarCreated }));

      // after a reload: the calendar as built, beside the built-in one; the API holds exactly that
      await p.reload();
      const card = await seen(p.getByTestId('calendar-card').filter({ has: p.getByRole('heading', { name: T.calendarName }) }));
      expect(await text(card.getByTestId('calendar-hours'))).toBe(T.hours);
      expect(await text(card)).toContain(T.perWeek);
      expect(await p.getByTestId('calendar-card').count()).toBe(2);
      expect(await p.getByText('Fremdkalender').count()).toBe(0);
      const cals = (await t.admin.get('/api/v1/calendars')).json.items as {
        id: string;
        name: string;
        timeZone: string;
        week: unknown;
        holidays: { date: string }[];
      }[];
      const cal = cals.find((c) => c.name === T.calendarName)!;
      expect(cal.timeZone).toBe('Europe/Berlin');
      expect(cal.week).toEqual({
        mon: [{ from: '08:00', to: '17:00' }],
        tue: [{ from: '08:00', to: '17:00' }],
        wed: [{ from: '08:00', to: '17:00' }],
        thu: [{ from: '08:00', to: '17:00' }],
        fri: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '17:00' },
        ],
      });
      expect(cal.holidays).toHaveLength(imported);
      expect(cal.holidays.map((h) => h.date)).toEqual(expect.arrayContaining(['2026-01-06', '2026-06-04', '2026-11-01', '2026-12-25']));
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `calendars-${lang}-${width}`, SHOTS);

      // the team works on that calendar
      await p.getByRole('link', { name: T.back }).click();
      await backOnAdmin();
      await p.getByRole('link', { name: T.teamsLink, exact: true }).click();
      const teamCard = await seen(p.getByRole('region', { name: lang === 'de' ? 'Second Level' : 'Second level' }));
      await teamCard.getByLabel(T.teamCalendar, { exact: true }).selectOption({ label: T.calendarName });
      await teamCard.getByRole('button', { name: T.save, exact: true }).click();
      await seen(teamCard.getByRole('status').filter({ hasText: T.teamSaved }));
      expect((await t.admin.get(`/api/v1/teams`)).json.items.find((x: { id: string }) => x.id === team.json.id).calendarId).toBe(cal.id);

      // the urgent policy on that calendar
      await p.getByRole('link', { name: T.back }).click();
      await backOnAdmin();
      await p.getByRole('link', { name: T.policiesLink, exact: true }).click();
      await p.getByRole('button', { name: T.newPolicy }).click();
      const np = await seen(p.getByRole('region', { name: T.newPolicy }));
      await np.getByLabel(T.name, { exact: true }).fill(T.policyName);
      await np.getByLabel(T.calendar, { exact: true }).selectOption({ label: T.calendarName });
      await seen(np.getByTestId('day-hint').filter({ hasText: T.dayHint }));
      await np.getByLabel(T.firstResponse, { exact: true }).fill('30');
      await np.getByLabel(T.unitOf(T.firstResponse), { exact: true }).selectOption({ label: T.minutes });
      // an optional field's label ends in "(optional)"
      await np.getByLabel(new RegExp(`^${T.nextResponse}`)).fill('1');
      await np.getByLabel(T.unitOf(T.nextResponse), { exact: true }).selectOption({ label: T.hoursUnit });
      await np.getByLabel(T.resolution, { exact: true }).fill('4');
      await np.getByLabel(T.unitOf(T.resolution), { exact: true }).selectOption({ label: T.hoursUnit });
      await np.getByLabel(T.warnAt, { exact: true }).fill('80');
      await np.getByRole('button', { name: T.addStep }).click();
      const step1 = np.getByTestId('escalation-step').nth(0);
      await step1.getByLabel(T.after, { exact: true }).fill('0');
      await step1.getByRole('checkbox', { name: T.notifyCoordinator }).check();
      await step1.getByRole('checkbox', { name: T.notifyTeam }).check();
      await np.getByRole('button', { name: T.addStep }).click();
      const step2 = np.getByTestId('escalation-step').nth(1);
      await step2.getByLabel(T.after, { exact: true }).fill('1');
      await step2.getByLabel(T.unitOf(T.after), { exact: true }).selectOption({ label: T.hoursUnit });
      await step2.getByRole('checkbox', { name: T.reassign }).check();
      await step2.getByLabel(T.reassignTeam, { exact: true }).selectOption({ label: lang === 'de' ? 'Second Level' : 'Second level' });
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `policy-new-${lang}-${width}`, SHOTS);
      // no priority chosen yet: refused, and said where
      await np.getByRole('button', { name: T.createPolicy }).click();
      await seen(np.getByRole('alert').filter({ hasText: T.checkFields }));
      expect(await text(np.getByRole('group', { name: T.priorities }).locator('.field-error'))).toBe(T.required);
      await np.getByRole('checkbox', { name: T.urgent, exact: true }).check();
      await np.getByRole('button', { name: T.createPolicy }).click();
      await seen(p.getByRole('status').filter({ hasText: T.policyCreated }));

      // after a reload: second in the list, with its targets; the new one moves first
      await p.reload();
      const cards = p.getByTestId('policy-card');
      await poll(() => cards.count()).toBe(2);
      expect(await text(cards.nth(1).getByRole('heading', { level: 2 }))).toBe(`2. ${T.policyName}`);
      expect(await text(cards.nth(1).getByTestId('policy-targets'))).toBe(T.targets);
      await cards
        .nth(1)
        .getByRole('button', { name: T.upOf(T.policyName) })
        .click();
      await seen(p.getByRole('status').filter({ hasText: T.moved }));
      expect(await text(cards.nth(0).getByRole('heading', { level: 2 }))).toBe(`1. ${T.policyName}`);
      const policies = (await t.admin.get('/api/v1/sla-policies')).json.items;
      expect(policies.map((x: { name: string }) => x.name)).toEqual([T.policyName, 'Normal']);
      expect(policies[0]).toMatchObject({
        match: { priorities: ['urgent'] },
        calendarId: cal.id,
        targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 },
        warnAtPercent: 80,
        escalation: [
          { afterMinutes: 0, actions: ['notify_coordinator', 'notify_team'] },
          { afterMinutes: 60, actions: ['reassign'], teamId: team.json.id },
        ],
      });
      expect(await overflowsSideways(p)).toBe(false);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `policies-${lang}-${width}`, SHOTS);

      // another admin (here: the API) saves the calendar first; this page still shows the old version
      await p.getByRole('link', { name: T.calendarsLink }).click();
      await p.getByRole('button', { name: T.editOf(T.calendarName) }).click();
      const editor = await seen(p.getByTestId('calendar-card').filter({ has: p.getByRole('heading', { name: T.calendarName }) }));
      const current = ((await t.admin.get('/api/v1/calendars')).json.items as { id: string; version: number }[]).find((c) => c.id === cal.id)!;
      const elsewhere = await t.admin.patch(`/api/v1/calendars/${cal.id}`, { name: 'Renamed elsewhere', version: current.version });
      expect(elsewhere.status, elsewhere.text).toBe(200);
      await editor.getByLabel(T.to(T.monday, 1), { exact: true }).fill('18:00');
      await editor.getByRole('button', { name: T.save, exact: true }).click();
      await seen(p.getByRole('alert').filter({ hasText: T.conflict }));
      expect(await p.getByRole('alert').count()).toBe(1);
      const after = ((await t.admin.get('/api/v1/calendars')).json.items as { id: string; name: string; week: { mon: unknown } }[]).find(
        (c) => c.id === cal.id,
      )!;
      expect(after.name).toBe('Renamed elsewhere');
      expect(after.week.mon).toEqual([{ from: '08:00', to: '17:00' }]);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `calendar-conflict-${lang}-${width}`, SHOTS);
      await p.getByRole('button', { name: T.reload }).click();
      await poll(() => p.getByRole('textbox', { name: T.name, exact: true }).inputValue()).toBe('Renamed elsewhere');
      expect(await p.getByRole('textbox', { name: T.to(T.monday, 1), exact: true }).inputValue()).toBe('17:00');
      expect(await p.getByRole('alert').count()).toBe(0);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `sla-admin-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
