import { error } from '@sveltejs/kit';
import { api, ApiError } from './api.ts';
import type { TicketDetail, TicketSummary } from './types.ts';

/** A ticket for a page's load function; unknown (or not visible) numbers become a 404 page. */
export async function loadTicket(number: string, f: typeof fetch, allow401 = false): Promise<TicketDetail> {
  if (!/^\d{1,12}$/.test(number)) error(404, 'not found');
  try {
    return await api<TicketDetail>(`/tickets/${number}`, { fetch: f, allow401 });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) error(404, e.detail ?? e.title);
    throw e;
  }
}

/** One page of a ticket list; `nextCursor` is present while more tickets follow. */
export interface TicketPage {
  items: TicketSummary[];
  nextCursor?: string;
}

/**
 * The API path of a ticket list (without cursor): its view, and the page size from the page's
 * own `?limit=` (1–200, passed through; otherwise the server's default).
 */
export function ticketListPath(view: string, url: URL): string {
  const q = new URLSearchParams({ view });
  const limit = url.searchParams.get('limit');
  if (limit && /^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 200) q.set('limit', limit);
  return `/tickets?${q.toString()}`;
}

/** The page of the list at `path` that follows `cursor` (the first page without one); `allow401` as in `api`. */
export function loadTicketPage(path: string, cursor?: string, f?: typeof fetch, allow401 = false): Promise<TicketPage> {
  return api<TicketPage>(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path, { fetch: f, allow401 });
}

/** `list` followed by the tickets of `more` it does not have yet (a ticket is never shown twice). */
export function appendTickets(list: TicketSummary[], more: TicketSummary[]): { list: TicketSummary[]; added: TicketSummary[] } {
  const have = new Set(list.map((x) => x.number));
  const added: TicketSummary[] = [];
  for (const x of more) {
    if (have.has(x.number)) continue;
    have.add(x.number);
    added.push(x);
  }
  return { list: [...list, ...added], added };
}
