/**
 * Public holidays of the German federal states, ready to import into a business calendar
 * (issue 7, calendars). Fixed-date holidays come back as yearly `recurring` ones, those that
 * follow Easter dated per year. Only holidays of a whole state are listed: Fronleichnam in parts
 * of Saxony and Thuringia and Mariä Himmelfahrt in the Catholic communities of Bavaria are
 * left out (a calendar is per team, not per municipality; the admin adds them by hand), and so
 * is Augsburg's Friedensfest. Dates of Easter come from the Gregorian Computus, the rest is
 * Temporal date arithmetic.
 */
import { Temporal } from 'temporal-polyfill';
import type { GermanState, Holiday } from './constants.ts';

/** Every state: the holiday applies nationwide. */
const ALL = 'all' as const;
type States = readonly GermanState[] | typeof ALL;

/** A holiday rule: where it applies, in which years, and its date in a year (`MM-DD`, or days from Easter Sunday). */
interface Rule {
  name: string;
  states: States;
  /** Month and day (`MM-DD`), days after Easter Sunday, or `repentance` (Buß- und Bettag). */
  on: string | number;
  since?: number;
  /** Only in this one year (a one-off holiday by law, e.g. an anniversary). */
  only?: number;
}

const RULES: readonly Rule[] = [
  { name: 'Neujahr', states: ALL, on: '01-01' },
  { name: 'Heilige Drei Könige', states: ['BW', 'BY', 'ST'], on: '01-06' },
  { name: 'Internationaler Frauentag', states: ['BE'], on: '03-08', since: 2019 },
  { name: 'Internationaler Frauentag', states: ['MV'], on: '03-08', since: 2023 },
  { name: 'Karfreitag', states: ALL, on: -2 },
  { name: 'Ostersonntag', states: ['BB'], on: 0 },
  { name: 'Ostermontag', states: ALL, on: 1 },
  { name: 'Tag der Arbeit', states: ALL, on: '05-01' },
  // 75th and 80th anniversary of the end of the war in Europe, by Berlin law
  { name: 'Tag der Befreiung', states: ['BE'], on: '05-08', only: 2020 },
  { name: 'Tag der Befreiung', states: ['BE'], on: '05-08', only: 2025 },
  { name: 'Christi Himmelfahrt', states: ALL, on: 39 },
  { name: 'Pfingstsonntag', states: ['BB'], on: 49 },
  { name: 'Pfingstmontag', states: ALL, on: 50 },
  { name: 'Fronleichnam', states: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'], on: 60 },
  { name: 'Mariä Himmelfahrt', states: ['SL'], on: '08-15' },
  { name: 'Weltkindertag', states: ['TH'], on: '09-20', since: 2019 },
  { name: 'Tag der Deutschen Einheit', states: ALL, on: '10-03' },
  { name: 'Reformationstag', states: ['BB', 'MV', 'SN', 'ST', 'TH'], on: '10-31' },
  { name: 'Reformationstag', states: ['HB', 'HH', 'NI', 'SH'], on: '10-31', since: 2018 },
  // the 500th anniversary: once nationwide
  { name: 'Reformationstag', states: ['BW', 'BY', 'BE', 'HB', 'HH', 'HE', 'NI', 'NW', 'RP', 'SL', 'SH'], on: '10-31', only: 2017 },
  { name: 'Allerheiligen', states: ['BW', 'BY', 'NW', 'RP', 'SL'], on: '11-01' },
  // the Wednesday before 23 November
  { name: 'Buß- und Bettag', states: ['SN'], on: 'repentance' },
  { name: '1. Weihnachtstag', states: ALL, on: '12-25' },
  { name: '2. Weihnachtstag', states: ALL, on: '12-26' },
];

/** English names of the holidays `germanHolidays` returns, by their German name. */
export const HOLIDAY_NAMES_EN: Readonly<Record<string, string>> = {
  Neujahr: "New Year's Day",
  'Heilige Drei Könige': 'Epiphany',
  'Internationaler Frauentag': "International Women's Day",
  Karfreitag: 'Good Friday',
  Ostersonntag: 'Easter Sunday',
  Ostermontag: 'Easter Monday',
  'Tag der Arbeit': 'Labour Day',
  'Tag der Befreiung': 'Liberation Day',
  'Christi Himmelfahrt': 'Ascension Day',
  Pfingstsonntag: 'Whit Sunday',
  Pfingstmontag: 'Whit Monday',
  Fronleichnam: 'Corpus Christi',
  'Mariä Himmelfahrt': 'Assumption Day',
  Weltkindertag: "World Children's Day",
  'Tag der Deutschen Einheit': 'German Unity Day',
  Reformationstag: 'Reformation Day',
  Allerheiligen: "All Saints' Day",
  'Buß- und Bettag': 'Day of Prayer and Repentance',
  '1. Weihnachtstag': 'Christmas Day',
  '2. Weihnachtstag': 'Boxing Day',
};

/** Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian Computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/** Buß- und Bettag: the last Wednesday before 23 November. */
function repentanceDay(year: number): Temporal.PlainDate {
  const nov22 = Temporal.PlainDate.from({ year, month: 11, day: 22 });
  // dayOfWeek: 1 = Monday … 3 = Wednesday … 7 = Sunday
  return nov22.subtract({ days: (nov22.dayOfWeek - 3 + 7) % 7 });
}

const appliesIn = (rule: Rule, state: GermanState, year: number) =>
  (rule.states === ALL || rule.states.includes(state)) && (rule.since === undefined || year >= rule.since) && (rule.only === undefined || year === rule.only);

/**
 * The public holidays of a German federal state in a year, by date. Fixed-date holidays that
 * hold every year are `recurring`; those after Easter, Buß- und Bettag and one-off anniversaries
 * carry this year's date only. Names are German (`HOLIDAY_NAMES_EN` translates them).
 */
export function germanHolidays(state: GermanState, year: number): Holiday[] {
  const easter = easterSunday(year);
  return RULES.filter((rule) => appliesIn(rule, state, year))
    .map((rule): Holiday => {
      if (typeof rule.on === 'number') return { date: easter.add({ days: rule.on }).toString(), name: rule.name };
      if (rule.on === 'repentance') return { date: repentanceDay(year).toString(), name: rule.name };
      const date = `${String(year).padStart(4, '0')}-${rule.on}`;
      // a holiday that came into law in some year still recurs every year after (the maths repeats recurring ones on every year)
      return rule.only === undefined ? { date, name: rule.name, recurring: true } : { date, name: rule.name };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The public holidays of a state over several years (`from`…`to`, inclusive), as a calendar
 * imports them: each recurring holiday once (dated in the first year it applies), the others
 * per year, by date.
 */
export function germanHolidaysForYears(state: GermanState, from: number, to: number = from): Holiday[] {
  const seen = new Set<string>();
  const out: Holiday[] = [];
  for (let year = from; year <= to; year++) {
    for (const h of germanHolidays(state, year)) {
      const key = h.recurring ? `${h.date.slice(5)} ${h.name}` : `${h.date} ${h.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(h);
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
