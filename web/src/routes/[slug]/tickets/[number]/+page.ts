import { requireRole } from '../../../../lib/guard.ts';
import { loadTicket } from '../../../../lib/tickets.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  const { me, slug } = await parent();
  requireRole(me, slug, url);
  return { detail: await loadTicket(params.number, fetch) };
};
