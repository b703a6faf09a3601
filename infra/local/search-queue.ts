/**
 * The local stand-in for the search indexer's SQS FIFO queue (issue 9, Q5): batches of one
 * tenant run one after another, in the order they were pushed (a FIFO message group); different
 * tenants run side by side. `push` resolves when its batch is indexed, so the stream poller that
 * pushes counts a failed batch as failed and hands it out again, like a redelivery.
 */
export interface SerialQueues<T> {
  push(group: string, item: T): Promise<void>;
  /** Resolves once everything pushed before the call has run. */
  settle(): Promise<void>;
}

/** Per-group serial queues running `run` for each item. */
export function serialQueues<T>(run: (group: string, item: T) => Promise<unknown>): SerialQueues<T> {
  const tails = new Map<string, Promise<void>>();
  return {
    push(group, item) {
      const next = (tails.get(group) ?? Promise.resolve())
        .catch(() => {})
        .then(async () => {
          await run(group, item);
        });
      tails.set(group, next);
      // Forget a finished group, unless more was pushed meanwhile.
      const forget = () => {
        if (tails.get(group) === next) tails.delete(group);
      };
      next.then(forget, forget);
      return next;
    },
    async settle() {
      await Promise.allSettled([...tails.values()]);
    },
  };
}
