/**
 * Business time on a calendar (issue 7, workflow.md §2): at fixed instants, how much business
 * time lies between two instants and where a target lands — across a weekend, holidays (one-off
 * and yearly), both DST changes in Europe/Berlin, a lunch break, a target that ends exactly at
 * closing time, a start outside business hours, 24/7 — and, with fast-check over many calendars,
 * time zones and instants near DST changes: business time never exceeds wall time, it adds up
 * over consecutive stretches, adding business time and measuring it are inverse, and a larger
 * target never lands earlier.
 *
 * Instants are written as local ISO times with their offset (`+01:00` in winter, `+02:00` in
 * summer in Berlin), so each expectation also shows which side of a DST change it lies on.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, DayInterval, Holiday } from '../../shared/sla/constants.ts';
import { WEEKDAYS } from '../../shared/sla/constants.ts';
import {
  ALWAYS_OPEN,
  addBusinessMs,
  businessMsBetween,
  endOfDate,
  hasBusinessHours,
  isOpenAt,
  nextOpening,
  toBusinessCalendar,
} from '../../shared/sla/calendar.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An instant from an ISO time with offset. */
const at = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};
/** An instant shown as local time with offset in a time zone (Berlin unless told). */
const local = (ms: number, timeZone = 'Europe/Berlin') =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'minute' });

const nineToFive: DayInterval[] = [{ from: '08:00', to: '17:00' }];
/** The demo office: Europe/Berlin, Monday to Friday 08:00–17:00. */
const office = (holidays: Holiday[] = []): BusinessCalendar => ({
  id: 'office',
  timeZone: 'Europe/Berlin',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays,
});
const withLunch: DayInterval[] = [
  { from: '08:00', to: '12:00' },
  { from: '13:00', to: '17:00' },
];
const lunchBreak: BusinessCalendar = {
  id: 'lunch',
  timeZone: 'Europe/Berlin',
  week: { mon: withLunch, tue: withLunch, wed: withLunch, thu: withLunch, fri: withLunch },
};
/** Open every day 08:00–17:00, Sundays too: for the DST Sundays. */
const everyDay: BusinessCalendar = { id: 'daily', timeZone: 'Europe/Berlin', week: Object.fromEntries(WEEKDAYS.map((d) => [d, nineToFive])) };
/** Open around the clock but on a real calendar (Berlin), to see the length of a DST day. */
const wholeDays: BusinessCalendar = {
  id: 'whole',
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: '00:00', to: '24:00' }]])),
};
/** Night shift around the change hour (01:00–04:00) on Sundays only. */
const nightShift: BusinessCalendar = { id: 'night', timeZone: 'Europe/Berlin', week: { sun: [{ from: '01:00', to: '04:00' }] } };

describe('business time on an office calendar (Europe/Berlin, Mon–Fri 08:00–17:00)', () => {
  const cal = office();

  it('a target runs over the weekend: Friday 16:00 plus two business hours is Monday 09:00', () => {
    expect(local(addBusinessMs(cal, at('2026-03-06T16:00+01:00'), 2 * HOUR))).toBe('2026-03-09T09:00+01:00');
    expect(businessMsBetween(cal, at('2026-03-06T16:00+01:00'), at('2026-03-09T09:00+01:00'))).toBe(2 * HOUR);
    expect(businessMsBetween(cal, at('2026-03-07T00:00+01:00'), at('2026-03-09T00:00+01:00'))).toBe(0);
  });

  it('a target that uses up the day exactly ends at 17:00 that day, not at 08:00 the next morning', () => {
    expect(local(addBusinessMs(cal, at('2026-03-02T08:00+01:00'), 9 * HOUR))).toBe('2026-03-02T17:00+01:00');
    expect(local(addBusinessMs(cal, at('2026-03-02T16:00+01:00'), HOUR))).toBe('2026-03-02T17:00+01:00');
    // one minute more runs into the next morning
    expect(local(addBusinessMs(cal, at('2026-03-02T16:00+01:00'), HOUR + MINUTE))).toBe('2026-03-03T08:01+01:00');
    // the Friday's last hour ends on Friday, not on Monday
    expect(local(addBusinessMs(cal, at('2026-03-06T16:00+01:00'), HOUR))).toBe('2026-03-06T17:00+01:00');
  });

  it('a target started outside business hours counts from the next opening', () => {
    // early morning, late evening, Saturday, Sunday night
    expect(local(addBusinessMs(cal, at('2026-03-02T06:00+01:00'), 30 * MINUTE))).toBe('2026-03-02T08:30+01:00');
    expect(local(addBusinessMs(cal, at('2026-03-03T20:00+01:00'), HOUR))).toBe('2026-03-04T09:00+01:00');
    expect(local(addBusinessMs(cal, at('2026-03-07T10:00+01:00'), HOUR))).toBe('2026-03-09T09:00+01:00');
    expect(local(addBusinessMs(cal, at('2026-03-08T23:59+01:00'), MINUTE))).toBe('2026-03-09T08:01+01:00');
    expect(businessMsBetween(cal, at('2026-03-02T18:00+01:00'), at('2026-03-04T07:00+01:00'))).toBe(9 * HOUR);
  });

  it('no business time is owed yet: a zero target is its start, even at night', () => {
    expect(addBusinessMs(cal, at('2026-03-07T03:00+01:00'), 0)).toBe(at('2026-03-07T03:00+01:00'));
    expect(businessMsBetween(cal, at('2026-03-02T12:00+01:00'), at('2026-03-02T10:00+01:00'))).toBe(0);
  });

  it('a one-off holiday is closed (Good Friday and Easter Monday 2026); the same date a year later is open', () => {
    const easter = office([
      { date: '2026-04-03', name: 'Karfreitag' },
      { date: '2026-04-06', name: 'Ostermontag' },
    ]);
    // Thursday before Easter 16:00 plus two hours: Friday and Monday are holidays, so Tuesday 09:00
    expect(local(addBusinessMs(easter, at('2026-04-02T16:00+02:00'), 2 * HOUR))).toBe('2026-04-07T09:00+02:00');
    // the two weeks around Easter have eight business days, not ten
    expect(businessMsBetween(easter, at('2026-03-30T00:00+02:00'), at('2026-04-11T00:00+02:00'))).toBe(8 * 9 * HOUR);
    // without the holidays the same two hours end on Good Friday
    expect(local(addBusinessMs(cal, at('2026-04-02T16:00+02:00'), 2 * HOUR))).toBe('2026-04-03T09:00+02:00');
    // 2027-04-06 is a plain Tuesday: a one-off date does not repeat
    expect(businessMsBetween(easter, at('2027-04-06T00:00+02:00'), at('2027-04-07T00:00+02:00'))).toBe(9 * HOUR);
  });

  it('a recurring holiday repeats on its month and day every year; a one-off one does not', () => {
    const recurring = office([{ date: '2020-12-25', name: '1. Weihnachtstag', recurring: true }]);
    const once = office([{ date: '2020-12-25', name: '1. Weihnachtstag' }]);
    // Thursday 24 December 2026 16:00 plus two hours: Christmas Day (a Friday) is closed, so Monday
    expect(local(addBusinessMs(recurring, at('2026-12-24T16:00+01:00'), 2 * HOUR))).toBe('2026-12-28T09:00+01:00');
    expect(local(addBusinessMs(once, at('2026-12-24T16:00+01:00'), 2 * HOUR))).toBe('2026-12-25T09:00+01:00');
    expect(isOpenAt(recurring, at('2031-12-25T10:00+01:00'))).toBe(false);
    expect(isOpenAt(recurring, at('2031-12-24T10:00+01:00'))).toBe(true);
  });

  it('across the spring DST change (Sunday 29 March 2026) the business hours stay 08:00–17:00 local time', () => {
    // Friday 16:00 CET plus two hours: Monday 09:00 CEST (64 hours of wall time later, not 65)
    const friday = at('2026-03-27T16:00+01:00');
    const monday = addBusinessMs(cal, friday, 2 * HOUR);
    expect(local(monday)).toBe('2026-03-30T09:00+02:00');
    expect(monday - friday).toBe(64 * HOUR);
    expect(businessMsBetween(cal, at('2026-03-30T00:00+02:00'), at('2026-03-31T00:00+02:00'))).toBe(9 * HOUR);
    expect(businessMsBetween(everyDay, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(9 * HOUR);
    expect(local(addBusinessMs(everyDay, at('2026-03-28T17:00+01:00'), 9 * HOUR))).toBe('2026-03-29T17:00+02:00');
  });

  it('across the autumn DST change (Sunday 25 October 2026) too', () => {
    const friday = at('2026-10-23T16:00+02:00');
    const monday = addBusinessMs(cal, friday, 2 * HOUR);
    expect(local(monday)).toBe('2026-10-26T09:00+01:00');
    expect(monday - friday).toBe(66 * HOUR);
    expect(businessMsBetween(cal, at('2026-10-26T00:00+01:00'), at('2026-10-27T00:00+01:00'))).toBe(9 * HOUR);
    expect(businessMsBetween(everyDay, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(9 * HOUR);
    expect(local(addBusinessMs(everyDay, at('2026-10-24T17:00+02:00'), 9 * HOUR))).toBe('2026-10-25T17:00+01:00');
  });

  it('an interval that contains the skipped or repeated hour counts its real length', () => {
    // 01:00–04:00 local is two real hours on 29 March, four on 25 October
    expect(businessMsBetween(nightShift, at('2026-03-29T00:00+01:00'), at('2026-03-29T12:00+02:00'))).toBe(2 * HOUR);
    expect(businessMsBetween(nightShift, at('2026-10-25T00:00+02:00'), at('2026-10-25T12:00+01:00'))).toBe(4 * HOUR);
    // the third business hour of that October night starts in the repeated hour
    expect(local(addBusinessMs(nightShift, at('2026-10-25T00:00+02:00'), 2 * HOUR + 30 * MINUTE))).toBe('2026-10-25T02:30+01:00');
    // whole days: 23 and 25 hours
    expect(businessMsBetween(wholeDays, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(23 * HOUR);
    expect(businessMsBetween(wholeDays, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(25 * HOUR);
  });

  it('a long target walks whole weeks: 200 business days from a Monday morning end on the Friday of week 40 at 17:00', () => {
    const start = at('2026-01-05T08:00+01:00');
    const end = addBusinessMs(cal, start, 200 * 9 * HOUR);
    expect(local(end)).toBe('2026-10-09T17:00+02:00');
    expect(businessMsBetween(cal, start, end)).toBe(200 * 9 * HOUR);
  });
});

describe('two intervals a day (lunch break 12:00–13:00)', () => {
  it('the lunch break does not count', () => {
    expect(local(addBusinessMs(lunchBreak, at('2026-03-02T11:30+01:00'), HOUR))).toBe('2026-03-02T13:30+01:00');
    expect(businessMsBetween(lunchBreak, at('2026-03-02T11:00+01:00'), at('2026-03-02T14:00+01:00'))).toBe(2 * HOUR);
    expect(businessMsBetween(lunchBreak, at('2026-03-02T00:00+01:00'), at('2026-03-03T00:00+01:00'))).toBe(8 * HOUR);
    // started during the break: from 13:00
    expect(local(addBusinessMs(lunchBreak, at('2026-03-02T12:15+01:00'), 30 * MINUTE))).toBe('2026-03-02T13:30+01:00');
  });

  it('a target that ends exactly at the start of the break ends at 12:00, not at 13:00', () => {
    expect(local(addBusinessMs(lunchBreak, at('2026-03-02T08:00+01:00'), 4 * HOUR))).toBe('2026-03-02T12:00+01:00');
    expect(local(addBusinessMs(lunchBreak, at('2026-03-02T08:00+01:00'), 8 * HOUR))).toBe('2026-03-02T17:00+01:00');
  });

  it('says when it is open and when it opens next', () => {
    expect(isOpenAt(lunchBreak, at('2026-03-02T11:59+01:00'))).toBe(true);
    expect(isOpenAt(lunchBreak, at('2026-03-02T12:00+01:00'))).toBe(false);
    expect(isOpenAt(lunchBreak, at('2026-03-02T13:00+01:00'))).toBe(true);
    expect(local(nextOpening(lunchBreak, at('2026-03-02T12:10+01:00')))).toBe('2026-03-02T13:00+01:00');
    expect(local(nextOpening(lunchBreak, at('2026-03-06T17:00+01:00')))).toBe('2026-03-09T08:00+01:00');
    expect(nextOpening(lunchBreak, at('2026-03-02T09:10+01:00'))).toBe(at('2026-03-02T09:10+01:00'));
  });
});

describe('other calendars', () => {
  it('24/7 counts every millisecond of wall time, across DST too', () => {
    expect(businessMsBetween(ALWAYS_OPEN, at('2026-03-28T12:00Z'), at('2026-03-30T12:00Z'))).toBe(48 * HOUR);
    expect(addBusinessMs(ALWAYS_OPEN, at('2026-03-28T12:00Z'), 90 * MINUTE)).toBe(at('2026-03-28T13:30Z'));
    expect(isOpenAt(ALWAYS_OPEN, at('2026-12-25T03:00Z'))).toBe(true);
    const berlin247 = toBusinessCalendar({ id: 'b', timeZone: 'Europe/Berlin', alwaysOpen: true, holidays: [{ date: '2026-12-25', name: 'X' }] });
    expect(businessMsBetween(berlin247, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(23 * HOUR);
    expect(isOpenAt(berlin247, at('2026-12-25T03:00Z'))).toBe(true);
  });

  it('an evening interval to 24:00 runs on into the next day’s from 00:00', () => {
    const late: BusinessCalendar = {
      id: 'late',
      timeZone: 'Europe/Berlin',
      week: { sat: [{ from: '20:00', to: '24:00' }], sun: [{ from: '00:00', to: '02:00' }] },
    };
    expect(local(addBusinessMs(late, at('2026-03-07T23:00+01:00'), 2 * HOUR))).toBe('2026-03-08T01:00+01:00');
    expect(local(addBusinessMs(late, at('2026-03-07T20:00+01:00'), 4 * HOUR))).toBe('2026-03-08T00:00+01:00');
    expect(businessMsBetween(late, at('2026-03-07T00:00+01:00'), at('2026-03-09T00:00+01:00'))).toBe(6 * HOUR);
  });

  it('business hours are local to the calendar’s time zone (New York, 09:00–17:00)', () => {
    const ny: BusinessCalendar = { id: 'ny', timeZone: 'America/New_York', week: { mon: [{ from: '09:00', to: '17:00' }] } };
    // 2026-03-09 is the Monday after the US change: 09:00 EDT = 13:00Z
    expect(new Date(addBusinessMs(ny, at('2026-03-09T00:00Z'), HOUR)).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(new Date(addBusinessMs(ny, at('2026-03-02T00:00Z'), HOUR)).toISOString()).toBe('2026-03-02T15:00:00.000Z');
  });

  it('a calendar without any business hours never reaches a target and counts nothing', () => {
    const closed: BusinessCalendar = { id: 'closed', timeZone: 'Europe/Berlin', week: {} };
    expect(addBusinessMs(closed, at('2026-03-02T08:00+01:00'), MINUTE)).toBe(Infinity);
    expect(nextOpening(closed, at('2026-03-02T08:00+01:00'))).toBe(Infinity);
    expect(businessMsBetween(closed, at('2026-03-02T08:00+01:00'), at('2027-03-02T08:00+01:00'))).toBe(0);
    expect(hasBusinessHours(closed)).toBe(false);
    // an interval of no length does not count either
    expect(hasBusinessHours({ ...closed, week: { mon: [{ from: '09:00', to: '09:00' }] } })).toBe(false);
    expect(hasBusinessHours(office())).toBe(true);
    expect(hasBusinessHours(ALWAYS_OPEN)).toBe(true);
  });

  it('a stored calendar becomes the maths’ calendar: always open has no week and no holidays', () => {
    const week = { mon: nineToFive };
    const holidays = [{ date: '2026-12-25', name: 'X', recurring: true }];
    expect(toBusinessCalendar({ id: 'c', timeZone: 'Europe/Berlin', alwaysOpen: false, week, holidays })).toEqual({
      id: 'c',
      timeZone: 'Europe/Berlin',
      week,
      holidays,
    });
    expect(toBusinessCalendar({ id: 'c', timeZone: 'Europe/Berlin', alwaysOpen: true, week, holidays })).toEqual({ id: 'c', timeZone: 'Europe/Berlin' });
    expect(toBusinessCalendar({ id: 'c', timeZone: 'UTC', alwaysOpen: false, holidays: [] }).week).toEqual({});
  });
});

describe('the end of a due date', () => {
  it('in Berlin a date ends at local midnight: 23:00Z in winter, 22:00Z in summer', () => {
    expect(new Date(endOfDate(office(), '2026-11-28')).toISOString()).toBe('2026-11-28T23:00:00.000Z');
    expect(new Date(endOfDate(office(), '2026-07-01')).toISOString()).toBe('2026-07-01T22:00:00.000Z');
    // the DST Sundays end in the new offset
    expect(new Date(endOfDate(office(), '2026-03-29')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(endOfDate(office(), '2026-10-25')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('on the built-in 24/7 calendar at midnight UTC', () => {
    expect(new Date(endOfDate(ALWAYS_OPEN, '2026-11-28')).toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });
});

// ---- properties -------------------------------------------------------------------------------

const ZONES = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
/** Instants from autumn 2025 to spring 2027 (four DST changes in Europe and in the US), half of them within a day of a DST change in Berlin or New York or Santiago (midnight changes). */
const CHANGES = ['2026-03-29T01:00Z', '2026-10-25T01:00Z', '2026-03-08T07:00Z', '2026-11-01T06:00Z', '2026-04-05T03:00Z', '2026-09-06T04:00Z'].map(at);
const instant = fc.oneof(
  fc.integer({ min: at('2025-09-01T00:00Z'), max: at('2027-05-01T00:00Z') }),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -24 * HOUR, max: 24 * HOUR })).map(([c, d]) => c + d),
);
const hhmm = (quarter: number) =>
  quarter === 96 ? '24:00' : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
/** A weekday's intervals: up to four, in order, on quarter hours, `to` up to 24:00. */
const dayIntervals = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 8 }).map((qs) => {
  const sorted = [...qs].sort((a, b) => a - b);
  const out: DayInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ from: hhmm(sorted[i]!), to: hhmm(sorted[i + 1]!) });
  return out;
});
const calendar: fc.Arbitrary<BusinessCalendar> = fc.oneof(
  fc.constantFrom(office(), lunchBreak, everyDay, wholeDays, nightShift, ALWAYS_OPEN),
  fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      week: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayIntervals])) as Record<(typeof WEEKDAYS)[number], fc.Arbitrary<DayInterval[]>>),
      holidays: fc.array(
        fc.record({
          date: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          name: fc.constant('h'),
          recurring: fc.boolean(),
        }),
        { maxLength: 20 },
      ),
    })
    .filter((c) => Object.values(c.week).some((d) => d.length > 0))
    .map((c): BusinessCalendar => ({ id: 'gen', ...c })),
);
const target = fc.integer({ min: 0, max: 30 * 24 * HOUR });

describe('properties of business time (fast-check)', () => {
  it('business time between two instants is never negative and never more than the wall time', () => {
    fc.assert(
      fc.property(calendar, instant, instant, (cal, a, b) => {
        const used = businessMsBetween(cal, a, b);
        expect(used).toBeGreaterThanOrEqual(0);
        expect(used).toBeLessThanOrEqual(Math.max(0, b - a));
      }),
    );
  });

  it('it adds up: between(a, b) + between(b, c) = between(a, c)', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c)).toBe(businessMsBetween(cal, a, c));
      }),
    );
  });

  it('adding business time and measuring it are inverse: between(from, add(from, ms)) = ms, and the last moment before the target is business time', () => {
    fc.assert(
      fc.property(calendar, instant, target, (cal, from, ms) => {
        const due = addBusinessMs(cal, from, ms);
        expect(due).toBeGreaterThanOrEqual(from);
        expect(businessMsBetween(cal, from, due)).toBe(ms);
        if (ms > 0) expect(isOpenAt(cal, due - 1)).toBe(true);
      }),
    );
  });

  it('a larger target never lands earlier', () => {
    fc.assert(
      fc.property(calendar, instant, target, target, (cal, from, m, n) => {
        const [small, large] = m <= n ? [m, n] : [n, m];
        expect(addBusinessMs(cal, from, small)).toBeLessThanOrEqual(addBusinessMs(cal, from, large));
      }),
    );
  });

  it('the next opening is open, and no business time lies before it', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const opening = nextOpening(cal, t);
        expect(opening).toBeGreaterThanOrEqual(t);
        expect(isOpenAt(cal, opening)).toBe(true);
        expect(businessMsBetween(cal, t, opening)).toBe(0);
      }),
    );
  });
});
