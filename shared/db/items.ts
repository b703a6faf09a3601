/** Shapes of the items in the table (what `store.ts` reads and writes, minus the keys). */
import type { Branding, Language } from '../tenancy/schemas.ts';
import type { ClockKind, SlaFacts } from '../sla/constants.ts';
import type { Role } from '../auth/schemas.ts';
import type { Contact, HistoryEvent, Priority, Status } from '../tickets/schemas.ts';
import type { MessageChannel, Difficulty, Resolution, Stage, TicketType, Visibility } from '../tickets/constants.ts';
import type { AttachmentRef } from '../attachments/schemas.ts';
import type { DeliveryStatus, NoReplyReason } from '../mail/constants.ts';

export interface TenantItem {
  kind: 'tenant';
  id: string;
  slug: string;
  name: string;
  branding: Branding;
  defaultLanguage: Language;
  timeZone: string;
  createdAt: string;
  /** Raised by every settings change (optimistic concurrency); missing on old items = 0. */
  version?: number;
  // The mail channel (issue 8).
  /** Key of the reply tokens (`shared/mail/token.ts`); never leaves the server. Created on first use for old tenants. */
  mailSecret?: string;
  /** The organisation's own support addresses, each routed to a team. */
  supportAddresses?: { address: string; teamId?: string }[];
  /** Days a mail reply reopens a closed ticket (default MAIL_LIMITS.reopenGraceDays). */
  reopenGraceDays?: number;
  /** Knowledge (issue 9): FAQ and public articles readable without signing in. */
  publicKnowledge?: boolean;
  /** When the operator suspended the tenant (`npm run tenant:suspend`): mail to it is dropped, never filed. */
  suspendedAt?: string;
}

export interface UserItem {
  kind: 'user';
  userId: string;
  name: string;
  email: string;
  role: Role;
  language?: Language;
  phone?: string;
  company?: string;
  department?: string;
  passwordHash?: string;
  emailVerified: boolean;
  createdAt: string;
  /** Unconfirmed registrations only: epoch seconds after which the account and its address are gone (TTL). */
  expiresAt?: number;
  /** Epoch ms of the registration whose link confirmed the account, or of the last password reset (an older link cannot override it). */
  registeredAt?: number;
  /** Raised by every change an admin makes (optimistic concurrency); missing on old items = 0. */
  version?: number;
  /** Issue 8: no mail goes to this address (hard bounce, complaint) until staff or the user clear it. */
  mailSuppressed?: MailSuppression;
}

/** Why mail to a contact stopped (issue 8, bounces and complaints). */
export interface MailSuppression {
  reason: 'hard_bounce' | 'complaint';
  /** e.g. `550 5.1.1 user unknown`. */
  detail: string;
  at: string;
}

/** What one registration asked for; its mailed link makes exactly this take effect. */
export interface Registration {
  name: string;
  language?: Language;
  phone?: string;
  company?: string;
  department?: string;
  passwordHash: string;
  /** Epoch ms: a newer registration's link may override an older one's, never the other way round. */
  at: number;
}

export interface SessionItem {
  kind: 'session';
  userId: string;
  /** Copied from the user at sign-in, so a request needs one read to know its caller. */
  role: Role;
  name: string;
  email: string;
  createdAt: string;
  /** Epoch seconds; DynamoDB TTL removes it, and reads check it because TTL is lazy. */
  expiresAt: number;
}

export type TokenPurpose = 'verify' | 'reset' | 'invite' | 'signin';

export interface TokenItem {
  kind: 'token';
  purpose: TokenPurpose;
  userId?: string;
  email?: string;
  role?: Role;
  name?: string;
  /** `verify` only: the registration the link confirms. */
  registration?: Registration;
  expiresAt: number;
}

export interface TicketItem {
  kind: 'ticket';
  number: number;
  subject: string;
  description: string;
  status: Status;
  priority: Priority;
  category?: string;
  requestedDueDate?: string;
  requesterId: string;
  requesterName: string;
  company?: string;
  contact: Contact;
  channel: 'portal' | 'phone' | 'email' | 'api';
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  /** When the acknowledgement mail went out (set by the effect after sending). */
  ackSentAt?: string;
  /** Raised by every change (optimistic concurrency); missing on old items = 0. */
  version?: number;

  // ---- workflow (issue 6); missing on tickets from before it: stage `new`, type `request` ----
  /** Where it stands in the coordinator/assignee workflow (`constants.ts` STAGES). */
  stage?: Stage;
  /** Stage to return to when a pending ticket resumes (or a closed one reopens). */
  resumeStage?: Stage;
  type?: TicketType;
  /** The person working it (set by assign, take, accept_assignment). */
  assigneeId?: string;
  assigneeName?: string;
  /** The team it was routed or assigned to; stays when a member takes it (the team's overview). */
  teamId?: string;
  /** The coordinator's due date (K11), YYYY-MM-DD; `requestedDueDate` is the requester's. */
  coordinatorDueDate?: string;
  /** The coordinator's instruction for the assignee (staff only, never shown to the requester). */
  instruction?: string;
  /** Which routing rule placed it (K5), for the history and the overview. */
  routedBy?: string;
  /** Where that rule sent it at creation: `team:{id}` | `user:{id}` | `coordinator` (fixed; the history's `routed` entry). */
  routedTo?: string;
  /** Sub-tickets (K7): the parent's number, and whether the requester sees this part (K9). */
  parentNumber?: number;
  visibility?: Visibility;
  /** The parent's summary of its parts, kept in step by every change of a part (one read for the parent page). */
  subTickets?: SubTicketRef[];
  /** Closing (K4, K2): how it ended, the solution recorded, or why it could not be solved. */
  resolution?: Resolution;
  solution?: string;
  unsolvableReason?: string;
  /** Pending until this instant (ISO), then back on the work lists by itself. */
  pendingUntil?: string;
  /** Reply lease (K14): who is answering, until when (ISO). Written only by lock/unlock. */
  lock?: TicketLock;
  /** Tasks (K19). */
  estimateHours?: number;
  difficulty?: Difficulty;
  progress?: number;
  responsibleId?: string;
  responsibleName?: string;
  /** Raised whenever a timer-relevant date changes: the timer execution's generation (workflow.md §1). */
  timerGeneration?: number;
  /** Duplicates (issue 8): this ticket was merged into that one (it is closed and points there). */
  mergedInto?: number;
  /** When the requester was told of the merge (the mail goes out once, `shared/merge/effects.ts`). */
  mergeNoticeAt?: string;
  /** A mail reply to a ticket closed longer than the grace period opened this one. */
  followUpOf?: number;
  /** Issue 9: the knowledge topic it was filed under (the suggestion scheme's topic makes it a suggestion). */
  topicId?: string;
  /** Opened by a mail nobody may answer (auto-reply, bounce, list, system sender): no acknowledgement. */
  noReply?: NoReplyReason;

  // ---- service levels (issue 7); written by every change through `shared/sla/` ----
  /** What the clocks depend on (instants, policy-free); see `sla/constants.ts`. */
  sla?: SlaFacts;
  /** The policy that applied at the last change (a change of it is recorded as `sla_retargeted`). */
  slaPolicyId?: string;
  /** The most urgent running clock: its kind, target, warning instant and calendar (list badge, "due first"). */
  slaClock?: ClockKind;
  slaDueAt?: string;
  slaWarnAt?: string;
  slaCalendarId?: string;
}

/** A sub-ticket as its parent lists it. */
export interface SubTicketRef {
  number: number;
  subject: string;
  stage: Stage;
  visibility: Visibility;
  assigneeId?: string;
  assigneeName?: string;
  teamId?: string;
  coordinatorDueDate?: string;
  /** Set when its assignee answered (the answer is a partial answer on the parent). */
  answeredAt?: string;
}

/** Who holds the reply lease of a ticket, and until when. */
export interface TicketLock {
  userId: string;
  name: string;
  until: string;
}

export interface MessageItem {
  kind: 'message';
  id: string;
  /** The ticket it belongs to (also in its key; here so a change of it names its ticket). */
  number: number;
  body: string;
  internal: boolean;
  authorId: string;
  authorName: string;
  authorRole: Role;
  createdAt: string;
  /** On a parent: this message is the answer of sub-ticket `partOf` (a partial answer, staff only). */
  partOf?: number;
  /** An answer to the coordinator (review), not yet sent to the requester (staff only). */
  toCoordinator?: boolean;
  // The mail channel and attachments (issue 8).
  /** How it was written (missing on old items = portal for customers, api for staff). */
  channel?: MessageChannel;
  attachments?: AttachmentRef[];
  /** Inbound mail: the sender as written (`Name <address>`). */
  from?: string;
  /** Inbound mail: the sanitised HTML body (allow-list; remote images not loaded until asked). */
  html?: string;
  /** The RFC 5322 Message-ID: of the inbound mail, or of the mail we sent for this message. */
  mailMessageId?: string;
  /** Inbound mail: object key of the raw source in the bucket (`getRawMessage`). */
  rawKey?: string;
  /** Outbound mail: where it stands (SES events). */
  deliveryStatus?: DeliveryStatus;
  /** e.g. `550 5.1.1 user unknown`. */
  deliveryDetail?: string;
  /** Inbound mail nobody may answer (auto-reply, bounce, list, system sender): no notification. */
  noReply?: NoReplyReason;
  /** Moved here by merging that ticket into this one (issue 8, K16). */
  mergedFrom?: number;
}

export interface EventItem extends HistoryEvent {
  kind: 'event';
}

/** A support team (T4). */
export interface TeamItem {
  kind: 'team';
  teamId: string;
  name: { de: string; en: string };
  memberIds: string[];
  /** The team's own business calendar (issue 7): its tickets' clocks run on it instead of the policy's. */
  calendarId?: string;
  createdAt: string;
  version: number;
  /** Deleted by an admin (issue 6): kept only so tickets that name the team still read its name. */
  deletedAt?: string;
}
