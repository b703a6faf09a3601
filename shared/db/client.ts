import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { config, endpointFor } from '../config.ts';
import { forgetOnWrite } from './request-reads.ts';
import { tenantSessionPolicy } from './tenant-access.ts';

interface Clients {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

const DOC_OPTIONS = { marshallOptions: { removeUndefinedValues: true } };
let shared: Clients | undefined;
/** Tenant-scoped clients, most recently used last; their credentials refresh themselves. */
const tenantClients = new Map<string, Clients>();
const MAX_TENANT_CLIENTS = 200;

function clients(credentials?: DynamoDBClient['config']['credentials']): Clients {
  const raw = new DynamoDBClient({ endpoint: endpointFor('DYNAMODB'), ...(credentials && { credentials }) });
  const doc = DynamoDBDocumentClient.from(raw, DOC_OPTIONS);
  // A request's shared reads (request-reads.ts) must not outlive its own writes of them.
  doc.middlewareStack.add(
    (next, context) => (args) => {
      forgetOnWrite(context.commandName, args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name: 'forgetRequestReads' },
  );
  return { raw, doc };
}

function scoped(tenantId: string, platformKeys: readonly string[]): Clients {
  return clients(
    fromTemporaryCredentials({
      params: {
        RoleArn: config.tenantAccessRoleArn!,
        RoleSessionName: `tenant-${tenantId}`,
        // The role's own policy allows only keys starting with this tag; the session policy narrows further.
        Tags: [{ Key: 'tenant', Value: tenantId }],
        Policy: JSON.stringify(tenantSessionPolicy(tenantId, config.tableAccess, platformKeys)),
        DurationSeconds: 3600,
      },
    }),
  );
}

/**
 * The clients for one tenant's items (`tenantId`) or for platform items (`null`). In AWS (a
 * tenant-access role configured) a tenant's clients hold credentials that reach only that
 * tenant's keys, plus exactly `platformKeys`; on one machine every scope shares one client.
 */
function clientsFor(tenantId: string | null, platformKeys: readonly string[] = []): Clients {
  if (tenantId === null || !config.tenantAccessRoleArn) return (shared ??= clients());
  if (platformKeys.length > 0) return scoped(tenantId, platformKeys); // rare (sign-up): not kept
  let c = tenantClients.get(tenantId);
  if (c) tenantClients.delete(tenantId);
  else c = scoped(tenantId, []);
  tenantClients.set(tenantId, c);
  if (tenantClients.size > MAX_TENANT_CLIENTS) tenantClients.delete(tenantClients.keys().next().value!);
  return c;
}

/** The document client for a tenant's items, or (`null`) for platform items. */
export function db(tenantId: string | null, platformKeys: readonly string[] = []): DynamoDBDocumentClient {
  return clientsFor(tenantId, platformKeys).doc;
}

/** The plain client for a tenant's items, for libraries that marshal themselves (Powertools Idempotency). */
export function rawDb(tenantId: string | null): DynamoDBClient {
  return clientsFor(tenantId).raw;
}
