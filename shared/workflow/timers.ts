/** What a ticket's timer execution asks the domain at each wake-up (workflow.md §1). */
import { SYSTEM } from '../auth/actor.ts';
import { DomainError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { getTicket } from '../db/store.ts';
import { commitTicketChange } from '../tickets/commit.ts';
import { resumed } from '../tickets/moves.ts';
import type { TicketTimerState } from './definition.ts';

/**
 * The next instant this execution should wake, or none. Today the one timer is a pending
 * ticket's date (K4, *warten bis zum Zeitpunkt*): an execution whose generation is no longer the
 * ticket's (the ticket was pended again, or resumed and pended anew) ends, as does one whose
 * ticket is not pending any more; once the date has come, the ticket resumes where it was
 * parked, as the system's change; before that, the execution waits until the date.
 */
export async function checkTicketTimers(state: TicketTimerState): Promise<TicketTimerState> {
  const { wakeAt: _previous, ...rest } = state;
  const t = await getTicket(state.tenantId, state.number);
  if (!t || (t.timerGeneration ?? 1) !== state.generation || t.stage !== 'pending' || !t.pendingUntil) return rest;
  const at = nowIso();
  if (t.pendingUntil > at) return { ...rest, wakeAt: t.pendingUntil };
  const event = { kind: 'event' as const, id: `0${newId()}`, type: 'resumed' as const, actorId: SYSTEM.userId, actorName: SYSTEM.name, at, to: 'due' };
  try {
    await commitTicketChange(state.tenantId, t, { ...resumed(t), updatedAt: at }, [event]);
  } catch (err) {
    // Changed meanwhile (resumed by hand, pended anew): the next check sees what is true now.
    if (err instanceof DomainError && err.code === 'conflict') return checkTicketTimers(state);
    throw err;
  }
  return rest;
}
