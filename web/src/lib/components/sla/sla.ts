/**
 * What the admin's calendar and SLA policy pages work out: merging imported holidays, a
 * calendar's business hours per day, targets in minutes or hours. Plain functions (no API, no
 * runes), so a unit spec can hold them to their word; the API calls are in `load.ts`.
 */
import { BUILTIN_CALENDAR_ID, WEEKDAYS, type Holiday, type Weekday } from '#shared/sla/constants.ts';
import type { Calendar, SlaPolicy } from '#shared/sla/schemas.ts';

export type { Calendar, SlaPolicy, Holiday, Weekday };

export const isBuiltIn = (c: Pick<Calendar, 'id'>) => c.id === BUILTIN_CALENDAR_ID;

/**
 * `imported` added to `existing` without duplicates, by date: an imported holiday is left out
 * when a holiday on the same date is already there, or a recurring one on the same month and
 * day (a yearly "Neujahr" already covers this year's 1 January). Sorted by date; `added` counts
 * what was new.
 */
export function mergeHolidays<H extends Holiday>(existing: H[], imported: Holiday[], make: (h: Holiday) => H): { holidays: H[]; added: number } {
  const dates = new Set(existing.map((h) => h.date));
  const yearly = new Set(existing.filter((h) => h.recurring).map((h) => h.date.slice(5)));
  const fresh: H[] = [];
  for (const h of imported) {
    if (dates.has(h.date) || yearly.has(h.date.slice(5))) continue;
    dates.add(h.date);
    fresh.push(make(h));
  }
  const holidays = [...existing, ...fresh].sort((a, b) => (a.date && b.date ? a.date.localeCompare(b.date) : 0));
  return { holidays, added: fresh.length };
}

/** `HH:MM` → minutes after midnight (`24:00` = 1440); NaN when it is not a time. */
export function minutesOf(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!m) return NaN;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return NaN;
  return h * 60 + min;
}

/** Business minutes of each open weekday of a calendar (closed days left out); null when always open. */
export function openMinutesPerDay(c: Pick<Calendar, 'alwaysOpen' | 'week'>): Partial<Record<Weekday, number>> | null {
  if (c.alwaysOpen || !c.week) return null;
  const out: Partial<Record<Weekday, number>> = {};
  for (const day of WEEKDAYS) {
    const total = (c.week[day] ?? []).reduce((sum, i) => sum + Math.max(0, minutesOf(i.to) - minutesOf(i.from)), 0);
    if (total > 0) out[day] = total;
  }
  return out;
}

/**
 * Runs of consecutive open weekdays with the same hours, Monday first, for a one-line summary
 * ("Mon–Thu 08:00–17:00 · Fri 08:00–12:00, 13:00–17:00"); closed days are left out.
 */
export function dayRuns(week: Partial<Record<Weekday, { from: string; to: string }[]>>): { first: Weekday; last: Weekday; hours: string }[] {
  const runs: { first: Weekday; last: Weekday; hours: string }[] = [];
  let previous: Weekday | undefined;
  for (const day of WEEKDAYS) {
    const hours = (week[day] ?? []).map((i) => `${i.from}–${i.to}`).join(', ');
    const run = runs.at(-1);
    if (hours && run && run.last === previous && run.hours === hours) run.last = day;
    else if (hours) runs.push({ first: day, last: day, hours });
    previous = day;
  }
  return runs;
}

/** Units a target is entered in; a "day" is deliberately not one (how long is a business day?). */
export const UNITS = ['minutes', 'hours'] as const;
export type Unit = (typeof UNITS)[number];

/** A stored number of minutes as the admin reads it: whole hours in hours, anything else in minutes. */
export function toUnit(minutes: number | undefined): { value: string; unit: Unit } {
  if (minutes === undefined) return { value: '', unit: 'hours' };
  return minutes > 0 && minutes % 60 === 0 ? { value: String(minutes / 60), unit: 'hours' } : { value: String(minutes), unit: 'minutes' };
}

/** What the admin entered, in whole minutes; NaN when it is not a number, undefined when empty. */
export function fromUnit(value: string, unit: Unit): number | undefined {
  const v = value.trim().replace(',', '.');
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) return NaN;
  return Math.round(unit === 'hours' ? n * 60 : n);
}

/** A list typed as "a, b, c": its trimmed, non-empty entries, each once. */
export function splitList(s: string): string[] {
  return [
    ...new Set(
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
