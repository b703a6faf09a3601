import { early } from '#lib/session.ts';
import { loadTicket } from '#lib/tickets.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, fetch }) => {
  // asked for beside the session check (agent/+layout.ts), used only once it passed
  const detail = early(() => loadTicket(params.number, fetch, true));
  await parent();
  return { detail: await (detail ?? loadTicket(params.number, fetch)) };
};
