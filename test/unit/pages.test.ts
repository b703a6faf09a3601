import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, mergePages, type Positions, type QueuePage } from '../../shared/tickets/pages.ts';

/** Queues of sort keys, paged the way listTickets does it, until the cursor runs out. */
function pageThrough(queues: Record<string, string[]>, limit: number): string[][] {
  const pages: string[][] = [];
  let prev: Positions = {};
  for (let guard = 0; guard < 50; guard++) {
    const qs: QueuePage<string>[] = Object.entries(queues)
      .filter(([k]) => prev[k] !== null)
      .map(([key, sks]) => {
        const after = prev[key];
        const rest = sks.filter((sk) => after === undefined || sk > after!).slice(0, limit);
        return { key, entries: rest.map((sk) => ({ sk, item: sk })), more: rest.length === limit };
      });
    const done = Object.fromEntries(
      Object.keys(queues)
        .filter((k) => prev[k] === null)
        .map((k) => [k, null]),
    );
    const page = mergePages(qs, limit, prev);
    pages.push(page.items);
    if (!page.next) return pages;
    prev = decodeCursor(encodeCursor({ ...done, ...page.next }));
  }
  throw new Error('paging did not end');
}

describe('paging through work lists made of several queues', () => {
  const queues = { new: ['1#a', '3#c', '3#d'], open: ['2#b', '4#e'], waiting: [] as string[] };

  it('returns every ticket exactly once, in the merged order, in pages of the asked size', () => {
    for (const limit of [1, 2, 3, 10]) {
      const pages = pageThrough(queues, limit);
      expect(pages.flat()).toEqual(['1#a', '2#b', '3#c', '3#d', '4#e']);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  });

  it('a single page when everything fits, with no cursor', () => {
    expect(pageThrough(queues, 5)).toHaveLength(1);
  });

  it('refuses a cursor that was not made by a previous page', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => decodeCursor(Buffer.from('{"new":42}').toString('base64url'))).toThrow();
  });
});
