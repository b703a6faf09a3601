import { SFNClient, StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { config, endpointFor } from '../config.ts';
import type { TicketWorkflowInput } from './definition.ts';

let client: SFNClient | undefined;

/**
 * Start the workflow of a new ticket. The execution name is derived from the ticket, so a
 * retried start is a no-op rather than a second workflow.
 */
export async function startTicketWorkflow(input: TicketWorkflowInput): Promise<void> {
  const arn = config.stateMachineArn;
  if (!arn) return;
  client ??= new SFNClient({ endpoint: endpointFor('SFN') });
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: `ticket-${input.tenantId}-${input.number}`, input: JSON.stringify(input) }));
  } catch (err) {
    if (err instanceof ExecutionAlreadyExists) return;
    throw err;
  }
}
