/**
 * Running the effects of a change exactly once each, as far as the world allows: Powertools
 * Idempotency keeps one record per (effect, change) in the tenant's `EFFECTS` partition. The
 * record is "in progress" while the effect runs (a second delivery meanwhile is refused and
 * retried later), "completed" once it succeeded (a redelivery does nothing), and deleted when it
 * failed, so the retry runs it again. A crash between the effect and its record means one
 * repetition (at least once), never a loss.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { rawDb } from '../db/client.ts';
import { withRequestReads } from '../db/request-reads.ts';
import { keys } from '../db/keys.ts';
import { TABLE } from '../db/table.ts';
import type { Change } from './change.ts';
import { effectsOf, type Effect } from './registry.ts';

/** How long a completed effect is remembered: longer than the stream keeps a change (24 h). */
const REMEMBER_SECONDS = 7 * 24 * 3600;

/** What Powertools needs of the invocation: the time left, to expire an abandoned "in progress". */
export interface Invocation {
  getRemainingTimeInMillis(): number;
}

/** Thrown when some effects of a change failed; the others have run (and will not run again). */
export class EffectsFailed extends Error {
  readonly failures: { effect: string; error: unknown }[];
  constructor(change: Change, failures: { effect: string; error: unknown }[]) {
    super(
      `effects of change ${change.id} failed: ${failures.map((f) => `${f.effect}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join('; ')}`,
    );
    this.name = 'EffectsFailed';
    this.failures = failures;
  }
}

/** Persistence layers by the client they use: they live as long as `client.ts` keeps that client. */
const stores = new WeakMap<DynamoDBClient, Map<string, DynamoDBPersistenceLayer>>();

/** One persistence layer per tenant, so every record's key starts with the tenant id. */
function storeOf(tenantId: string): DynamoDBPersistenceLayer {
  const client = rawDb(tenantId);
  let ofClient = stores.get(client);
  if (!ofClient) stores.set(client, (ofClient = new Map()));
  let store = ofClient.get(tenantId);
  if (!store) {
    store = new DynamoDBPersistenceLayer({
      tableName: config.tableName,
      keyAttr: TABLE.partitionKey,
      sortKeyAttr: TABLE.sortKey,
      staticPkValue: keys.effectsPartition(tenantId),
      expiryAttr: TABLE.ttlAttribute,
      awsSdkV3Client: client,
    });
    ofClient.set(tenantId, store);
  }
  return store;
}

interface Job {
  effect: string;
  change: string;
}

/** Run one effect for one change, unless it already completed. */
async function runOnce(effect: Effect, change: Change, invocation: Invocation): Promise<void> {
  const once = makeIdempotent(async (_job: Job, _invocation: Invocation) => effect.run(change), {
    persistenceStore: storeOf(change.tenantId),
    keyPrefix: 'effect',
    config: new IdempotencyConfig({ eventKeyJmesPath: '[effect, change]', expiresAfterSeconds: REMEMBER_SECONDS, throwOnNoIdempotencyKey: true }),
  });
  await once({ effect: effect.name, change: change.id }, invocation);
}

/**
 * Run every effect a change calls for. Each runs independently: one failing does not hold back
 * the others; afterwards `EffectsFailed` names the failed ones, so the consumer retries the change.
 * They share what they read of the tenant (its settings, teams, SLA configuration, the requester):
 * one read each per change (`withRequestReads`).
 */
export async function applyEffects(change: Change, invocation: Invocation, registry?: readonly Effect[]): Promise<{ ran: string[] }> {
  const due = effectsOf(change, registry);
  const results = await withRequestReads(() => Promise.allSettled(due.map((e) => runOnce(e, change, invocation))));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ effect: due[i]!.name, error: r.reason as unknown }] : []));
  if (failures.length > 0) throw new EffectsFailed(change, failures);
  return { ran: due.map((e) => e.name) };
}
