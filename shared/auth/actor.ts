import type { Role } from './schemas.ts';
import type { Language } from '../tenancy/constants.ts';
import { isStaffRole } from './constants.ts';
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
}

export const isStaff = (a: Actor) => isStaffRole(a.role);

/** Refuse callers whose role is not among `roles`. */
export function requireRole(a: Actor, roles: readonly Role[]): void {
  if (!roles.includes(a.role)) throw new DomainError('forbidden', 'Your role may not do this');
}

/**
 * The helpdesk itself as the author of a change nobody made by hand (a pending ticket coming
 * back on its date, an acknowledgement): the history names it "System". Never a session's actor.
 */
export const SYSTEM = { userId: 'system', name: 'System' } as const;
