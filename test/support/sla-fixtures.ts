/**
 * Fixtures of the SLA engine's specs (pure: no table, no stack): a policy, a configuration on
 * the 24/7 calendar, messages by staff and customer, and a ticket as `createTicket` stores it,
 * its clocks started through the engine. Each spec states only what differs.
 */
import type { MessageItem, TicketItem } from '../../shared/db/items.ts';
import { ALWAYS_OPEN } from '../../shared/sla/calendar.ts';
import { advanceSla, type SlaConfig } from '../../shared/sla/engine.ts';
import type { SlaPolicy } from '../../shared/sla/schemas.ts';

export const MIN = 60_000;
export const iso = (ms: number) => new Date(ms).toISOString();

let position = 0;
/** A policy for every priority on the 24/7 calendar (60 / 30 / 240 minutes, warning at 80 %), placed after the ones before. */
export const slaPolicy = (id: string, over: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id,
  position: position++,
  name: id,
  match: { priorities: ['low', 'normal', 'high', 'urgent'] },
  calendarId: '24x7',
  targets: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 240 },
  warnAtPercent: 80,
  escalation: [],
  version: 1,
  ...over,
});

/** A tenant in Berlin with the built-in 24/7 calendar and these policies. */
export const slaConfig = (policies: SlaPolicy[], over: Partial<SlaConfig> = {}): SlaConfig => ({
  timeZone: 'Europe/Berlin',
  calendars: [{ ...ALWAYS_OPEN, name: '24/7' }],
  policies,
  teamCalendars: {},
  ...over,
});

export const STAFF = { authorId: 'ben', authorName: 'Ben', authorRole: 'agent' as const };
export const CUSTOMER = { authorId: 'anna', authorName: 'Anna', authorRole: 'customer' as const };

let ids = 0;
/** A public message of ticket 1 by staff or the customer, written at `when`. */
export const slaMessage = (who: typeof STAFF | typeof CUSTOMER, when: string, extra: Partial<MessageItem> = {}): MessageItem => ({
  kind: 'message',
  id: `m${ids++}`,
  number: 1,
  body: 'text',
  internal: false,
  createdAt: when,
  ...who,
  ...extra,
});

/** A fresh id for an event or message of the spec. */
export const nextId = (prefix: string) => `${prefix}${ids++}`;

/** Ticket 1 as `createTicket` stores it (through the engine), created at `when`. */
export function createdTicket(cfg: SlaConfig, when: string, over: Partial<TicketItem> = {}): TicketItem {
  const t: TicketItem = {
    kind: 'ticket',
    number: 1,
    subject: 'Printer',
    description: 'It jams',
    status: 'new',
    priority: 'normal',
    requesterId: 'anna',
    requesterName: 'Anna',
    contact: { name: 'Anna' },
    channel: 'portal',
    createdBy: 'anna',
    createdByName: 'Anna',
    createdAt: when,
    updatedAt: when,
    stage: 'new',
    type: 'request',
    ...over,
  };
  return advanceSla(undefined, t, [], when, cfg).ticket;
}
