/**
 * The vocabulary of service levels (issue 7; S1–S3, K11), without zod: the server's schemas
 * build their enums from it and the web app imports it directly. What the stored SLA facts of a
 * ticket look like lives here too, since both the maths (`shared/sla/`) and the ticket item
 * (`db/items.ts`) speak of them.
 */

/** The clocks a ticket can carry: three from its policy, two from the due dates (K11). */
export const CLOCK_KINDS = ['first_response', 'next_response', 'resolution', 'requester_due', 'coordinator_due'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
/** The clocks a policy sets targets for; they pause while support waits for the customer or the ticket is pending. */
export const POLICY_CLOCKS = ['first_response', 'next_response', 'resolution'] as const satisfies readonly ClockKind[];
export type PolicyClock = (typeof POLICY_CLOCKS)[number];

/** Where one clock stands. */
export const CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** The badge of a ticket on every list: its most urgent running clock. */
export const SLA_STATES = ['on_track', 'at_risk', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** What an escalation step does at (or after) a breach. */
export const ESCALATION_ACTIONS = ['notify_coordinator', 'notify_team', 'raise_priority', 'reassign'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** Weekdays in ISO order (Monday first), the keys of a calendar's week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Every tenant's built-in calendar: always open, UTC. It is not stored and cannot be changed. */
export const BUILTIN_CALENDAR_ID = '24x7';

/** Warning threshold when no policy applies (the due-date clocks of a ticket without policy). */
export const DEFAULT_WARN_PERCENT = 80;

/** Bounds the admin can enter. */
export const SLA_LIMITS = {
  /** Shortest target: one minute, so a person (and a test) can watch a breach happen. */
  minTargetMinutes: 1,
  /** Longest target: a year of minutes. */
  maxTargetMinutes: 525_600,
  maxPolicies: 50,
  maxCalendars: 20,
  maxHolidays: 200,
  maxIntervalsPerDay: 4,
  maxEscalationSteps: 5,
} as const;

/** German federal states (ISO 3166-2:DE codes) whose public holidays can be imported. */
export const GERMAN_STATES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

/** A business-hours interval of one weekday, local time `HH:MM` (`to` may be `24:00`). */
export interface DayInterval {
  from: string;
  to: string;
}

/** A holiday: a date (`YYYY-MM-DD`); `recurring` ones repeat on that month and day every year. */
export interface Holiday {
  date: string;
  name: string;
  recurring?: boolean;
}

/**
 * A business calendar as the maths needs it. `week` absent = open around the clock (24/7);
 * a weekday missing from `week` (or with no intervals) is closed.
 */
export interface BusinessCalendar {
  id: string;
  timeZone: string;
  week?: Partial<Record<Weekday, DayInterval[]>>;
  holidays?: Holiday[];
}

/**
 * What happened to a ticket that its clocks depend on, stored on the ticket (`TicketItem.sla`)
 * and advanced with every write. Facts are wall-clock instants (ISO), independent of policy and
 * calendar, so a changed priority or policy re-targets from the original start, and the same
 * events give the same facts however they are batched.
 */
export interface SlaFacts {
  /** When the clocks started: the ticket's creation. */
  startedAt: string;
  /** The first public answer of support to the requester (stops the first-response clock). */
  firstResponseAt?: string;
  /** A customer reply not yet answered: the start of the running next-response cycle. */
  awaitingSince?: string;
  /** The last answered next-response cycle, `[customer reply, answer]` (keeps that clock visible as met or breached). */
  lastCycle?: [string, string];
  /** Paused since (support waits for the customer, or pending until a date); absent while running. */
  pausedSince?: string;
  /** Closed pauses, `[from, to]` instants, oldest first. */
  paused?: [string, string][];
  /** When it was closed (stops the resolution clock); a reopen removes it. */
  closedAt?: string;
  /**
   * What already fired, each exactly once: `{clock}@{targetAt}#warn`, `{clock}@{targetAt}#breach`,
   * `{clock}@{targetAt}#step{i}` (escalation step i).
   */
  fired?: string[];
}
