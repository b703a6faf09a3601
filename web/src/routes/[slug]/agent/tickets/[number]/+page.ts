import { loadTicket } from '../../../../../lib/tickets.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, fetch }) => {
  // the staff check (agent/+layout.ts) first: signed out or a customer is redirected before the ticket is asked for
  await parent();
  return { detail: await loadTicket(params.number, fetch) };
};
