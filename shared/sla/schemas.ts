/** The API shapes of service levels (issue 7): calendars, SLA policies, a ticket's clocks. */
import * as z from 'zod';
import { singleLine } from '../text.ts';
import { TimeZone } from '../tenancy/schemas.ts';
import { PRIORITIES } from '../tickets/constants.ts';
import { CLOCK_KINDS, CLOCK_STATES, ESCALATION_ACTIONS, GERMAN_STATES, SLA_LIMITS, SLA_STATES, WEEKDAYS } from './constants.ts';

const Id = z.string().regex(/^[\w-]{1,64}$/);
const Version = z.number().int().min(0);

/** Local time of day, `HH:MM` (00:00–24:00). */
const TimeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'HH:MM' });

/** One business-hours interval of a weekday; `from` before `to`. */
export const DayInterval = z
  .object({ from: TimeOfDay, to: TimeOfDay })
  .refine((i) => i.from < i.to, { message: 'from before to', params: { code: 'empty_interval' } })
  .meta({ id: 'DayInterval' });

/** Intervals of one weekday, at most four, in order and not overlapping. */
const DayIntervals = z
  .array(DayInterval)
  .max(SLA_LIMITS.maxIntervalsPerDay)
  .refine((list) => list.every((i, n) => n === 0 || list[n - 1]!.to <= i.from), {
    message: 'in order, not overlapping',
    params: { code: 'overlapping_intervals' },
  });

/** Business hours per weekday; a weekday left out is closed. */
export const Week = z.partialRecord(z.enum(WEEKDAYS), DayIntervals).meta({ id: 'Week' });

export const Holiday = z
  .object({
    date: z.iso.date(),
    name: singleLine(1, 80),
    recurring: z.boolean().optional().describe('Repeats on this month and day every year'),
  })
  .meta({ id: 'Holiday' });

export const Calendar = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    alwaysOpen: z.boolean().describe('24/7: no business hours, no holidays'),
    week: Week.optional().describe('Absent when always open'),
    holidays: z.array(Holiday),
    builtIn: z.boolean().describe('The tenant’s built-in `24x7` calendar; it cannot be changed'),
    version: z.number().int(),
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof Calendar>;

export const CalendarList = z.object({ items: z.array(Calendar) }).meta({ id: 'CalendarList' });
export type CalendarList = z.infer<typeof CalendarList>;

const CalendarFields = {
  name: singleLine(1, 80),
  timeZone: TimeZone,
  alwaysOpen: z.boolean().default(false),
  week: Week.optional(),
  holidays: z.array(Holiday).max(SLA_LIMITS.maxHolidays).default([]),
};

export const CreateCalendarInput = z
  .object(CalendarFields)
  .refine((c) => c.alwaysOpen || (c.week !== undefined && Object.values(c.week).some((d) => (d?.length ?? 0) > 0)), {
    message: 'business hours on at least one weekday, or always open',
    path: ['week'],
    params: { code: 'no_business_hours' },
  })
  .meta({ id: 'CreateCalendarInput' });
export type CreateCalendarInput = z.input<typeof CreateCalendarInput>;

export const UpdateCalendarInput = z
  .object({
    name: CalendarFields.name.optional(),
    timeZone: TimeZone.optional(),
    alwaysOpen: z.boolean().optional(),
    week: Week.optional(),
    holidays: z.array(Holiday).max(SLA_LIMITS.maxHolidays).optional(),
    version: Version,
  })
  .meta({ id: 'UpdateCalendarInput' });
export type UpdateCalendarInput = z.input<typeof UpdateCalendarInput>;

export const CalendarIdParam = z.object({ id: Id });

/** Which German federal state's public holidays to list, for which years (`listGermanHolidays`). */
export const GermanHolidaysQuery = z.object({
  state: z.enum(GERMAN_STATES),
  from: z.coerce.number().int().min(2000).max(2100),
  to: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const HolidayList = z.object({ items: z.array(Holiday) }).meta({ id: 'HolidayList' });

const Minutes = z.number().int().min(SLA_LIMITS.minTargetMinutes).max(SLA_LIMITS.maxTargetMinutes);

export const SlaMatch = z
  .object({
    priorities: z.array(z.enum(PRIORITIES)).min(1),
    categories: z.array(singleLine(1, 80)).max(50).optional(),
    companies: z.array(singleLine(1, 120)).max(50).optional(),
    teamIds: z.array(Id).max(50).optional(),
  })
  .meta({ id: 'SlaMatch', description: 'All given lists must contain the ticket’s value; an absent list matches any' });

export const SlaTargets = z
  .object({
    firstResponseMinutes: Minutes,
    nextResponseMinutes: Minutes.optional(),
    resolutionMinutes: Minutes,
  })
  .meta({ id: 'SlaTargets', description: 'Business minutes on the policy’s calendar (or the ticket team’s own calendar)' });

export const EscalationStep = z
  .object({
    afterMinutes: z.number().int().min(0).max(SLA_LIMITS.maxTargetMinutes).describe('Business minutes after the breach; 0 = at the breach'),
    actions: z.array(z.enum(ESCALATION_ACTIONS)).min(1),
    teamId: Id.optional().describe('The team `reassign` hands the ticket to'),
  })
  .refine((s) => !s.actions.includes('reassign') || s.teamId !== undefined, {
    message: 'reassign needs a team',
    path: ['teamId'],
    params: { code: 'reassign_needs_team' },
  })
  .meta({ id: 'EscalationStep' });

const PolicyFields = {
  name: singleLine(1, 80),
  match: SlaMatch,
  calendarId: Id,
  targets: SlaTargets,
  warnAtPercent: z.number().int().min(1).max(99),
  escalation: z.array(EscalationStep).max(SLA_LIMITS.maxEscalationSteps).default([]),
};

export const SlaPolicy = z
  .object({
    id: z.string(),
    position: z.number().int().describe('Policies are tried in this order; the first that matches applies'),
    name: z.string(),
    match: SlaMatch,
    calendarId: z.string(),
    targets: SlaTargets,
    warnAtPercent: z.number().int(),
    escalation: z.array(EscalationStep),
    version: z.number().int(),
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaPolicyList = z.object({ items: z.array(SlaPolicy).describe('In matching order') }).meta({ id: 'SlaPolicyList' });
export type SlaPolicyList = z.infer<typeof SlaPolicyList>;

export const CreateSlaPolicyInput = z
  .object({ ...PolicyFields, position: z.number().int().min(0).optional().describe('Where it goes in the order; default last') })
  .meta({ id: 'CreateSlaPolicyInput' });
export type CreateSlaPolicyInput = z.input<typeof CreateSlaPolicyInput>;

export const UpdateSlaPolicyInput = z
  .object({
    name: PolicyFields.name.optional(),
    match: SlaMatch.optional(),
    calendarId: Id.optional(),
    targets: SlaTargets.optional(),
    warnAtPercent: PolicyFields.warnAtPercent.optional(),
    escalation: z.array(EscalationStep).max(SLA_LIMITS.maxEscalationSteps).optional(),
    position: z.number().int().min(0).optional(),
    version: Version,
  })
  .meta({ id: 'UpdateSlaPolicyInput' });
export type UpdateSlaPolicyInput = z.input<typeof UpdateSlaPolicyInput>;

export const SlaPolicyIdParam = z.object({ id: Id });
export const DeleteSlaPolicyQuery = z.object({ version: z.coerce.number().int().min(0) });

/** One clock of a ticket as the caller sees it (`getTicket`). */
export const Clock = z
  .object({
    kind: z.enum(CLOCK_KINDS),
    targetAt: z.string().describe('ISO instant; for a paused clock, where it would be if it resumed now'),
    state: z.enum(CLOCK_STATES),
    remainingMinutes: z.number().int().describe('Business minutes left; negative = overdue by that much'),
    usedMinutes: z.number().int().describe('Business minutes used so far (pauses excluded)'),
    targetMinutes: z.number().int().optional().describe('The policy’s target in business minutes (absent on the due-date clocks)'),
    warnAt: z.string().optional().describe('When the clock counts as at risk'),
    calendarId: z.string(),
  })
  .meta({ id: 'Clock' });
export type Clock = z.infer<typeof Clock>;

export const TicketSla = z
  .object({
    policyId: z.string().optional().describe('The policy that applies; absent when none matches (due-date clocks only)'),
    policyName: z.string().optional(),
    clocks: z.array(Clock),
    state: z.enum(SLA_STATES).optional().describe('Of the most urgent running clock; absent when no clock runs'),
  })
  .meta({ id: 'TicketSla' });
export type TicketSla = z.infer<typeof TicketSla>;

export const SlaStateEnum = z.enum(SLA_STATES).meta({ id: 'SlaState' });
