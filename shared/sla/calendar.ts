/**
 * Business time on a calendar (workflow.md §2): how much business time lies between two
 * instants, and which instant is reached after so much business time. Pure; instants are epoch
 * milliseconds. Local times, weekdays, holidays and DST come from `temporal-polyfill`, never by hand.
 *
 * How: a calendar day's business hours are turned into real instants in the calendar's time zone
 * (`HH:MM` wall times, disambiguated as Temporal's `compatible` does: a time in the skipped hour
 * moves forward, a repeated one takes the earlier), so an interval that spans a DST change counts
 * its real length. The maths then walks day by day over these spans; a closed day costs a weekday
 * and holiday look-up only, and each day's spans are remembered per calendar object, so a target
 * a year away is a few hundred cheap steps, never minute by minute.
 *
 * Calendars are treated as immutable values: the prepared form is cached per object.
 */
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, DayInterval } from './constants.ts';
import { BUILTIN_CALENDAR_ID, WEEKDAYS } from './constants.ts';
import type { Calendar } from './schemas.ts';

/** The built-in calendar every tenant has: open around the clock. */
export const ALWAYS_OPEN: BusinessCalendar = { id: BUILTIN_CALENDAR_ID, timeZone: 'UTC' };

const isAlwaysOpen = (cal: BusinessCalendar) => cal.week === undefined;

/** How far the maths looks for the next open hour before it gives up (a calendar closed for good). */
const MAX_CLOSED_DAYS = 3_660;
/** Remembered days per calendar before the memo starts afresh (bounds memory in a long-lived process). */
const MAX_MEMO_DAYS = 5_000;

/** An open span of one day: `[start, end)` in epoch ms. */
type Span = readonly [number, number];

/** A calendar prepared for the maths. */
interface Prepared {
  timeZone: string;
  /** Index = ISO weekday (1 = Monday … 7 = Sunday): `[fromMinute, toMinute]` pairs, sorted, merged. */
  week: (readonly [number, number][])[];
  /** Does any weekday have business hours at all? */
  hasHours: boolean;
  /** One-off holidays (`YYYY-MM-DD`). */
  oneOff: Set<string>;
  /** Yearly recurring holidays (`MM-DD`). */
  recurring: Set<string>;
  /** Open spans per local date, computed once. */
  days: Map<string, Span[]>;
}

const prepared = new WeakMap<BusinessCalendar, Prepared>();
/** One day, built once (Temporal parses a `{ days: 1 }` bag on every call, several times slower). */
const ONE_DAY = Temporal.Duration.from({ days: 1 });
/** Wall times by minute of the day, built once. */
const wallTimes = new Map<number, Temporal.PlainTime>();
const wallTime = (minute: number) => {
  let time = wallTimes.get(minute);
  if (!time) wallTimes.set(minute, (time = new Temporal.PlainTime(Math.floor(minute / 60), minute % 60)));
  return time;
};

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Intervals of one weekday as minutes, sorted, overlapping and touching ones merged (the API already refuses overlaps; the maths does not rely on it). */
function minutesOf(intervals: readonly DayInterval[] | undefined): [number, number][] {
  const sorted = (intervals ?? [])
    .map((i): [number, number] => [minuteOf(i.from), minuteOf(i.to)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function prepare(cal: BusinessCalendar): Prepared {
  let p = prepared.get(cal);
  if (p) return p;
  const week = [[], ...WEEKDAYS.map((day) => minutesOf(cal.week?.[day]))];
  const holidays = cal.holidays ?? [];
  p = {
    timeZone: cal.timeZone,
    week,
    hasHours: week.some((d) => d.length > 0),
    oneOff: new Set(holidays.filter((h) => !h.recurring).map((h) => h.date)),
    recurring: new Set(holidays.filter((h) => h.recurring).map((h) => h.date.slice(5))),
    days: new Map(),
  };
  prepared.set(cal, p);
  return p;
}

/** The instant of a wall time (`minute` of the day, 1440 = the next midnight) on a local date. */
function instantAt(p: Prepared, date: Temporal.PlainDate, minute: number): number {
  if (minute >= 1440) return date.add(ONE_DAY).toZonedDateTime({ timeZone: p.timeZone }).epochMilliseconds;
  return date.toZonedDateTime({ timeZone: p.timeZone, plainTime: wallTime(minute) }).epochMilliseconds;
}

/** The open spans of a local date: none on a closed weekday or a holiday. */
function spansOf(p: Prepared, date: Temporal.PlainDate): Span[] {
  const intervals = p.week[date.dayOfWeek]!;
  if (intervals.length === 0) return [];
  const key = date.toString();
  let spans = p.days.get(key);
  if (spans) return spans;
  spans = [];
  if (!p.oneOff.has(key) && !p.recurring.has(key.slice(5))) {
    for (const [from, to] of intervals) {
      const start = instantAt(p, date, from);
      const end = instantAt(p, date, to);
      // an interval inside a skipped hour has no real length
      if (end > start) spans.push([start, end]);
    }
  }
  if (p.days.size >= MAX_MEMO_DAYS) p.days.clear();
  p.days.set(key, spans);
  return spans;
}

/**
 * The local date of an instant, one day early: a closing time that falls into a skipped hour is
 * moved forward, past local midnight if the skipped hour spans it, so the walk starts a day
 * before to be sure (a closed day costs next to nothing).
 */
const walkStart = (p: Prepared, at: number) => Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(p.timeZone).toPlainDate().subtract(ONE_DAY);

/** Business milliseconds between two instants (0 when `to` ≤ `from`). */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (isAlwaysOpen(cal)) return to - from;
  const p = prepare(cal);
  if (!p.hasHours) return 0;
  const last = walkStart(p, to).add(ONE_DAY).add(ONE_DAY);
  let sum = 0;
  for (let date = walkStart(p, from); Temporal.PlainDate.compare(date, last) <= 0; date = date.add(ONE_DAY)) {
    for (const [start, end] of spansOf(p, date)) {
      if (start >= to) return sum;
      const lo = Math.max(start, from);
      const hi = Math.min(end, to);
      if (hi > lo) sum += hi - lo;
    }
  }
  return sum;
}

/**
 * The instant at which `ms` business milliseconds have passed since `from`. With `ms` = 0 it is
 * `from` itself, even outside business hours (nothing is owed yet). A target that uses up a day's
 * last interval exactly ends at its closing time (17:00), not at the next opening.
 * `Infinity` when the calendar never opens again (no business hours at all, or ten years closed).
 */
export function addBusinessMs(cal: BusinessCalendar, from: number, ms: number): number {
  if (ms <= 0) return from;
  if (isAlwaysOpen(cal)) return from + ms;
  const p = prepare(cal);
  if (!p.hasHours) return Infinity;
  let remaining = ms;
  let closed = 0;
  for (let date = walkStart(p, from); closed <= MAX_CLOSED_DAYS; date = date.add(ONE_DAY)) {
    const spans = spansOf(p, date);
    closed = spans.length === 0 ? closed + 1 : 0;
    for (const [start, end] of spans) {
      const lo = Math.max(start, from);
      if (end <= lo) continue;
      if (remaining <= end - lo) return lo + remaining;
      remaining -= end - lo;
    }
  }
  return Infinity;
}

/**
 * Does the calendar ever open (24/7, or business hours on some weekday)? One that does not
 * never reaches a target (`addBusinessMs` gives `Infinity`): a calendar's stored form must not
 * be left without hours (the API's `no_business_hours`).
 */
export function hasBusinessHours(cal: BusinessCalendar): boolean {
  return isAlwaysOpen(cal) || prepare(cal).hasHours;
}

/** Is the calendar open at this instant (inside business hours, not on a holiday)? */
export function isOpenAt(cal: BusinessCalendar, at: number): boolean {
  if (isAlwaysOpen(cal)) return true;
  const p = prepare(cal);
  const first = walkStart(p, at);
  return [first, first.add(ONE_DAY)].some((date) => spansOf(p, date).some(([start, end]) => start <= at && at < end));
}

/** The first instant at or after `at` at which the calendar is open (`at` itself when open); `Infinity` when it never opens again. */
export function nextOpening(cal: BusinessCalendar, at: number): number {
  if (isAlwaysOpen(cal)) return at;
  const p = prepare(cal);
  if (!p.hasHours) return Infinity;
  let closed = 0;
  for (let date = walkStart(p, at); closed <= MAX_CLOSED_DAYS; date = date.add(ONE_DAY)) {
    const spans = spansOf(p, date);
    closed = spans.length === 0 ? closed + 1 : 0;
    for (const [start, end] of spans) if (end > at) return Math.max(start, at);
  }
  return Infinity;
}

/** The instant a calendar date ends (local midnight after it), in the calendar's time zone: when a due date is over. */
export function endOfDate(cal: BusinessCalendar, date: string): number {
  return Temporal.PlainDate.from(date).add(ONE_DAY).toZonedDateTime({ timeZone: cal.timeZone }).epochMilliseconds;
}

/**
 * The maths' view of a stored calendar (the API `Calendar` shape): an always-open one has no
 * week and no holidays (24/7 means every hour counts), keeping its time zone for due dates.
 */
export function toBusinessCalendar(stored: Pick<Calendar, 'id' | 'timeZone' | 'alwaysOpen' | 'week' | 'holidays'>): BusinessCalendar {
  if (stored.alwaysOpen) return { id: stored.id, timeZone: stored.timeZone };
  return { id: stored.id, timeZone: stored.timeZone, week: stored.week ?? {}, holidays: stored.holidays };
}
