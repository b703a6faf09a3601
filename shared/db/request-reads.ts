/**
 * Reads one request would otherwise repeat: the tenant, its teams and its SLA partition, which a
 * ticket write needs for its clocks (`loadSlaConfig`) and the view it returns needs again for the
 * caller's teams and the clocks shown; and, for the effects of one change, the tenant and the
 * requester each mail and the clocks need. Inside `withRequestReads` (one HTTP request, or the
 * effects of one change) each is read once and shared; a write to any of them in the same scope
 * forgets every read kept (the document clients report their writes to `forgetOnWrite`), so a
 * scope never sees its own writes stale. Outside one (timers, scripts) every call reads.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const kept = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Run one request with its own store of shared reads. */
export function withRequestReads<T>(fn: () => Promise<T>): Promise<T> {
  return kept.run(new Map(), fn);
}

/** `read()` once per request under `key` (a failed read is not kept); outside a request, always `read()`. */
export function onceInRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const store = kept.getStore();
  if (!store) return read();
  let p = store.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    store.set(key, p);
    p.catch(() => store.get(key) === p && store.delete(key));
  }
  return p;
}

// The document client's names and the low-level ones (ElectroDB's commands report those).
const WRITES = new Set([
  ...['PutCommand', 'UpdateCommand', 'DeleteCommand', 'TransactWriteCommand', 'BatchWriteCommand'],
  ...['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand'],
]);

/** The partition keys a write names (its items' and keys' `pk`); undefined when it names none we can see. */
function writtenPartitions(input: Record<string, unknown>): string[] | undefined {
  const pks: unknown[] = [];
  // The document and the plain client share one middleware stack: a key comes native or marshalled (`{ S }`).
  const of = (x: unknown) => {
    const pk = (x as { pk?: unknown } | undefined)?.pk;
    return (pk as { S?: unknown } | undefined)?.S ?? pk;
  };
  const add = (op: Record<string, { Item?: unknown; Key?: unknown } | undefined>) => {
    for (const v of Object.values(op)) pks.push(of(v?.Item) ?? of(v?.Key));
  };
  if ('TransactItems' in input) for (const op of input.TransactItems as Record<string, { Item?: unknown; Key?: unknown }>[]) add(op);
  else if ('RequestItems' in input)
    for (const ops of Object.values(input.RequestItems as Record<string, { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]>))
      for (const op of ops) pks.push(of(op.PutRequest?.Item) ?? of(op.DeleteRequest?.Key));
  else pks.push(of(input.Item) ?? of(input.Key));
  return pks.every((pk) => typeof pk === 'string') ? (pks as string[]) : undefined;
}

/** The tenant item (`T`), its teams (`T#TEAMS`), its SLA partition (`T#SLA`) and its users (`T#USER#…`): what `onceInRequest` keeps. */
const keptPartition = (pk: string) => !pk.includes('#') || pk.endsWith('#TEAMS') || pk.endsWith('#SLA') || pk.includes('#USER#');

/** Called by the document clients before every command: a write of a kept partition (or one we cannot tell) forgets the request's reads. */
export function forgetOnWrite(commandName: string | undefined, input: Record<string, unknown>): void {
  const store = kept.getStore();
  if (!store || store.size === 0 || !WRITES.has(commandName ?? '')) return;
  const pks = writtenPartitions(input);
  if (!pks || pks.some(keptPartition)) store.clear();
}
