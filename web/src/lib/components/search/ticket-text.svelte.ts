/**
 * Ticket Management's text filter across the whole ticket list (issue 9, V1): while a text is
 * entered, the rows are the tickets the search finds (`searchTickets`: every ticket of the
 * tenant, messages and notes included, in rank order), not the loaded page filtered on screen.
 * Clearing the text returns to the list.
 */
import { api, errorMessage } from '../../api.ts';
import type { TicketSummary } from '../../types.ts';
import { appendTickets } from '../../tickets.ts';
import { LiveRequest } from './search.ts';

interface Page {
  items: TicketSummary[];
  nextCursor?: string;
}

const pathOf = (q: string, cursor?: string) => `/search/tickets?q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

export class TicketTextSearch {
  /** A text is entered: the rows come from the search. */
  active = $state(false);
  /** The search for the current text has not answered yet. */
  pending = $state(false);
  items = $state<TicketSummary[]>([]);
  cursor = $state<string | undefined>(undefined);
  error = $state<string | null>(null);
  #q = '';
  #live = new LiveRequest<Page>(
    (signal) => api<Page>(pathOf(this.#q), { signal }),
    (r) => {
      this.items = r.items;
      this.cursor = r.nextCursor;
      this.pending = false;
      this.error = null;
    },
    (e) => {
      this.pending = false;
      this.error = errorMessage(e);
    },
  );

  /** The filter's text now; an unchanged text asks nothing. */
  set(text: string): void {
    const q = text.trim();
    if (q === this.#q) return;
    this.#q = q;
    this.active = !!q;
    if (!q) {
      this.#live.cancel();
      this.items = [];
      this.cursor = undefined;
      this.pending = false;
      this.error = null;
      return;
    }
    this.pending = true;
    this.#live.run();
  }

  /** The next page of matches, appended (a ticket is never shown twice). */
  async more(): Promise<TicketSummary[]> {
    if (!this.cursor) return [];
    const q = this.#q;
    const page = await api<Page>(pathOf(q, this.cursor));
    if (q !== this.#q) return [];
    const { list, added } = appendTickets(this.items, page.items);
    this.items = list;
    this.cursor = page.nextCursor;
    return added;
  }

  /** Stop listening (the table left the page). */
  stop(): void {
    this.#live.cancel();
  }
}
