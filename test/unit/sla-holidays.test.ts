/**
 * German public holidays per federal state (issue 7, calendars): Easter and the holidays that
 * follow it, the holidays of each state (and only of whole states), the years in which newer
 * holidays apply, and a calendar built from the list closing on them.
 */
import { describe, expect, it } from 'vitest';
import { addBusinessMs, isOpenAt } from '../../shared/sla/calendar.ts';
import type { BusinessCalendar, DayInterval } from '../../shared/sla/constants.ts';
import { GERMAN_STATES, type GermanState } from '../../shared/sla/constants.ts';
import { HOLIDAY_NAMES_EN, easterSunday, germanHolidays, germanHolidaysForYears } from '../../shared/sla/holidays.ts';

/** The states that have a holiday of this name in that year. */
const statesWith = (name: string, year: number) => GERMAN_STATES.filter((s) => germanHolidays(s, year).some((h) => h.name === name));
const dateOf = (state: GermanState, year: number, name: string) => germanHolidays(state, year).find((h) => h.name === name)?.date;

describe('Easter', () => {
  it('falls on 5 April 2026 and 28 March 2027', () => {
    expect(easterSunday(2026).toString()).toBe('2026-04-05');
    expect(easterSunday(2027).toString()).toBe('2027-03-28');
  });

  it('matches the published dates, earliest and latest included', () => {
    const published = { 2000: '04-23', 2008: '03-23', 2011: '04-24', 2019: '04-21', 2024: '03-31', 2025: '04-20', 2038: '04-25', 2100: '03-28' };
    for (const [year, day] of Object.entries(published)) expect(easterSunday(Number(year)).toString()).toBe(`${year}-${day}`);
  });

  it('is a Sunday between 22 March and 25 April in every year the API accepts', () => {
    for (let year = 2000; year <= 2100; year++) {
      const easter = easterSunday(year);
      expect(easter.dayOfWeek).toBe(7);
      expect(easter.toString().slice(5) >= '03-22' && easter.toString().slice(5) <= '04-25', easter.toString()).toBe(true);
    }
  });

  it('moves Good Friday, Easter Monday, Ascension, Whit Monday and Corpus Christi with it', () => {
    const by = (name: string) => dateOf('BY', 2027, name);
    expect([by('Karfreitag'), by('Ostermontag'), by('Christi Himmelfahrt'), by('Pfingstmontag'), by('Fronleichnam')]).toEqual([
      '2027-03-26',
      '2027-03-29',
      '2027-05-06',
      '2027-05-17',
      '2027-05-27',
    ]);
  });
});

describe('the holidays of a state', () => {
  it('Bavaria 2026: twelve holidays statewide (Mariä Himmelfahrt only in Catholic communities, so not listed)', () => {
    expect(germanHolidays('BY', 2026)).toEqual([
      { date: '2026-01-01', name: 'Neujahr', recurring: true },
      { date: '2026-01-06', name: 'Heilige Drei Könige', recurring: true },
      { date: '2026-04-03', name: 'Karfreitag' },
      { date: '2026-04-06', name: 'Ostermontag' },
      { date: '2026-05-01', name: 'Tag der Arbeit', recurring: true },
      { date: '2026-05-14', name: 'Christi Himmelfahrt' },
      { date: '2026-05-25', name: 'Pfingstmontag' },
      { date: '2026-06-04', name: 'Fronleichnam' },
      { date: '2026-10-03', name: 'Tag der Deutschen Einheit', recurring: true },
      { date: '2026-11-01', name: 'Allerheiligen', recurring: true },
      { date: '2026-12-25', name: '1. Weihnachtstag', recurring: true },
      { date: '2026-12-26', name: '2. Weihnachtstag', recurring: true },
    ]);
  });

  it('every state has the nine nationwide holidays', () => {
    const nationwide = [
      'Neujahr',
      'Karfreitag',
      'Ostermontag',
      'Tag der Arbeit',
      'Christi Himmelfahrt',
      'Pfingstmontag',
      'Tag der Deutschen Einheit',
      '1. Weihnachtstag',
      '2. Weihnachtstag',
    ];
    for (const name of nationwide) expect(statesWith(name, 2026)).toEqual([...GERMAN_STATES]);
  });

  it('Berlin has Frauentag on 8 March since 2019, Mecklenburg-Vorpommern since 2023, nobody else', () => {
    expect(dateOf('BE', 2026, 'Internationaler Frauentag')).toBe('2026-03-08');
    expect(statesWith('Internationaler Frauentag', 2026)).toEqual(['BE', 'MV']);
    expect(statesWith('Internationaler Frauentag', 2022)).toEqual(['BE']);
    expect(statesWith('Internationaler Frauentag', 2018)).toEqual([]);
  });

  it('Buß- und Bettag is the Wednesday before 23 November, in Saxony only: 18 November 2026', () => {
    expect(statesWith('Buß- und Bettag', 2026)).toEqual(['SN']);
    expect(dateOf('SN', 2026, 'Buß- und Bettag')).toBe('2026-11-18');
    expect(dateOf('SN', 2023, 'Buß- und Bettag')).toBe('2023-11-22');
    expect(dateOf('SN', 2027, 'Buß- und Bettag')).toBe('2027-11-17');
  });

  it('the regional holidays are where the state laws put them', () => {
    expect(statesWith('Heilige Drei Könige', 2026)).toEqual(['BW', 'BY', 'ST']);
    expect(statesWith('Fronleichnam', 2026)).toEqual(['BW', 'BY', 'HE', 'NW', 'RP', 'SL']);
    expect(statesWith('Mariä Himmelfahrt', 2026)).toEqual(['SL']);
    expect(statesWith('Weltkindertag', 2026)).toEqual(['TH']);
    expect(statesWith('Allerheiligen', 2026)).toEqual(['BW', 'BY', 'NW', 'RP', 'SL']);
    expect(statesWith('Ostersonntag', 2026)).toEqual(['BB']);
    expect(statesWith('Pfingstsonntag', 2026)).toEqual(['BB']);
  });

  it('Reformationstag: in nine states since 2018, in the east before that, everywhere in 2017', () => {
    expect(statesWith('Reformationstag', 2026)).toEqual(['BB', 'HB', 'HH', 'MV', 'NI', 'SN', 'ST', 'SH', 'TH']);
    expect(statesWith('Reformationstag', 2016)).toEqual(['BB', 'MV', 'SN', 'ST', 'TH']);
    expect(statesWith('Reformationstag', 2017)).toEqual([...GERMAN_STATES]);
    // the anniversary is a one-off, not a yearly holiday of Bavaria
    expect(germanHolidays('BY', 2017).find((h) => h.name === 'Reformationstag')).toEqual({ date: '2017-10-31', name: 'Reformationstag' });
  });

  it('Berlin’s Tag der Befreiung was a holiday in 2020 and 2025 only', () => {
    expect(dateOf('BE', 2025, 'Tag der Befreiung')).toBe('2025-05-08');
    expect(dateOf('BE', 2026, 'Tag der Befreiung')).toBeUndefined();
    expect(statesWith('Tag der Befreiung', 2020)).toEqual(['BE']);
  });

  it('each list is in date order within its year, fixed dates recurring, Easter ones not, every name translated', () => {
    for (const state of GERMAN_STATES) {
      for (const year of [2000, 2026, 2100]) {
        const list = germanHolidays(state, year);
        expect(list.map((h) => h.date)).toEqual(list.map((h) => h.date).sort());
        expect(list.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
        for (const h of list) expect(HOLIDAY_NAMES_EN[h.name], h.name).toBeTruthy();
      }
    }
    expect(
      germanHolidays('HE', 2026)
        .filter((h) => !h.recurring)
        .map((h) => h.name),
    ).toEqual(['Karfreitag', 'Ostermontag', 'Christi Himmelfahrt', 'Pfingstmontag', 'Fronleichnam']);
  });
});

describe('a calendar made from the list', () => {
  const nineToFive: DayInterval[] = [{ from: '08:00', to: '17:00' }];
  const munich: BusinessCalendar = {
    id: 'munich',
    timeZone: 'Europe/Berlin',
    week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
    holidays: germanHolidaysForYears('BY', 2026, 2027),
  };

  it('over several years lists each recurring holiday once and the Easter ones per year', () => {
    const names = munich.holidays!.map((h) => h.name);
    expect(names.filter((n) => n === 'Allerheiligen')).toHaveLength(1);
    expect(munich.holidays!.filter((h) => h.name === 'Fronleichnam').map((h) => h.date)).toEqual(['2026-06-04', '2027-05-27']);
  });

  it('closes on them: Corpus Christi 2026 is skipped, and All Saints’ Day closes in 2028 too', () => {
    const nextMorning = addBusinessMs(munich, Date.parse('2026-06-03T16:00+02:00'), 2 * 3_600_000);
    expect(new Date(nextMorning).toISOString()).toBe('2026-06-05T07:00:00.000Z');
    // 1 November 2028 is a Wednesday; the list was made for 2026–2027, the fixed date recurs
    expect(isOpenAt(munich, Date.parse('2028-11-01T10:00+01:00'))).toBe(false);
    expect(isOpenAt(munich, Date.parse('2028-11-02T10:00+01:00'))).toBe(true);
  });
});
