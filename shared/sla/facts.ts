/**
 * SLA facts (issue 7): what happened to a ticket that its clocks depend on, advanced by every
 * write. Facts are wall-clock instants, free of policy and calendar, so re-targeting is a matter
 * of reading them again, and the same messages give the same facts however they are batched.
 */
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import type { SlaFacts } from './constants.ts';

/** A public answer of support to the requester: it meets the first-response and a running next-response clock. */
export const isResponse = (m: MessageItem) => m.authorRole !== 'customer' && !m.internal && m.partOf === undefined && !m.toCoordinator;

/** A reply of the requester (or another customer) on the ticket. */
const isCustomerReply = (m: MessageItem) => m.authorRole === 'customer' && !m.internal;

/** Whether the policy clocks stand still: support waits for the customer, parked until a date, or closed. */
export const isPaused = (t: Pick<TicketItem, 'status' | 'stage'>) => t.status === 'waiting' || t.stage === 'pending' || t.stage === 'closed';

const isClosed = (t: Pick<TicketItem, 'status' | 'stage'>) => (t.stage ?? (t.status === 'solved' || t.status === 'unsolvable' ? 'closed' : 'new')) === 'closed';

/** Facts of a ticket stored before issue 7 (or just created): the clocks start at its creation. */
export const initialFacts = (t: Pick<TicketItem, 'createdAt'>): SlaFacts => ({ startedAt: t.createdAt });

/**
 * The facts after one write: `before` is the stored ticket (absent on creation), `after` what the
 * write stores, `added` its new messages and events, `at` its instant. Messages count in the order
 * of their `createdAt`; pauses and closing follow the ticket's state before and after the write.
 */
export function advanceFacts(before: TicketItem | undefined, after: TicketItem, added: readonly (MessageItem | EventItem)[], at: string): SlaFacts {
  // `after` carries the stored facts (plus whatever the write itself set, e.g. a fired key).
  const f: SlaFacts = { ...(after.sla ?? before?.sla ?? initialFacts(after)) };
  const messages = added.filter((a): a is MessageItem => a.kind === 'message').sort((x, y) => x.createdAt.localeCompare(y.createdAt));
  for (const m of messages) {
    if (isResponse(m)) {
      f.firstResponseAt ??= m.createdAt;
      if (f.awaitingSince) {
        f.lastCycle = [f.awaitingSince, m.createdAt];
        delete f.awaitingSince;
      }
    } else if (isCustomerReply(m) && f.firstResponseAt && !f.awaitingSince) {
      f.awaitingSince = m.createdAt;
    }
  }
  const wasPaused = before ? isPaused(before) : false;
  const nowPaused = isPaused(after);
  if (!wasPaused && nowPaused) f.pausedSince = at;
  if (wasPaused && !nowPaused) {
    if (f.pausedSince && f.pausedSince < at) f.paused = [...(f.paused ?? []), [f.pausedSince, at]];
    delete f.pausedSince;
  }
  // A ticket paused before the facts existed (stored before issue 7) starts its pause now.
  if (nowPaused && !f.pausedSince) f.pausedSince = at;
  if (isClosed(after)) f.closedAt ??= at;
  else delete f.closedAt;
  if (f.fired) {
    const fired = trimmedFired(f.fired, f);
    if (fired.length < f.fired.length) f.fired = fired;
  }
  return f;
}

/**
 * `sla.fired` without the keys nothing will ask for again, so it does not grow with every
 * customer reply: next-response keys of earlier reply cycles, whose target lies at or before the
 * start of the current cycle (a cycle starts at a customer reply, later cycles start later, and
 * every target lies after its start). Keys of the other clocks stay: their start is the ticket's,
 * and a target can come back (a priority changed and changed back, a due date moved and moved
 * back) — its steps must then still count as fired.
 */
export function trimmedFired(fired: readonly string[], f: Pick<SlaFacts, 'awaitingSince' | 'lastCycle'>): string[] {
  const cycleStart = f.awaitingSince ?? f.lastCycle?.[0];
  if (!cycleStart) return [...fired];
  const start = Date.parse(cycleStart);
  return fired.filter((key) => {
    const m = /^next_response@([^#]+)#/.exec(key);
    return !m || !(Date.parse(m[1]!) <= start);
  });
}
