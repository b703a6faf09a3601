/**
 * The mail channel (issue 8): limits, delivery states and the reasons an inbound mail is dropped
 * or kept without an acknowledgement. Zod-free, shared with the web.
 */

/** Limits of one inbound mail and of the loop guards (anchor: Zammad, 10 mails in 10 minutes per ticket). */
export const MAIL_LIMITS = {
  /** A raw mail larger than this is not made a message; a record says why. */
  maxBytes: 25 * 1024 * 1024,
  /** Attachments kept of one mail; the rest are listed as left out. */
  maxAttachments: 20,
  /** Mails into one ticket within `loopWindowMinutes` before the ticket stops answering. */
  perTicket: 10,
  /** Mails from one sender address within `loopWindowMinutes` before they are only recorded. */
  perSender: 20,
  loopWindowMinutes: 10,
  /** Days after closing in which a mail reply reopens the ticket (tenant setting default). */
  reopenGraceDays: 14,
  /** Additional support addresses a tenant may route. */
  maxSupportAddresses: 20,
} as const;

/** Where an outgoing mail stands, as SES events report it. `suppressed`: not sent, the address hard-bounced before. */
export const DELIVERY_STATUSES = ['sent', 'delivered', 'bounced', 'complained', 'suppressed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why an inbound mail became no ticket or message (logged, and counted in the bench). */
export const DROP_REASONS = [
  'unknown_tenant',
  'suspended_tenant',
  'duplicate', // same Message-ID (or same SES message) already stored
  'too_large',
  'loop', // per-ticket or per-sender guard
  'own_address', // from one of our own sending addresses
  'unparseable',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/**
 * Why an inbound mail gets no acknowledgement or notification (it is still stored): RFC 3834
 * `Auto-Submitted`, `Precedence: bulk|junk|list`, `X-Autoreply`, `List-*`, system senders.
 */
export const NO_REPLY_REASONS = ['auto_submitted', 'precedence', 'autoreply_header', 'mailing_list', 'system_sender', 'bounce'] as const;
export type NoReplyReason = (typeof NO_REPLY_REASONS)[number];
