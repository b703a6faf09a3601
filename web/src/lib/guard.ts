import { redirect } from '@sveltejs/kit';
import { STAFF_ROLES } from '#shared/auth/constants.ts';
import type { Me, Role } from './types.ts';

/**
 * For load functions of pages that need a session: signed out (or signed in to another
 * tenant) goes to the portal's sign-in page with a way back; a role that may not see the
 * page goes to the page that role starts on.
 */
export function requireRole(me: Me | null, slug: string, url: URL, roles?: readonly Role[]): Me {
  const home = `/${encodeURIComponent(slug)}/`;
  if (!me) redirect(307, `${home}?next=${encodeURIComponent(url.pathname + url.search)}`);
  if (roles && !roles.includes(me.user.role)) {
    redirect(307, me.user.role === 'customer' ? home : `${home}agent`);
  }
  return me;
}

/** Roles that work tickets, from the domain's own list. */
export const STAFF: readonly Role[] = STAFF_ROLES;
