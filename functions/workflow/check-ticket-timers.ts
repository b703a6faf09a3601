/** Step Functions task: at a wake-up, ask the domain what is due and when to wake next. */
import { checkTicketTimers } from '../../shared/workflow/timers.ts';
import type { TicketTimerState } from '../../shared/workflow/definition.ts';

export const handler = async (input: TicketTimerState) => checkTicketTimers(input);
