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
export const VIEWS = ['new', 'customer_waiting', 'support_waiting', 'closed', 'all', 'mine'] as const;
export type View = (typeof VIEWS)[number];

/** How a request came in. */
export const CHANNELS = ['portal', 'phone', 'email', 'api'] as const;

/** Columns a ticket list can be sorted by. */
export const SORT_FIELDS = ['number', 'subject', 'status', 'priority', 'createdAt', 'updatedAt', 'requester'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
