/**
 * The ticket workflow as Amazon States Language: the one definition CDK deploys and the local
 * runner executes. It only waits: a `Task` asks the domain what is due now and when to wake
 * next, a `Choice` ends it when nothing is left to wait for, else it `Wait`s until that absolute
 * instant and asks again (workflow.md §1). Human steps never live here; they are writes.
 * Task resources are passed in (Lambda ARNs in AWS, placeholders locally, where tasks are bound
 * by state name).
 */
export interface WorkflowResources {
  /** Function that checks a ticket's timers at a wake-up (`checkTicketTimers`). */
  checkTicketTimers: string;
}

/** State names; the local runner binds each Task state to `functions/workflow/<kebab-case key>.ts`. */
export const STATES = { checkTicketTimers: 'CheckTicketTimers' } as const;

/** Input and output of every state: which ticket, which timer generation, when to wake next. */
export interface TicketTimerState {
  tenantId: string;
  number: number;
  /** The ticket's timer generation this execution serves; a newer one makes it end. */
  generation: number;
  /**
   * Which execution of the generation's chain this is: 0 (absent) for the first; each successor
   * one more (an execution hands over before its year in AWS runs out; `timers.ts`).
   */
  chain?: number;
  /**
   * When this execution was started (ISO instant, set by its starter just before it starts): how
   * old it is. Carried in the state rather than read from `$$.Execution.StartTime`, which the
   * local runner sets anew when it resumes an execution after a restart.
   */
  since?: string;
  /** Next wake-up (ISO instant, in the future); absent when there is nothing left to wait for. */
  wakeAt?: string;
}

/** Definition of the ticket timer workflow: check, wait until `wakeAt`, check again, or end. */
export function ticketWorkflowDefinition(r: WorkflowResources): Record<string, unknown> {
  return {
    Comment: 'Ticket timers: ask the domain what is due and when to wake next, wait until then, repeat until nothing is left',
    StartAt: STATES.checkTicketTimers,
    States: {
      WaitUntilDue: { Type: 'Wait', TimestampPath: '$.wakeAt', Next: STATES.checkTicketTimers },
      [STATES.checkTicketTimers]: {
        Type: 'Task',
        Resource: r.checkTicketTimers,
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        Next: 'MoreToWaitFor',
      },
      MoreToWaitFor: {
        Type: 'Choice',
        Choices: [{ Variable: '$.wakeAt', IsPresent: true, Next: 'WaitUntilDue' }],
        Default: 'NothingLeft',
      },
      NothingLeft: { Type: 'Succeed' },
    },
  };
}
