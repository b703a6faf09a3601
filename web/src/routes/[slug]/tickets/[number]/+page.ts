import { requireRole } from '#lib/guard.ts';
import { early } from '#lib/session.ts';
import { loadTicket } from '#lib/tickets.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  const detail = early(() => loadTicket(params.number, fetch, true));
  const { me, slug } = await parent();
  requireRole(me, slug, url);
  return { detail: await (detail ?? loadTicket(params.number, fetch)) };
};
