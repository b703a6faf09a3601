/** Step Functions task: acknowledge a new ticket to its requester. */
import { acknowledgeTicket } from '../../shared/tickets/acknowledge.ts';
import type { TicketWorkflowInput } from '../../shared/workflow/definition.ts';

export const handler = async (input: TicketWorkflowInput) => acknowledgeTicket(input);
