/** Shapes of the items in the table (what `store.ts` reads and writes, minus the keys). */
import type { Branding, Language } from '../tenancy/schemas.ts';
import type { Role } from '../auth/schemas.ts';
import type { Contact, HistoryEvent, Priority, Status } from '../tickets/schemas.ts';

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
}

export interface EventItem extends HistoryEvent {
  kind: 'event';
}
