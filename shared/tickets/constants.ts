/**
 * The fixed vocabulary of tickets, without zod: the server's schemas build their enums from
 * these lists, and the web app imports them directly (so no validation library reaches it).
 */

/** Priorities, lowest first (the order a select offers them). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Sort rank: the most urgent first. */
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 1, high: 2, normal: 3, low: 4 };

/**
 * Statuses in their working order. `open`: the customer waits for support (*Kunde wartet*);
 * `waiting`: support waits for the customer (*Support wartet*).
 */
export const STATUSES = ['new', 'open', 'waiting', 'solved', 'unsolvable'] as const;
export type Status = (typeof STATUSES)[number];
/** Sort rank of a status: its place in the working order. */
export const STATUS_RANK = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;
/** Statuses in which a ticket is done with; a customer's reply reopens it. */
export const CLOSED_STATUSES: readonly Status[] = ['solved', 'unsolvable'];
/** The one status a customer may set on their own request: closing it. */
export const CUSTOMER_CLOSE_STATUS = 'solved' satisfies Status;

/** Agent work lists (V1) and the customer's own list (V2). */
export const VIEWS = [
  'new',
  'customer_waiting',
  'support_waiting',
  'closed',
  'all',
  'mine',
  'my_teams',
  'to_accept',
  'to_assign',
  'parts_answered',
  'review',
  'pending',
] as const;
export type View = (typeof VIEWS)[number];

/** How a request came in. */
export const CHANNELS = ['portal', 'phone', 'email', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * How a message was written: a request's channels, and `web` for staff writing in the
 * workspace (signed in with the web app's cookie; a bearer token is an API client: `api`).
 */
export const MESSAGE_CHANNELS = [...CHANNELS, 'web'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Columns a ticket list can be sorted by. */
export const SORT_FIELDS = ['number', 'subject', 'status', 'priority', 'createdAt', 'updatedAt', 'requester', 'slaDueAt'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

// ---- workflow (issue 6: K4–K11, K19) -------------------------------------------------

/**
 * Where a ticket stands in the coordinator/assignee workflow (K4), beside its conversation
 * `status` (who waits for whom). `new`: waits for the coordinator to accept it; `clarifying`:
 * accepted, the coordinator pre-clarifies (*Vorklärung*) and then assigns; `assigned`: given to
 * a person (who has not accepted yet) or to a team (no member has taken it yet);
 * `in_progress`: the assignee works it; `split`: waits for its sub-tickets; `parts_answered`:
 * every sub-ticket is answered, the coordinator writes the summary; `review`: the assignee
 * answered to the coordinator, who sends it on or back; `pending`: parked until a date
 * (*warten bis zum Zeitpunkt*); `closed`: solved or unsolvable (see `resolution`).
 */
export const STAGES = ['new', 'clarifying', 'assigned', 'in_progress', 'split', 'parts_answered', 'review', 'pending', 'closed'] as const;
export type Stage = (typeof STAGES)[number];
/** Stages in which a ticket is off every work list (until a date, or for good). */
export const RESTING_STAGES: readonly Stage[] = ['pending', 'closed'];

/** What kind of work a ticket is (K19). A task may have no customer and carries estimate and progress. */
export const TICKET_TYPES = ['incident', 'request', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** A sub-ticket's visibility to the parent's requester (K9). */
export const VISIBILITIES = ['hidden', 'transparent'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** How a closed ticket ended. */
export const RESOLUTIONS = ['solved', 'unsolvable', 'duplicate'] as const; // duplicate: merged into another ticket (issue 8)
export type Resolution = (typeof RESOLUTIONS)[number];

/**
 * Everything a caller may do to a ticket; `getTicket` lists those allowed now (`actions`), the
 * web shows exactly these buttons. The table of moves is `lifecycle.ts`.
 */
export const ACTIONS = [
  'accept', // coordinator takes a new ticket into pre-clarification
  'assign', // coordinator gives it to a person or a team (with due date, note)
  'take', // a team member pulls a team's ticket (K8)
  'accept_assignment', // the person assigned confirms
  'hand_back', // the assignee (or a person assigned) returns it to the coordinator, with a reason
  'split', // fan out into sub-tickets (K7)
  'answer', // public answer to the requester
  'note', // internal note
  'answer_to_coordinator', // the assignee's answer goes to the coordinator for review
  'send_on', // the coordinator sends a reviewed answer to the requester
  'send_back', // the coordinator returns a reviewed answer to the assignee
  'close', // solved (with solution) or unsolvable (with reason)
  'pend', // park until a date
  'resume', // take a pending ticket back before its date
  'reopen', // staff reopen a closed ticket (a customer's reply reopens it too)
  'lock', // take the reply lease (K14)
  'edit', // priority, category, type, task fields
] as const;
export type Action = (typeof ACTIONS)[number];

/** Kinds of history events. The first seven exist since the walking skeleton. */
export const EVENT_TYPES = [
  'created',
  'message',
  'note',
  'status',
  'priority',
  'category',
  'acknowledged',
  'routed', // `to`: team:{id} | user:{id} | coordinator; `from`: the rule id
  'stage', // from → to stage
  'accepted',
  'assigned', // `to`: team:{id} | user:{id}
  'taken',
  'handed_back', // `from`: the reason
  'split', // `to`: the sub-ticket numbers, comma separated
  'part_answered', // on the parent; `from`: the sub-ticket number
  'parts_answered',
  'answered_to_coordinator',
  'sent_on',
  'sent_back',
  'closed', // `to`: the resolution
  'pended', // `to`: the date
  'resumed',
  'reopened',
  'due_date', // the coordinator's due date: from → to
  'type',
  'estimate', // task fields (K19): from → to
  'difficulty',
  'progress',
  'responsible', // from → to: the names
  'lock_taken_over',
  // service levels (issue 7); `from`: the clock kind, `to`: details (policy id, step, target)
  'sla_retargeted', // `from` → `to`: policy ids ('' = none)
  'sla_warning',
  'sla_breached',
  'sla_escalated', // `to`: policy id, step number and actions taken
  // mail channel and duplicates (issue 8)
  'merged_into', // on the source: `to` = the target number
  'merged_from', // on the target: `from` = the source number
  'follow_up_of', // on a new ticket from a mail reply to a long-closed one: `from` = the old number
  'reopened_by_mail',
  'delivery_failed', // `from`: the message id, `to`: the SMTP detail
  'mail_dropped', // `to`: the reason (a DROP_REASONS value) — a mail into this ticket was not made a message
  // knowledge (issue 9)
  'topic', // from → to: topic ids ('' = none); staff only
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
