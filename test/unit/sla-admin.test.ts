/**
 * What the admin's SLA screens work out before anything is sent: imported public holidays are
 * merged into a calendar's own without duplicates, a calendar's business day is measured from
 * its hours (the hint beside a policy's targets), and a target typed in minutes or hours is
 * stored in whole business minutes and read back in the unit it was meant in.
 */
import { describe, expect, it } from 'vitest';
import { dayRuns, fromUnit, mergeHolidays, minutesOf, openMinutesPerDay, splitList, toUnit, type Holiday } from '../../web/src/lib/components/sla/sla.ts';

const same = (h: Holiday) => h;

describe('importing public holidays into a calendar', () => {
  const own: Holiday[] = [
    { date: '2026-12-24', name: 'Heiligabend (Betriebsruhe)' },
    { date: '2020-01-01', name: 'Neujahr', recurring: true },
  ];
  const bavaria2026: Holiday[] = [
    { date: '2026-01-01', name: 'Neujahr' },
    { date: '2026-01-06', name: 'Heilige Drei Könige' },
    { date: '2026-12-24', name: 'Heiligabend' },
    { date: '2026-12-25', name: '1. Weihnachtstag' },
  ];

  it('adds only dates not there yet: the same date, or a yearly holiday on that day, is kept as the admin named it', () => {
    const { holidays, added } = mergeHolidays(own, bavaria2026, same);
    expect(added).toBe(2);
    expect(holidays.map((h) => `${h.date} ${h.name}`)).toEqual([
      '2020-01-01 Neujahr',
      '2026-01-06 Heilige Drei Könige',
      '2026-12-24 Heiligabend (Betriebsruhe)',
      '2026-12-25 1. Weihnachtstag',
    ]);
  });

  it('importing the same year twice adds nothing the second time', () => {
    const once = mergeHolidays(own, bavaria2026, same).holidays;
    const twice = mergeHolidays(once, bavaria2026, same);
    expect(twice.added).toBe(0);
    expect(twice.holidays).toEqual(once);
  });

  it('a holiday listed twice in one import is added once', () => {
    const { holidays, added } = mergeHolidays([], [bavaria2026[1]!, bavaria2026[1]!], same);
    expect(added).toBe(1);
    expect(holidays).toHaveLength(1);
  });
});

describe('a calendar’s business day', () => {
  it('counts every interval of a day; closed days are left out; 24:00 is the end of the day', () => {
    const week = {
      mon: [{ from: '08:00', to: '17:00' }],
      fri: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
      sat: [],
      sun: [{ from: '20:00', to: '24:00' }],
    };
    expect(openMinutesPerDay({ alwaysOpen: false, week })).toEqual({ mon: 540, fri: 480, sun: 240 });
  });

  it('is summed up in runs of consecutive days with the same hours; a closed day breaks a run', () => {
    const office = [{ from: '08:00', to: '17:00' }];
    expect(dayRuns({ mon: office, tue: office, wed: office, thu: office, fri: [{ from: '08:00', to: '12:00' }, ...office.slice(1)] })).toEqual([
      { first: 'mon', last: 'thu', hours: '08:00–17:00' },
      { first: 'fri', last: 'fri', hours: '08:00–12:00' },
    ]);
    expect(dayRuns({ mon: office, wed: office, thu: office, sun: office })).toEqual([
      { first: 'mon', last: 'mon', hours: '08:00–17:00' },
      { first: 'wed', last: 'thu', hours: '08:00–17:00' },
      { first: 'sun', last: 'sun', hours: '08:00–17:00' },
    ]);
    expect(dayRuns({})).toEqual([]);
  });

  it('is not measured on an always-open calendar (every hour counts)', () => {
    expect(openMinutesPerDay({ alwaysOpen: true, week: { mon: [{ from: '08:00', to: '17:00' }] } })).toBeNull();
  });

  it('reads only HH:MM times of a day', () => {
    expect(minutesOf('08:30')).toBe(510);
    expect(minutesOf('24:00')).toBe(1440);
    for (const bad of ['8:00', '24:01', '12:60', '0800', '']) expect(minutesOf(bad)).toBeNaN();
  });
});

describe('targets in minutes or hours', () => {
  it('are stored as whole minutes', () => {
    expect(fromUnit('4', 'hours')).toBe(240);
    expect(fromUnit('1,5', 'hours')).toBe(90);
    expect(fromUnit('30', 'minutes')).toBe(30);
    expect(fromUnit('  ', 'hours')).toBeUndefined();
    expect(fromUnit('soon', 'minutes')).toBeNaN();
  });

  it('read back in hours when whole hours, else in minutes', () => {
    expect(toUnit(240)).toEqual({ value: '4', unit: 'hours' });
    expect(toUnit(90)).toEqual({ value: '90', unit: 'minutes' });
    expect(toUnit(1)).toEqual({ value: '1', unit: 'minutes' });
    expect(toUnit(undefined)).toEqual({ value: '', unit: 'hours' });
  });
});

it('a list typed with commas keeps each entry once, trimmed', () => {
  expect(splitList(' Hardware, Netzwerk ,, Hardware ')).toEqual(['Hardware', 'Netzwerk']);
});
