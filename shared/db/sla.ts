/**
 * Every read and write of the service-level configuration (issue 7), each a named access pattern
 * (see README.md). Calendars, policies and the head (the policies' order, the calendars' ids)
 * share the partition `{T}#SLA`, so `loadSlaConfig` reads them with one Query. Changes land only
 * at the version their author saw (`conflict` otherwise); creations, removals and moves also
 * write the head at the version read, so the order stays dense and the limits hold.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config as appConfig } from '../config.ts';
import { DomainError } from '../errors.ts';
import type { DayInterval, EscalationAction, Holiday, Weekday } from '../sla/constants.ts';
import { ALWAYS_OPEN, toBusinessCalendar } from '../sla/calendar.ts';
import type { SlaConfig } from '../sla/engine.ts';
import type { SlaPolicy } from '../sla/schemas.ts';
import type { Priority } from '../tickets/constants.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { CalendarEntity, PolicyEntity, SlaConfigService, SlaHeadEntity } from './entities/sla.ts';
import type { TeamItem } from './items.ts';
import { getTenant, listTeamItems } from './store.ts';
import { onceInRequest } from './request-reads.ts';

/** A business calendar as stored. */
export interface CalendarItem {
  kind: 'slaCalendar';
  calendarId: string;
  name: string;
  timeZone: string;
  alwaysOpen: boolean;
  /** Absent when always open. */
  week?: Partial<Record<Weekday, DayInterval[]>>;
  holidays: Holiday[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** An SLA policy as stored (its position is its index in the head's `policyIds`). */
export interface PolicyItem {
  kind: 'slaPolicy';
  policyId: string;
  name: string;
  match: { priorities: Priority[]; categories?: string[]; companies?: string[]; teamIds?: string[] };
  calendarId: string;
  targets: { firstResponseMinutes: number; nextResponseMinutes?: number; resolutionMinutes: number };
  warnAtPercent: number;
  escalation: { afterMinutes: number; actions: EscalationAction[]; teamId?: string }[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The head of the SLA partition; `version` 0 while none was written. */
export interface SlaHead {
  policyIds: string[];
  calendarIds: string[];
  version: number;
}

/** Everything stored in a tenant's SLA partition; policies in matching order. */
export interface SlaItems {
  calendars: CalendarItem[];
  policies: PolicyItem[];
  head: SlaHead;
}

/** A creation, removal or move lost the race for the head: read again and retry. */
export class HeadMoved extends Error {
  constructor() {
    super('the SLA head was changed meanwhile');
    this.name = 'HeadMoved';
  }
}

const T = () => appConfig.tableName;

/** What the entity returns, without its key attribute. */
function strip<X>(data: Record<string, unknown>): X {
  const { tenantId: _t, ...item } = data;
  return item as X;
}

/** Indexes of the transaction items whose condition failed. */
function failedIndexes(err: unknown): number[] {
  if (!(err instanceof TransactionCanceledException)) return [];
  return (err.CancellationReasons ?? []).flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

/** The head written at the version read (0: none yet), for a transaction. */
function headPut(tenantId: string, head: SlaHead) {
  const put = SlaHeadEntity.put({ tenantId, policyIds: head.policyIds, calendarIds: head.calendarIds, version: head.version + 1 });
  const conditioned = head.version === 0 ? put.where((a, { notExists }) => notExists(a.version)) : put.where((a, { eq }) => eq(a.version, head.version));
  return { Put: conditioned.params({ table: T() }) as never };
}

/** Run a transaction whose item 0 is the head: its failure is `HeadMoved`, item 1's is `conflict`. */
async function writeWithHead(tenantId: string, items: object[], what: string): Promise<void> {
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: items as never }));
  } catch (err) {
    const failed = failedIndexes(err);
    if (failed.includes(1)) throw new DomainError('conflict', `The ${what} was changed or removed meanwhile; reload and try again`);
    if (failed.includes(0)) throw new HeadMoved();
    throw err;
  }
}

/**
 * Every calendar and policy of a tenant and the head: the `slaConfig` collection, one Query (every
 * page). `consistent` for a change that is about to be checked against what it read.
 */
export async function getSlaItems(tenantId: string, { consistent = false } = {}): Promise<SlaItems> {
  const { data } = await SlaConfigService.collections.slaConfig({ tenantId }).go({ ...on(tenantId), pages: 'all', consistent });
  const [rawHead] = data.head;
  const head: SlaHead = rawHead
    ? { policyIds: rawHead.policyIds, calendarIds: rawHead.calendarIds, version: rawHead.version }
    : { policyIds: [], calendarIds: [], version: 0 };
  const byAge = <X extends { createdAt: string }>(a: X, b: X) => a.createdAt.localeCompare(b.createdAt);
  const calendars = data.calendar.map((c) => strip<CalendarItem>(c)).sort(byAge);
  const rank = new Map(head.policyIds.map((id, i) => [id, i]));
  // A policy the head does not list (none should exist) goes last rather than vanishing.
  const policies = data.policy
    .map((p) => strip<PolicyItem>(p))
    .sort((a, b) => (rank.get(a.policyId) ?? Infinity) - (rank.get(b.policyId) ?? Infinity) || byAge(a, b));
  return { calendars, policies, head };
}

/** A calendar by id. */
export async function getCalendarItem(tenantId: string, calendarId: string): Promise<CalendarItem | undefined> {
  const r = await CalendarEntity.get({ tenantId, calendarId }).go(on(tenantId));
  return r.data ? strip<CalendarItem>(r.data) : undefined;
}

/** A policy by id. */
export async function getPolicyItem(tenantId: string, policyId: string): Promise<PolicyItem | undefined> {
  const r = await PolicyEntity.get({ tenantId, policyId }).go(on(tenantId));
  return r.data ? strip<PolicyItem>(r.data) : undefined;
}

/** Store a new calendar and list it in the head read (`HeadMoved` when the head changed meanwhile). */
export async function createCalendarItem(tenantId: string, cal: CalendarItem, head: SlaHead): Promise<void> {
  const put = CalendarEntity.create({ ...cal, tenantId }).params({ table: T() });
  await writeWithHead(tenantId, [headPut(tenantId, { ...head, calendarIds: [...head.calendarIds, cal.calendarId] }), { Put: put }], 'calendar');
}

/** Write a changed calendar, only if it is still at `expectedVersion` (else `conflict`); raises the version. */
export async function saveCalendarItem(tenantId: string, cal: CalendarItem, expectedVersion: number): Promise<void> {
  const { calendarId, kind: _k, createdAt: _c, week, version: _v, ...fields } = cal;
  try {
    await CalendarEntity.patch({ tenantId, calendarId })
      .set({ ...fields, version: expectedVersion + 1, ...(week ? { week } : {}) })
      .remove(week ? [] : ['week'])
      .where(({ version }, { eq }) => eq(version, expectedVersion))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new DomainError('conflict', 'The calendar was changed meanwhile; reload and try again');
    throw err;
  }
}

/** Store a new policy at `head.policyIds`' place for it (`HeadMoved` when the head changed meanwhile). */
export async function createPolicyItem(tenantId: string, policy: PolicyItem, head: SlaHead): Promise<void> {
  const put = PolicyEntity.create({ ...policy, tenantId }).params({ table: T() });
  await writeWithHead(tenantId, [headPut(tenantId, head), { Put: put }], 'policy');
}

/**
 * Write a changed policy, only if it is still at `expectedVersion` (else `conflict`); with `head`
 * (it moved in the order) the new order is written in the same transaction, at the head's version.
 */
export async function savePolicyItem(tenantId: string, policy: PolicyItem, expectedVersion: number, head?: SlaHead): Promise<void> {
  const { policyId, kind: _k, createdAt: _c, version: _v, ...fields } = policy;
  const patch = PolicyEntity.patch({ tenantId, policyId })
    .set({ ...fields, version: expectedVersion + 1 })
    .where(({ version }, { eq }) => eq(version, expectedVersion));
  if (head) {
    await writeWithHead(tenantId, [headPut(tenantId, head), { Update: patch.params({ table: T() }) }], 'policy');
    return;
  }
  try {
    await patch.go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new DomainError('conflict', 'The policy was changed or removed meanwhile; reload and try again');
    throw err;
  }
}

/** Remove a policy at `expectedVersion` (else `conflict`) and write the order without it (`HeadMoved` when it changed). */
export async function deletePolicyItem(tenantId: string, policyId: string, expectedVersion: number, head: SlaHead): Promise<void> {
  const del = PolicyEntity.delete({ tenantId, policyId })
    .where(({ version }, { eq }) => eq(version, expectedVersion))
    .params({ table: T() });
  await writeWithHead(tenantId, [headPut(tenantId, { ...head, policyIds: head.policyIds.filter((id) => id !== policyId) }), { Delete: del }], 'policy');
}

/** The API view of a stored policy at its place in the order. */
export function policyOf(p: PolicyItem, position: number): SlaPolicy {
  return {
    id: p.policyId,
    position,
    name: p.name,
    match: p.match,
    calendarId: p.calendarId,
    targets: p.targets,
    warnAtPercent: p.warnAtPercent,
    escalation: p.escalation,
    version: p.version,
  };
}

/** A stored calendar as the maths needs it: an always-open one has no week (and no holidays). */
export function businessCalendarOf(c: CalendarItem): SlaConfig['calendars'][number] {
  return { ...toBusinessCalendar({ ...c, id: c.calendarId }), name: c.name };
}

/** The built-in calendar's name (the web shows its own words for it). */
export const BUILTIN_CALENDAR_NAME = '24/7';

/**
 * Everything the SLA maths needs of a tenant (`SlaConfig`): the SLA partition (one Query), the
 * teams with a calendar of their own, and the tenant's time zone, read side by side, each once per
 * request (request-reads.ts: a ticket write and the view it returns share them). The built-in
 * `24x7` calendar comes first and is never stored.
 */
export async function loadSlaConfig(tenantId: string, teamsRead?: Promise<TeamItem[]>): Promise<SlaConfig> {
  // A caller that reads the teams anyway (the viewer of a ticket page or list) hands its read in.
  const [items, teams, tenant] = await Promise.all([
    onceInRequest(`${tenantId}#SLA`, () => getSlaItems(tenantId)),
    teamsRead ?? listTeamItems(tenantId),
    getTenant(tenantId),
  ]);
  return {
    timeZone: tenant?.timeZone ?? 'UTC',
    calendars: [{ ...ALWAYS_OPEN, name: BUILTIN_CALENDAR_NAME }, ...items.calendars.map(businessCalendarOf)],
    policies: items.policies.map((p, i) => policyOf(p, i)),
    teamCalendars: Object.fromEntries(teams.flatMap((t) => (t.calendarId ? [[t.teamId, t.calendarId]] : []))),
  };
}
