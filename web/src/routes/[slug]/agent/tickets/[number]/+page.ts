import { loadTicket } from '../../../../../lib/tickets.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
  return { detail: await loadTicket(params.number, fetch) };
};
