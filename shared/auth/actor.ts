import type { Role } from './schemas.ts';
import { isStaffRole } from './constants.ts';
import { DomainError } from '../errors.ts';

/** The authenticated caller. Its `tenantId` is the only tenant any of its requests touches. */
export interface Actor {
  tenantId: string;
  userId: string;
  role: Role;
  name: string;
  email: string;
}

export const isStaff = (a: Actor) => isStaffRole(a.role);

/** Refuse callers whose role is not among `roles`. */
export function requireRole(a: Actor, roles: readonly Role[]): void {
  if (!roles.includes(a.role)) throw new DomainError('forbidden', 'Your role may not do this');
}
