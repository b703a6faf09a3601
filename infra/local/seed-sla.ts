/**
 * The demo's service levels (issue 7; S1), made through the domain functions as an admin would:
 * the Berlin business calendar (Mon–Fri 08:00–17:00, Berlin's public holidays of this and next
 * year), the Hardware workshop's own calendar (two intervals a day), and one policy per
 * priority with warnings at 80 % and escalation at the breach. Targets are business minutes: a
 * business day on the Berlin calendar is 9 hours.
 */
import type { Actor } from '../../shared/auth/actor.ts';
import { listTeamItems } from '../../shared/db/store.ts';
import { createCalendar, createSlaPolicy } from '../../shared/sla/config.ts';
import { germanHolidaysForYears } from '../../shared/sla/holidays.ts';
import { updateTeam } from '../../shared/teams/teams.ts';

/** Business minutes in one business day of the Berlin calendar (08:00–17:00). */
const DAY = 9 * 60;
const HOUR = 60;

const weekdays = (intervals: { from: string; to: string }[]) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });

/**
 * Calendars, policies per priority and the Hardware team's own calendar; returns their ids.
 * Runs after the teams exist (escalation hands urgent tickets to 1st level).
 */
export async function seedSla(admin: Actor, now = new Date()) {
  const year = now.getUTCFullYear();
  const holidays = germanHolidaysForYears('BE', year, year + 1);
  const berlin = await createCalendar(admin, {
    name: 'Geschäftszeiten Berlin / Business hours Berlin',
    timeZone: 'Europe/Berlin',
    week: weekdays([{ from: '08:00', to: '17:00' }]),
    holidays,
  });
  const workshop = await createCalendar(admin, {
    name: 'Werkstatt / Workshop',
    timeZone: 'Europe/Berlin',
    week: weekdays([
      { from: '07:00', to: '12:00' },
      { from: '12:30', to: '15:30' },
    ]),
    holidays,
  });

  const teams = await listTeamItems(admin.tenantId);
  const team = (en: string) => teams.find((t) => t.name.en === en);
  const firstLevel = team('1st level');
  const hardware = team('Hardware');
  if (hardware) await updateTeam(admin, hardware.teamId, { calendarId: workshop.id, version: hardware.version });

  const atBreach = { afterMinutes: 0, actions: ['notify_coordinator' as const, 'notify_team' as const] };
  const common = { calendarId: berlin.id, warnAtPercent: 80 };
  const urgent = await createSlaPolicy(admin, {
    ...common,
    name: 'Dringend / Urgent',
    match: { priorities: ['urgent'] },
    targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 4 * HOUR },
    // Urgent cannot be raised further: an hour after the breach it goes to 1st level.
    escalation: [atBreach, ...(firstLevel ? [{ afterMinutes: 60, actions: ['reassign' as const], teamId: firstLevel.teamId }] : [])],
  });
  const high = await createSlaPolicy(admin, {
    ...common,
    name: 'Hoch / High',
    match: { priorities: ['high'] },
    targets: { firstResponseMinutes: 2 * HOUR, nextResponseMinutes: 4 * HOUR, resolutionMinutes: DAY },
    escalation: [atBreach, { afterMinutes: 60, actions: ['raise_priority'] }],
  });
  const normal = await createSlaPolicy(admin, {
    ...common,
    name: 'Normal / Normal',
    match: { priorities: ['normal'] },
    targets: { firstResponseMinutes: 4 * HOUR, nextResponseMinutes: 8 * HOUR, resolutionMinutes: 3 * DAY },
    escalation: [
      { afterMinutes: 0, actions: ['notify_team'] },
      { afterMinutes: 4 * HOUR, actions: ['raise_priority'] },
    ],
  });
  const low = await createSlaPolicy(admin, {
    ...common,
    name: 'Niedrig / Low',
    match: { priorities: ['low'] },
    targets: { firstResponseMinutes: DAY, nextResponseMinutes: 2 * DAY, resolutionMinutes: 10 * DAY },
    escalation: [{ afterMinutes: 0, actions: ['notify_team'] }],
  });
  return { calendars: { berlin: berlin.id, workshop: workshop.id }, policies: { urgent: urgent.id, high: high.id, normal: normal.id, low: low.id } };
}
