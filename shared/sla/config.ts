/**
 * The admin's service-level configuration (issue 7; S1): business calendars and SLA policies.
 * Staff read them (the ticket page names a ticket's policy and calendar), admins change them.
 * Every tenant has the built-in `24x7` calendar, which is never stored and cannot be changed.
 * A policy's references (its calendar, the teams it matches or hands over to) must exist in the
 * caller's tenant; calendars cannot be removed, so a policy's calendar never disappears later.
 */
import { requireRole, type Actor } from '../auth/actor.ts';
import { STAFF_ROLES } from '../auth/constants.ts';
import { listTeamItems } from '../db/store.ts';
import {
  BUILTIN_CALENDAR_NAME,
  createCalendarItem,
  createPolicyItem,
  deletePolicyItem,
  getCalendarItem,
  getSlaItems,
  HeadMoved,
  policyOf,
  saveCalendarItem,
  savePolicyItem,
  type CalendarItem,
  type PolicyItem,
  type SlaItems,
} from '../db/sla.ts';
import { DomainError, notFound, type FieldError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { BUILTIN_CALENDAR_ID, SLA_LIMITS, WEEKDAYS, type Holiday } from './constants.ts';
import { germanHolidaysForYears } from './holidays.ts';
import {
  CalendarIdParam,
  CreateCalendarInput,
  CreateSlaPolicyInput,
  DeleteSlaPolicyQuery,
  GermanHolidaysQuery,
  SlaPolicyIdParam,
  UpdateCalendarInput,
  UpdateSlaPolicyInput,
  type Calendar,
  type CalendarList,
  type SlaPolicy,
  type SlaPolicyList,
} from './schemas.ts';

const ADMIN = ['admin'] as const;
/** How often a creation, removal or move is tried again when another admin's write moved the order first. */
const HEAD_ATTEMPTS = 5;
/** The most years one holiday list spans. */
const MAX_HOLIDAY_YEARS = 10;

/** The built-in calendar as the API shows it. */
const BUILTIN: Calendar = {
  id: BUILTIN_CALENDAR_ID,
  name: BUILTIN_CALENDAR_NAME,
  timeZone: 'UTC',
  alwaysOpen: true,
  holidays: [],
  builtIn: true,
  version: 0,
};

/** Weekdays Monday first (a stored map keeps no order). */
function inWeekOrder(week: CalendarItem['week']): NonNullable<CalendarItem['week']> {
  return Object.fromEntries(WEEKDAYS.flatMap((d) => (week?.[d] ? [[d, week[d]]] : [])));
}

function toCalendar(c: CalendarItem): Calendar {
  return {
    id: c.calendarId,
    name: c.name,
    timeZone: c.timeZone,
    alwaysOpen: c.alwaysOpen,
    ...(c.alwaysOpen ? {} : { week: inWeekOrder(c.week) }),
    holidays: c.holidays,
    builtIn: false,
    version: c.version,
  };
}

const invalid = (detail: string, errors: FieldError[]) => new DomainError('validation_failed', detail, errors);

const tooMany = (what: 'calendars' | 'policies', maximum: number) =>
  new DomainError('limit_reached', `At most ${maximum} ${what} per organisation`, undefined, { what, maximum });

/**
 * Run `attempt` with a fresh, consistent read of the SLA partition until its write is not beaten
 * by another admin's creation, removal or move (`HeadMoved`); a real conflict is not retried.
 */
async function withHead<R>(tenantId: string, attempt: (items: SlaItems) => Promise<R>): Promise<R> {
  for (let i = 0; i < HEAD_ATTEMPTS; i++) {
    try {
      return await attempt(await getSlaItems(tenantId, { consistent: true }));
    } catch (err) {
      if (!(err instanceof HeadMoved)) throw err;
    }
  }
  throw new DomainError('conflict', 'The SLA configuration kept changing; try again');
}

/** Whether the calendar exists in the tenant (the built-in one always does). */
const calendarExists = (items: SlaItems, calendarId: string) => calendarId === BUILTIN_CALENDAR_ID || items.calendars.some((c) => c.calendarId === calendarId);

/**
 * Refuse a calendar id the tenant does not have (`unknown_calendar` at `path`). For the teams'
 * own calendar (`createTeam`/`updateTeam`).
 */
export async function requireCalendar(tenantId: string, calendarId: string, path = 'calendarId'): Promise<void> {
  if (calendarId === BUILTIN_CALENDAR_ID || (await getCalendarItem(tenantId, calendarId))) return;
  throw invalid('No such calendar', [{ path, message: 'no such calendar', code: 'unknown_calendar' }]);
}

// ---- calendars ------------------------------------------------------------------------

/** Every calendar of the tenant, the built-in `24x7` first, then the others oldest first (staff). */
export async function listCalendars(actor: Actor): Promise<CalendarList> {
  requireRole(actor, STAFF_ROLES);
  const { calendars } = await getSlaItems(actor.tenantId);
  return { items: [BUILTIN, ...calendars.map(toCalendar)] };
}

/** Create a business calendar (admins), up to `SLA_LIMITS.maxCalendars`. */
export async function createCalendar(actor: Actor, raw: unknown): Promise<Calendar> {
  requireRole(actor, ADMIN);
  const input = CreateCalendarInput.parse(raw);
  const at = nowIso();
  const cal: CalendarItem = {
    kind: 'slaCalendar',
    calendarId: newId(),
    name: input.name,
    timeZone: input.timeZone,
    alwaysOpen: input.alwaysOpen,
    // An always-open calendar has no business hours to keep.
    ...(input.alwaysOpen ? {} : { week: input.week }),
    holidays: input.holidays,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await withHead(actor.tenantId, async ({ head }) => {
    if (head.calendarIds.length >= SLA_LIMITS.maxCalendars) throw tooMany('calendars', SLA_LIMITS.maxCalendars);
    await createCalendarItem(actor.tenantId, cal, head);
  });
  return toCalendar(cal);
}

/** Change a calendar (admins) at the version the admin saw; the built-in one → `builtin_calendar`. */
export async function updateCalendar(actor: Actor, rawId: string, raw: unknown): Promise<Calendar> {
  requireRole(actor, ADMIN);
  const { id } = CalendarIdParam.parse({ id: rawId });
  if (id === BUILTIN_CALENDAR_ID) throw new DomainError('builtin_calendar', 'The built-in 24/7 calendar cannot be changed');
  const input = UpdateCalendarInput.parse(raw);
  const before = await getCalendarItem(actor.tenantId, id);
  if (!before) throw notFound('Calendar');
  if (before.version !== input.version) throw new DomainError('conflict', 'The calendar was changed meanwhile; reload and try again');
  const alwaysOpen = input.alwaysOpen ?? before.alwaysOpen;
  const week = alwaysOpen ? undefined : (input.week ?? before.week);
  if (!alwaysOpen && !Object.values(week ?? {}).some((d) => (d?.length ?? 0) > 0)) {
    throw invalid('Business hours on at least one weekday, or always open', [
      { path: 'week', message: 'business hours on at least one weekday, or always open', code: 'no_business_hours' },
    ]);
  }
  const after: CalendarItem = {
    ...before,
    name: input.name ?? before.name,
    timeZone: input.timeZone ?? before.timeZone,
    alwaysOpen,
    week,
    holidays: input.holidays ?? before.holidays,
    updatedAt: nowIso(),
    version: before.version + 1,
  };
  if (!week) delete after.week;
  await saveCalendarItem(actor.tenantId, after, input.version);
  return toCalendar(after);
}

/** The public holidays of a German federal state for a span of years, by date, to import into a calendar (admins). */
export function listGermanHolidays(actor: Actor, raw: unknown): { items: Holiday[] } {
  requireRole(actor, ADMIN);
  const { state, from, to = from } = GermanHolidaysQuery.parse(raw);
  if (to < from) throw invalid('The span ends before it starts', [{ path: 'to', message: 'not before from', code: 'too_small', params: { minimum: from } }]);
  if (to - from >= MAX_HOLIDAY_YEARS) {
    throw invalid(`At most ${MAX_HOLIDAY_YEARS} years at once`, [
      { path: 'to', message: `at most ${MAX_HOLIDAY_YEARS} years`, code: 'too_big', params: { maximum: from + MAX_HOLIDAY_YEARS - 1 } },
    ]);
  }
  // Recurring holidays come once (dated in the first year), the movable ones once per year.
  return { items: germanHolidaysForYears(state, from, to) };
}

// ---- policies -------------------------------------------------------------------------

/** Every SLA policy of the tenant in matching order (staff). */
export async function listSlaPolicies(actor: Actor): Promise<SlaPolicyList> {
  requireRole(actor, STAFF_ROLES);
  const { policies } = await getSlaItems(actor.tenantId);
  return { items: policies.map((p, i) => policyOf(p, i)) };
}

type PolicyFields = Pick<PolicyItem, 'calendarId' | 'match' | 'escalation'>;

/** Refuse references outside the tenant: the calendar (`unknown_calendar`), the teams matched or handed over to (`unknown_team`). */
async function requireReferences(tenantId: string, items: SlaItems, p: PolicyFields): Promise<void> {
  const errors: FieldError[] = [];
  if (!calendarExists(items, p.calendarId)) errors.push({ path: 'calendarId', message: 'no such calendar', code: 'unknown_calendar' });
  const wanted = [...(p.match.teamIds ?? []), ...p.escalation.flatMap((s) => (s.teamId ? [s.teamId] : []))];
  if (wanted.length > 0) {
    const teams = new Set((await listTeamItems(tenantId)).map((t) => t.teamId));
    (p.match.teamIds ?? []).forEach((id, i) => {
      if (!teams.has(id)) errors.push({ path: `match.teamIds.${i}`, message: 'no such team', code: 'unknown_team' });
    });
    p.escalation.forEach((s, i) => {
      if (s.teamId && !teams.has(s.teamId)) errors.push({ path: `escalation.${i}.teamId`, message: 'no such team', code: 'unknown_team' });
    });
  }
  if (errors.length > 0) throw invalid('The policy refers to something this organisation does not have', errors);
}

/** The policy's match without empty lists (an absent list matches any value; an empty one would match none). */
function matchOf(m: PolicyItem['match']): PolicyItem['match'] {
  const out: PolicyItem['match'] = { priorities: m.priorities };
  if (m.categories?.length) out.categories = m.categories;
  if (m.companies?.length) out.companies = m.companies;
  if (m.teamIds?.length) out.teamIds = m.teamIds;
  return out;
}

/** A target without an absent next-response target (it stores no `undefined`). */
function targetsOf(t: PolicyItem['targets']): PolicyItem['targets'] {
  const { nextResponseMinutes, ...rest } = t;
  return nextResponseMinutes === undefined ? rest : { ...rest, nextResponseMinutes };
}

/** `ids` with `id` placed at `position` (clamped to the end). */
function placed(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.min(position, rest.length), 0, id);
  return rest;
}

/** Create an SLA policy (admins) at `position` (default last), up to `SLA_LIMITS.maxPolicies`. */
export async function createSlaPolicy(actor: Actor, raw: unknown): Promise<SlaPolicy> {
  requireRole(actor, ADMIN);
  const input = CreateSlaPolicyInput.parse(raw);
  const at = nowIso();
  const policy: PolicyItem = {
    kind: 'slaPolicy',
    policyId: newId(),
    name: input.name,
    match: matchOf(input.match),
    calendarId: input.calendarId,
    targets: targetsOf(input.targets),
    warnAtPercent: input.warnAtPercent,
    escalation: input.escalation.map((s) => ({ afterMinutes: s.afterMinutes, actions: s.actions, ...(s.teamId ? { teamId: s.teamId } : {}) })),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return withHead(actor.tenantId, async (items) => {
    if (items.head.policyIds.length >= SLA_LIMITS.maxPolicies) throw tooMany('policies', SLA_LIMITS.maxPolicies);
    await requireReferences(actor.tenantId, items, policy);
    const policyIds = placed(items.head.policyIds, policy.policyId, input.position ?? Infinity);
    await createPolicyItem(actor.tenantId, policy, { ...items.head, policyIds });
    return policyOf(policy, policyIds.indexOf(policy.policyId));
  });
}

/** Change an SLA policy (admins) at the version the admin saw; a new `position` moves it in the order. */
export async function updateSlaPolicy(actor: Actor, rawId: string, raw: unknown): Promise<SlaPolicy> {
  requireRole(actor, ADMIN);
  const { id } = SlaPolicyIdParam.parse({ id: rawId });
  const input = UpdateSlaPolicyInput.parse(raw);
  return withHead(actor.tenantId, async (items) => {
    const before = items.policies.find((p) => p.policyId === id);
    if (!before) throw notFound('SLA policy');
    if (before.version !== input.version) throw new DomainError('conflict', 'The policy was changed meanwhile; reload and try again');
    const after: PolicyItem = {
      ...before,
      name: input.name ?? before.name,
      match: input.match ? matchOf(input.match) : before.match,
      calendarId: input.calendarId ?? before.calendarId,
      targets: input.targets ? targetsOf(input.targets) : before.targets,
      warnAtPercent: input.warnAtPercent ?? before.warnAtPercent,
      escalation: input.escalation
        ? input.escalation.map((s) => ({ afterMinutes: s.afterMinutes, actions: s.actions, ...(s.teamId ? { teamId: s.teamId } : {}) }))
        : before.escalation,
      updatedAt: nowIso(),
      version: before.version + 1,
    };
    await requireReferences(actor.tenantId, items, after);
    const order = items.policies.map((p) => p.policyId);
    const policyIds = input.position === undefined ? order : placed(order, id, input.position);
    const moved = policyIds.some((p, i) => p !== items.head.policyIds[i]) || policyIds.length !== items.head.policyIds.length;
    await savePolicyItem(actor.tenantId, after, input.version, moved ? { ...items.head, policyIds } : undefined);
    return policyOf(after, policyIds.indexOf(id));
  });
}

/** Remove an SLA policy (admins) at the version the admin saw; it leaves the order at once. */
export async function deleteSlaPolicy(actor: Actor, rawId: string, raw: unknown): Promise<void> {
  requireRole(actor, ADMIN);
  const { id } = SlaPolicyIdParam.parse({ id: rawId });
  const { version } = DeleteSlaPolicyQuery.parse(raw);
  await withHead(actor.tenantId, async (items) => {
    const before = items.policies.find((p) => p.policyId === id);
    if (!before) throw notFound('SLA policy');
    if (before.version !== version) throw new DomainError('conflict', 'The policy was changed meanwhile; reload and try again');
    await deletePolicyItem(actor.tenantId, id, version, items.head);
  });
}
