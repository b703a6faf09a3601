import type { Role } from './schemas.ts';
import type { Language } from '../tenancy/constants.ts';
import { isStaffRole } from './constants.ts';
import type { MessageChannel } from '../tickets/constants.ts';
import { DomainError } from '../errors.ts';

/** The authenticated caller. Its `tenantId` is the only tenant any of its requests touches. */
export interface Actor {
  tenantId: string;
  userId: string;
  role: Role;
  name: string;
  email: string;
  /** The language the request asks for (`Accept-Language`): names kept per language (teams) come in it. */
  language?: Language;
  /** How the session came: the web app's cookie or an API client's bearer token (unknown outside a request). */
  via?: 'web' | 'api';
}

export const isStaff = (a: Actor) => isStaffRole(a.role);

/**
 * The channel of a message the actor writes: a customer in the portal `portal`, staff in the
 * workspace `web`, anybody through a bearer token `api` (and staff outside a request, too).
 */
export function messageChannelOf(a: Pick<Actor, 'role' | 'via'>): MessageChannel {
  if (a.via === 'api') return 'api';
  if (a.role === 'customer') return 'portal';
  return a.via === 'web' ? 'web' : 'api';
}

/** Refuse callers whose role is not among `roles`. */
export function requireRole(a: Actor, roles: readonly Role[]): void {
  if (!roles.includes(a.role)) throw new DomainError('forbidden', 'Your role may not do this');
}

/**
 * The helpdesk itself as the author of a change nobody made by hand (a pending ticket coming
 * back on its date, an acknowledgement): the history names it "System". Never a session's actor.
 */
export const SYSTEM = { userId: 'system', name: 'System' } as const;
