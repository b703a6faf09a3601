/**
 * The vocabulary of staff notifications (N1), without zod: the server's schemas build their
 * enums from it and the web app imports it directly.
 */

/** What a notification says happened. */
export const NOTIFICATION_KINDS = [
  'assigned', // a ticket was assigned to me, or to a team of mine
  'taken_from_team', // a member of my team took a ticket the team had
  'part_answered', // a sub-ticket of a ticket I hold was answered
  'parts_answered', // every sub-ticket of it is answered: time for the summary
  'customer_replied', // the requester wrote on a ticket I hold
  'status_changed', // someone else changed the status of a ticket I hold
  'mentioned', // someone named me (@Name) in an internal note
  'sla_warning', // a clock of a ticket I hold (or my team holds) reached its warning threshold
  'sla_breached', // a clock of it passed its target, or an escalation step named me (coordinator, team)
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Which kinds are mailed when a user has not chosen: the ones that ask the reader to act now
 * (new work, the summary is due, someone asks them by name). The rest is in-app only by default,
 * so a busy agent's inbox is not flooded with every status change or reply.
 */
export const DEFAULT_MAIL: Readonly<Record<NotificationKind, boolean>> = {
  assigned: true,
  taken_from_team: false,
  part_answered: false,
  parts_answered: true,
  customer_replied: false,
  status_changed: false,
  mentioned: true,
  sla_warning: true,
  sla_breached: true,
};

/** How long a notification is kept (DynamoDB TTL removes it then). */
export const NOTIFICATION_TTL_DAYS = 90;
/** Notifications per page of `listNotifications`. */
export const NOTIFICATION_PAGE = 20;
