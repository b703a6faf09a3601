/** What a ticket's timer execution asks the domain at each wake-up (workflow.md §1). */
import type { TicketTimerState } from './definition.ts';

/**
 * The next instant this execution should wake, or none. Deadlines will be pure functions of
 * ticket, policy and calendar (service levels, S1–S3); until tickets have any, there is nothing
 * to wait for and every execution ends at its first check.
 */
export async function checkTicketTimers(state: TicketTimerState): Promise<TicketTimerState> {
  const { wakeAt: _previous, ...rest } = state;
  return rest;
}
