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

export type TokenPurpose = 'verify' | 'reset' | 'invite';

export interface TokenItem {
  kind: 'token';
  purpose: TokenPurpose;
  userId?: string;
  email?: string;
  role?: Role;
  name?: string;
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
