/**
 * `sla.fired` (issue 7) does not grow with every customer reply: the next-response keys of
 * earlier reply cycles are dropped by the next write, and dropping them never changes what the
 * timer is told — checked on a long conversation and as a property over random lives of a
 * ticket (replies, answers, priority changes back and forth, pauses), against a timer that
 * remembers every key it ever fired.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageItem, TicketItem } from '../../shared/db/items.ts';
import { advanceSla, dueNow, type SlaConfig } from '../../shared/sla/engine.ts';
import { fireStep } from '../../shared/sla/escalate.ts';
import type { SlaPolicy } from '../../shared/sla/schemas.ts';
import { CUSTOMER, MIN, STAFF, createdTicket, iso, slaConfig, slaMessage, slaPolicy } from '../support/sla-fixtures.ts';

const T0 = Date.parse('2026-11-30T09:00:00.000Z');

const policy = (id: string, priorities: SlaPolicy['match']['priorities'], nextResponseMinutes: number): SlaPolicy =>
  slaPolicy(id, {
    position: 0,
    match: { priorities },
    targets: { firstResponseMinutes: 5, nextResponseMinutes, resolutionMinutes: 600 },
    warnAtPercent: 50,
    escalation: [{ afterMinutes: 0, actions: ['notify_coordinator'] }],
  });
const cfg: SlaConfig = slaConfig([policy('fast', ['urgent'], 4), { ...policy('slow', ['normal'], 10), position: 1 }]);

const message = (role: 'agent' | 'customer', at: number): MessageItem => slaMessage(role === 'agent' ? STAFF : CUSTOMER, iso(at));

const created = (at: number): TicketItem => createdTicket(cfg, iso(at));

/** A ticket and a timer that remembers every key it ever fired (what `sla.fired` held before trimming). */
interface Life {
  t: TicketItem;
  ever: Set<string>;
}

/** One write through the engine, as the write paths make it. */
function write(life: Life, at: number, change: Partial<TicketItem>, added: MessageItem[] = []): void {
  life.t = advanceSla(life.t, { ...life.t, ...change, updatedAt: iso(at) }, added, iso(at), cfg).ticket;
}

/** What the timer is told at `at`, from the trimmed keys and from every key ever fired: they must agree. */
function told(life: Life, at: number) {
  const trimmed = dueNow(life.t, cfg, at);
  const untrimmed = dueNow({ ...life.t, sla: { ...life.t.sla!, fired: [...life.ever] } }, cfg, at);
  expect(trimmed).toEqual(untrimmed);
  return trimmed;
}

/** The timer at `at`: fires what is due, one write each, as `checkTicketTimers` does. */
function wake(life: Life, at: number): void {
  for (let step = told(life, at).steps[0]; step; step = told(life, at).steps[0]) {
    life.ever.add(step.key);
    const { next } = fireStep(life.t, step, iso(at), []);
    write(life, at, next);
  }
}

const nextResponseKeys = (t: TicketItem) => (t.sla?.fired ?? []).filter((k) => k.startsWith('next_response@'));

describe('the keys of what fired', () => {
  it('keep only the current reply cycle’s next-response keys through a long conversation, and the timer is told the same', () => {
    const life: Life = { t: created(T0), ever: new Set() };
    let now = T0 + MIN;
    write(life, now, {}, [message('agent', now)]); // the first response
    for (let cycle = 0; cycle < 30; cycle++) {
      now += MIN;
      write(life, now, {}, [message('customer', now)]);
      now += 12 * MIN; // past the 10-minute next-response target: warning, breach, escalation fire
      wake(life, now);
      expect(nextResponseKeys(life.t)).toHaveLength(3);
      now += MIN;
      write(life, now, {}, [message('agent', now)]);
    }
    expect(life.ever.size).toBeGreaterThan(90);
    // The next customer reply drops the last cycle's keys; the rest of what fired stays.
    now += MIN;
    write(life, now, {}, [message('customer', now)]);
    expect(nextResponseKeys(life.t)).toEqual([]);
    expect(life.t.sla!.fired!.filter((k) => !k.startsWith('next_response@')).length).toBeGreaterThan(0);
    told(life, now + 60 * MIN);
  });

  it('(property) whatever happens to a ticket, the trimmed keys tell the timer exactly what all keys ever fired would', () => {
    const action = fc.oneof(
      fc.constant('reply' as const),
      fc.constant('answer' as const),
      fc.constant('urgent' as const),
      fc.constant('normal' as const),
      fc.constant('wait' as const),
      fc.constant('open' as const),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(action, fc.integer({ min: 0, max: 15 })), { maxLength: 40 }), (plan) => {
        const life: Life = { t: created(T0), ever: new Set() };
        let now = T0;
        for (const [what, minutes] of plan) {
          now += minutes * MIN;
          wake(life, now);
          if (what === 'reply') write(life, now, {}, [message('customer', now)]);
          else if (what === 'answer') write(life, now, {}, [message('agent', now)]);
          else if (what === 'wait') write(life, now, { status: 'waiting' });
          else if (what === 'open') write(life, now, { status: 'open' });
          else write(life, now, { priority: what });
          wake(life, now);
        }
        for (const later of [1, 5, 30, 600]) told(life, now + later * MIN);
      }),
      { numRuns: 150 },
    );
  });
});
