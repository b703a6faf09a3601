import { SFNClient, StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { config, endpointFor } from '../config.ts';
import { nowIso } from '../ids.ts';
import type { TicketItem } from '../db/items.ts';
import { insertOf, type Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import type { TicketTimerState } from './definition.ts';

let client: SFNClient | undefined;

/**
 * Execution name of a ticket's timer generation (`tkt-{tenant}-{number}-g{generation}`), and of
 * its successors in that generation (`…-g{generation}-c{chain}`): one per generation and link.
 */
export function timerExecutionName(s: Pick<TicketTimerState, 'tenantId' | 'number' | 'generation' | 'chain'>): string {
  return `tkt-${s.tenantId}-${s.number}-g${s.generation}${s.chain ? `-c${s.chain}` : ''}`;
}

/**
 * Start a ticket's timer execution (stamped with `since`, now, unless given). The name is
 * derived from ticket, generation and chain link, so a retried start is a no-op rather than a
 * second execution (ExecutionAlreadyExists: it exists, which is what was wanted).
 */
export async function startTimerExecution(state: TicketTimerState): Promise<void> {
  const arn = config.stateMachineArn;
  if (!arn) return;
  client ??= new SFNClient({ endpoint: endpointFor('SFN') });
  const input: TicketTimerState = { ...state, since: state.since ?? nowIso() };
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: timerExecutionName(state), input: JSON.stringify(input) }));
  } catch (err) {
    if (err instanceof ExecutionAlreadyExists) return;
    throw err;
  }
}

/** The timer generation a change raised the ticket to: 1 for a new ticket, the new one when a change raised it. */
function raisedGeneration(change: Change): number | undefined {
  if (insertOf<TicketItem>(change, 'ticket')) return 1;
  if (change.type !== 'modify' || change.kind !== 'ticket') return undefined;
  const before = Number(change.old?.timerGeneration ?? 1);
  const after = Number(change.new?.timerGeneration ?? 1);
  return after > before ? after : undefined;
}

/**
 * A ticket's timer generation starts: the first with a new ticket (its first step computes the
 * deadlines), a later one whenever a change raised `timerGeneration` (e.g. pended until a
 * date); the execution of an older generation ends at its next check.
 */
export const startTicketTimers: Effect = {
  name: 'start-ticket-timers',
  kinds: ['ticket'],
  applies: (change) => raisedGeneration(change) !== undefined,
  async run(change) {
    const generation = raisedGeneration(change);
    const number = Number((change.new as Partial<TicketItem> | undefined)?.number);
    if (generation === undefined || !number) return;
    await startTimerExecution({ tenantId: change.tenantId, number, generation });
  },
};
