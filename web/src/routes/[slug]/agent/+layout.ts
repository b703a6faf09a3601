import { requireRole, STAFF } from '#lib/guard.ts';
import type { LayoutLoad } from './$types';

/** The agent workspace: staff only; a customer is sent to the portal. */
export const load: LayoutLoad = async ({ parent, url }) => {
  const { me, slug } = await parent();
  return { me: requireRole(me, slug, url, STAFF) };
};
