/**
 * Paging through work lists. A list may be several status queues (e.g. "all"), each sorted by
 * its index sort key; a page is the first `limit` entries of their merge, and the cursor
 * remembers, per queue, the sort key after which the next page starts. A cursor only ever
 * holds sort-key positions: partition keys are always built from the caller's tenant.
 */
import * as z from 'zod';
import { DomainError } from '../errors.ts';

/** Per queue: the sort key after which to continue, `null` when it is used up; absent = from the start. */
export type Positions = Record<string, string | null>;

const CursorShape = z.record(z.string().max(40), z.string().max(200).nullable());

export function encodeCursor(p: Positions): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

/** The positions of a cursor from a previous page; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined): Positions {
  if (!cursor) return {};
  try {
    return CursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('validation_failed', 'Invalid cursor: pass nextCursor of the previous page unchanged', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  }
}

export interface QueuePage<T> {
  key: string;
  /** Entries after the queue's position, in sort-key order. */
  entries: { sk: string; item: T }[];
  /** Whether the queue may hold more than these entries. */
  more: boolean;
}

/** The next `limit` entries of several queues in sort-key order, and where each queue stands after them. */
export function mergePages<T>(queues: QueuePage<T>[], limit: number, prev: Positions, descending = false): { items: T[]; next: Positions | undefined } {
  const all = queues.flatMap((q) => q.entries.map((e) => ({ ...e, key: q.key })));
  all.sort((a, b) => (descending ? b.sk.localeCompare(a.sk) : a.sk.localeCompare(b.sk)));
  const taken = all.slice(0, limit);
  const next: Positions = {};
  for (const q of queues) {
    const mine = taken.filter((e) => e.key === q.key);
    const usedUp = !q.more && mine.length === q.entries.length;
    next[q.key] = usedUp ? null : mine.length > 0 ? mine[mine.length - 1]!.sk : (prev[q.key] ?? null);
    // a queue not yet started that contributed nothing must start from its beginning next time
    if (!usedUp && mine.length === 0 && prev[q.key] === undefined) delete next[q.key];
  }
  const open = queues.some((q) => next[q.key] !== null);
  return { items: taken.map((e) => e.item), next: open ? next : undefined };
}
