/**
 * Business time on a calendar (workflow.md §2): how much business time lies between two
 * instants, and which instant is reached after so much business time. Pure; instants are epoch
 * milliseconds. Local times, weekdays, holidays and DST come from `temporal-polyfill`, never by hand.
 */
import type { BusinessCalendar } from './constants.ts';
import { BUILTIN_CALENDAR_ID } from './constants.ts';

/** The built-in calendar every tenant has: open around the clock. */
export const ALWAYS_OPEN: BusinessCalendar = { id: BUILTIN_CALENDAR_ID, timeZone: 'UTC' };

const isAlwaysOpen = (cal: BusinessCalendar) => cal.week === undefined;

/** Business milliseconds between two instants (0 when `to` ≤ `from`). */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (isAlwaysOpen(cal)) return to - from;
  throw new Error('business hours: not implemented yet (issue 7, calendar maths)');
}

/**
 * The instant at which `ms` business milliseconds have passed since `from`. With `ms` = 0 it is
 * `from` itself, even outside business hours (nothing is owed yet).
 */
export function addBusinessMs(cal: BusinessCalendar, from: number, ms: number): number {
  if (ms <= 0) return from;
  if (isAlwaysOpen(cal)) return from + ms;
  throw new Error('business hours: not implemented yet (issue 7, calendar maths)');
}

/** The instant a calendar date ends (local midnight after it), in the calendar's time zone: when a due date is over. */
export function endOfDate(cal: BusinessCalendar, date: string): number {
  if (cal.timeZone === 'UTC') return Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  throw new Error('time zones: not implemented yet (issue 7, calendar maths)');
}
