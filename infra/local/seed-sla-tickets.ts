/**
 * The demo's tickets in each SLA state (issue 7, S2/S3), made through the domain functions after
 * the demo's calendars and policies exist: on track, at risk, breached, paused (support waits for
 * the customer) and met (answered and solved in time). "At risk" and "breached" need business
 * time that has passed: their clocks' start is set back through the versioned write (the engine
 * recomputes the targets), by so many business minutes of the ticket's own calendar — so the
 * demo shows the same states on a weekend as on a Monday morning, and the timer fires their
 * warnings and escalation steps live.
 */
import type { Actor } from '../../shared/auth/actor.ts';
import { loadSlaConfig } from '../../shared/db/sla.ts';
import { getTicket } from '../../shared/db/store.ts';
import { DomainError } from '../../shared/errors.ts';
import { retargetOpenTickets } from '../../shared/sla/retarget.ts';
import { nowIso } from '../../shared/ids.ts';
import { businessMsBetween } from '../../shared/sla/calendar.ts';
import { calendarFor, policyFor } from '../../shared/sla/engine.ts';
import { commitTicketChange } from '../../shared/tickets/commit.ts';
import { addMessage, createTicket } from '../../shared/tickets/tickets.ts';
import { acceptTicket, closeTicket } from '../../shared/tickets/workflow.ts';

const MINUTE = 60_000;

/** Set back the start of a ticket's clocks so that `minutes` business minutes have passed since. */
async function startedAgo(tenantId: string, number: number, minutes: number): Promise<void> {
  await again(() => setBack(tenantId, number, minutes));
}

async function setBack(tenantId: string, number: number, minutes: number): Promise<void> {
  const [config, t] = await Promise.all([loadSlaConfig(tenantId), getTicket(tenantId, number)]);
  if (!t?.sla) return;
  const cal = calendarFor(config, t, policyFor(config, t));
  const now = Date.now();
  // The latest instant with that much business time up to now (business time only grows the further back).
  let [lo, hi] = [now - 400 * 86_400_000, now];
  for (let i = 0; i < 48 && hi - lo > 1000; i++) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessMsBetween(cal, mid, now) >= minutes * MINUTE) lo = mid;
    else hi = mid;
  }
  await commitTicketChange(tenantId, t, { ...t, sla: { ...t.sla, startedAt: new Date(lo).toISOString() }, updatedAt: nowIso() }, []);
}

/**
 * A seed step on a ticket, again when the ticket changed under it: seeding the policies set the
 * stream's re-targeting of open tickets going (`sla/retarget.ts`), which may write a ticket
 * between this step's read and write. A refused write wrote nothing, so the step is safe to repeat.
 */
export async function again<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'conflict') || attempt >= 10) throw err;
    }
  }
}

/** One ticket in each SLA state, under the demo's policies (Berlin business hours); the earlier demo tickets re-targeted. */
export async function seedSlaTickets(p: { anna: Actor; bob: Actor; coordinator: Actor }): Promise<void> {
  const { anna, bob, coordinator } = p;
  const tenantId = anna.tenantId;
  // The demo's open tickets came before its policies: each now runs under the one that applies
  // (the stream does the same; done here too so the demo is complete when the seed returns).
  await retargetOpenTickets(tenantId);
  // On track: just opened (first response within 4 business hours).
  await createTicket(anna, {
    subject: 'Zugang zum Lieferantenportal',
    description: 'Bitte richten Sie mir einen Zugang zum Lieferantenportal ein.',
    priority: 'normal',
  });
  // At risk: 3½ of 4 business hours to the first response used (the warning is at 80 %).
  const share = await createTicket(bob, {
    subject: 'Shared drive is very slow',
    description: 'Opening files on the S: drive takes minutes.',
    priority: 'normal',
  });
  await startedAgo(tenantId, share.ticket.number, 210);
  // Breached: 2½ business hours without an answer on a high ticket (2 hours to the first response);
  // its escalation raises the priority an hour after the breach, which the timer does live.
  const phone = await createTicket(anna, {
    subject: 'Telefonanlage bricht Gespräche ab',
    description: 'Seit gestern brechen externe Gespräche nach etwa einer Minute ab.',
    priority: 'high',
  });
  await startedAgo(tenantId, phone.ticket.number, 150);
  // Paused: the coordinator asked back; the clocks wait for the customer.
  const licence = await createTicket(bob, {
    subject: 'Licence for the CAD software',
    description: 'We need one more seat for a new colleague.',
    priority: 'normal',
  });
  await again(() => acceptTicket(coordinator, licence.ticket.number, {}));
  await again(() => addMessage(coordinator, licence.ticket.number, { body: 'Which CAD product and version do you use?', internal: false }));
  // Met: answered and solved well within its targets.
  const font = await createTicket(anna, {
    subject: 'Schriftart fehlt in Word',
    description: 'Die Hausschrift ist in Word nicht mehr auswählbar.',
    priority: 'normal',
  });
  await again(() => acceptTicket(coordinator, font.ticket.number, {}));
  await again(() => addMessage(coordinator, font.ticket.number, { body: 'Die Schrift ist wieder installiert, bitte Word neu starten.', internal: false }));
  await again(() => closeTicket(coordinator, font.ticket.number, { resolution: 'solved', solution: 'Hausschrift per Softwareverteilung neu installiert.' }));
}
