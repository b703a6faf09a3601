/**
 * The reporting hook (issue 7, point 6) on the local stack: when a clock stops — the first
 * answer, the close — the change stream records it (`record-sla-clocks`), and a month's records
 * are one read (`slaRecordsOf`): target, actual instant, business minutes used and the target
 * in minutes, met or breached, never recomputed. A redelivered change records nothing twice; the
 * other tenant's month stays empty. Tickets are written through the engine's write path
 * (`tickets/commit.ts`) with a backdated start, so a breach needs no waiting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageItem, TicketItem } from '../../shared/db/items.ts';
import { slaRecordsOf, type SlaRecordItem } from '../../shared/db/sla-records.ts';
import { getTicket, nextTicketNumber } from '../../shared/db/store.ts';
import type { Change } from '../../shared/effects/change.ts';
import { newId } from '../../shared/ids.ts';
import { recordSlaClocks } from '../../shared/sla/record-clocks.ts';
import { commitNewTicket, commitTicketChange } from '../../shared/tickets/commit.ts';
import { putPolicy } from '../support/sla.ts';
import { newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let quick: string; // first response in 1 minute
let slow: string; // first response in 60 minutes

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('sla-rec-a'), newTenant('sla-rec-b')]);
  quick = await putPolicy(a.id, { name: 'High: one minute', match: { priorities: ['high'] }, escalation: [] });
  slow = await putPolicy(a.id, {
    name: 'Normal: an hour',
    match: { priorities: ['normal'] },
    escalation: [],
    targets: { firstResponseMinutes: 60, resolutionMinutes: 600 },
  });
  await putPolicy(b.id, { name: 'High: one minute', match: { priorities: ['high'] }, escalation: [] });
}, 60_000);

/** A ticket of tenant A that came in `minutesAgo` minutes ago, through the engine. */
async function ticketSince(minutesAgo: number, priority: TicketItem['priority']): Promise<TicketItem> {
  const at = iso(Date.now() - minutesAgo * MINUTE);
  const number = await nextTicketNumber(a.id);
  return commitNewTicket(a.id, {
    kind: 'ticket',
    number,
    subject: `Report ${number}`,
    description: 'Counting.',
    status: 'new',
    priority,
    requesterId: 'requester',
    requesterName: 'Rita Requester',
    contact: { name: 'Rita Requester' },
    channel: 'phone',
    createdBy: 'agent',
    createdByName: 'Alma Agent',
    createdAt: at,
    updatedAt: at,
    stage: 'in_progress',
    type: 'request',
    assigneeId: 'agent',
    assigneeName: 'Alma Agent',
  });
}

/** The agent's public answer, now: it stops the first-response clock. */
async function answer(t: TicketItem): Promise<{ before: TicketItem; after: TicketItem; at: string }> {
  const before = (await getTicket(a.id, t.number))!;
  const at = new Date().toISOString();
  const m: MessageItem = {
    kind: 'message',
    id: newId(),
    number: t.number,
    body: 'Here is what to do.',
    internal: false,
    authorId: 'agent',
    authorName: 'Alma Agent',
    authorRole: 'agent',
    createdAt: at,
  };
  const done = await commitTicketChange(a.id, before, { ...before, status: 'waiting', updatedAt: at }, [m]);
  return { before, after: done.ticket, at };
}

async function recordsOf(tenantId: string, at: string, number: number, n: number): Promise<SlaRecordItem[]> {
  for (let i = 0; i < 200; i++) {
    const rs = (await slaRecordsOf(tenantId, at.slice(0, 7))).filter((r) => r.number === number);
    if (rs.length >= n) return rs;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${n} records of #${number}`);
}

describe('SLA records for the statistics', () => {
  it('an answer after the target records a breached first response; one in time records it met', async () => {
    const late = await ticketSince(5, 'high');
    const inTime = await ticketSince(5, 'normal');
    const l = await answer(late);
    const m = await answer(inTime);

    const [breached] = await recordsOf(a.id, l.at, late.number, 1);
    expect(breached).toMatchObject({
      kind: 'sla_record',
      number: late.number,
      clock: 'first_response',
      policyId: quick,
      targetAt: iso(Date.parse(late.createdAt) + MINUTE),
      actualAt: l.at,
      targetMinutes: 1,
      breached: true,
    });
    expect(breached!.usedMinutes).toBe(Math.round((Date.parse(l.at) - Date.parse(late.createdAt)) / MINUTE));

    const [met] = await recordsOf(a.id, m.at, inTime.number, 1);
    expect(met).toMatchObject({ clock: 'first_response', policyId: slow, targetMinutes: 60, breached: false, actualAt: m.at });
    expect(met!.targetAt).toBe(iso(Date.parse(inTime.createdAt) + 60 * MINUTE));
  });

  it('closing records the resolution clock, with the time support waited for the customer left out', async () => {
    const t = await ticketSince(10, 'normal');
    const answered = await answer(t); // waiting for the customer from now on: paused
    const before = (await getTicket(a.id, t.number))!;
    const at = new Date().toISOString();
    await commitTicketChange(a.id, before, { ...before, stage: 'closed', status: 'solved', resolution: 'solved', solution: 'Fixed.', updatedAt: at }, []);
    const rs = await recordsOf(a.id, at, t.number, 2);
    const resolution = rs.find((r) => r.clock === 'resolution')!;
    expect(resolution).toMatchObject({ policyId: slow, targetMinutes: 600, breached: false, actualAt: at });
    // Used: from the start until the answer paused it, not until the close.
    expect(resolution.usedMinutes).toBe(Math.round((Date.parse(answered.at) - Date.parse(t.createdAt)) / MINUTE));
  });

  it('a change handled twice records once; the other tenant’s month is its own', async () => {
    const t = await ticketSince(3, 'high');
    const { before, after, at } = await answer(t);
    await recordsOf(a.id, at, t.number, 1);
    const change: Change = { id: `replay-${newId()}`, type: 'modify', tenantId: a.id, kind: 'ticket', old: { ...before }, new: { ...after } };
    expect(recordSlaClocks.applies(change)).toBe(true);
    await recordSlaClocks.run(change);
    await recordSlaClocks.run(change);
    expect((await slaRecordsOf(a.id, at.slice(0, 7))).filter((r) => r.number === t.number)).toHaveLength(1);
    expect(await slaRecordsOf(b.id, at.slice(0, 7))).toEqual([]);
  });
});
