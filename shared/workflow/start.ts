import { SFNClient, StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { config, endpointFor } from '../config.ts';
import type { TicketItem } from '../db/items.ts';
import { insertOf } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import type { TicketTimerState } from './definition.ts';

let client: SFNClient | undefined;

/** Execution name of a ticket's timer generation (`tkt-{tenant}-{number}-g{generation}`): one per generation. */
export function timerExecutionName(s: Pick<TicketTimerState, 'tenantId' | 'number' | 'generation'>): string {
  return `tkt-${s.tenantId}-${s.number}-g${s.generation}`;
}

/**
 * Start a ticket's timer execution. The name is derived from ticket and generation, so a retried
 * start is a no-op rather than a second execution.
 */
export async function startTimerExecution(state: TicketTimerState): Promise<void> {
  const arn = config.stateMachineArn;
  if (!arn) return;
  client ??= new SFNClient({ endpoint: endpointFor('SFN') });
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: timerExecutionName(state), input: JSON.stringify(state) }));
  } catch (err) {
    if (err instanceof ExecutionAlreadyExists) return;
    throw err;
  }
}

/** A new ticket's first timer generation starts; its first step computes the deadlines. */
export const startTicketTimers: Effect = {
  name: 'start-ticket-timers',
  kinds: ['ticket'],
  applies: (change) => insertOf(change, 'ticket') !== undefined,
  async run(change) {
    const t = insertOf<TicketItem>(change, 'ticket');
    if (!t) return;
    await startTimerExecution({ tenantId: change.tenantId, number: t.number, generation: 1 });
  },
};
