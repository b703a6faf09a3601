import { error } from '@sveltejs/kit';
import { api, ApiError } from './api.ts';
import type { TicketDetail } from './types.ts';

/** A ticket for a page's load function; unknown (or not visible) numbers become a 404 page. */
export async function loadTicket(number: string, f: typeof fetch): Promise<TicketDetail> {
  if (!/^\d{1,12}$/.test(number)) error(404, 'not found');
  try {
    return await api<TicketDetail>(`/tickets/${number}`, { fetch: f });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) error(404, e.detail ?? e.title);
    throw e;
  }
}
