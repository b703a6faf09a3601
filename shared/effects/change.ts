/**
 * A committed write as the table's change stream reports it. The stream consumer turns each
 * stream record into a `Change` (functions/stream/effects.ts) and hands it to the effects
 * that apply (registry.ts); nothing here knows about Lambda or the stream's wire format.
 */

export type ChangeType = 'insert' | 'modify' | 'remove';

export interface Change {
  /** Unique per change (the stream record's event id): with the effect's name, its idempotency key. */
  id: string;
  type: ChangeType;
  /** Tenant of the changed item, read off its key (platform items have no changes worth an effect). */
  tenantId: string;
  /** The item's `kind` (ticket, message, …), from the new image, else the old one. */
  kind: string;
  /** The item after the write (insert, modify), without its keys. */
  new?: Record<string, unknown>;
  /** The item before the write (modify, remove), without its keys. */
  old?: Record<string, unknown>;
}

/** The new item of an insert of one kind (typed as that item), else undefined. */
export function insertOf<I>(change: Change, kind: string): I | undefined {
  return change.type === 'insert' && change.kind === kind ? (change.new as I | undefined) : undefined;
}
