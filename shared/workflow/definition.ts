/**
 * The ticket workflow as Amazon States Language: the one definition CDK deploys and the local
 * runner executes. Task resources are passed in (Lambda ARNs in AWS, placeholders locally,
 * where tasks are bound by state name).
 */
export interface WorkflowResources {
  /** Function that acknowledges a new ticket to its requester (K15). */
  ticketCreated: string;
}

/** State names, which the local runner binds to handler functions. */
export const STATES = { ticketCreated: 'AcknowledgeTicket' } as const;

/** Input of an execution: which ticket, of which tenant. Never built from request input. */
export interface TicketWorkflowInput {
  tenantId: string;
  number: number;
}

/** Definition of the ticket workflow (minimal: acknowledge, then end). */
export function ticketWorkflowDefinition(r: WorkflowResources): Record<string, unknown> {
  return {
    Comment: 'Ticket workflow: acknowledge a new ticket to its requester',
    StartAt: STATES.ticketCreated,
    States: {
      [STATES.ticketCreated]: {
        Type: 'Task',
        Resource: r.ticketCreated,
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        End: true,
      },
    },
  };
}
