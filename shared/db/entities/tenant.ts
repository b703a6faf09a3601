/**
 * What every ElectroDB entity of the one table shares: the table, the attribute carrying the
 * tenant (validated, so no write can put a key outside a checked tenant) and the client of
 * the tenant a call works for.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.ts';
import { isTenantId } from '../../ids.ts';
import { db } from '../client.ts';

/**
 * The `tenantId` attribute every tenant-owned key starts with. ElectroDB validates it on every
 * write; reads go through `tenantClient`, which checks it too, so a key can only ever start
 * with a well-formed tenant id (a malformed one could run into another tenant's keys).
 */
export const tenantIdAttribute = {
  type: 'string',
  required: true,
  readOnly: true,
  validate: (v: string) => {
    if (!isTenantId(v)) throw new Error('invalid tenant id in key');
    return true;
  },
} as const;

/** Keys are stored exactly as the templates spell them (ElectroDB would lower-case them). */
export const AS_IS = 'none' as const;

/** The client a call for `tenantId` runs with (in AWS, credentials reaching only its keys). */
export function tenantClient(tenantId: string): DynamoDBDocumentClient {
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id in key');
  return db(tenantId);
}

/**
 * Per-call options: the tenant's client, the table (read when called: tests set it late), the
 * SDK's own errors, and ownership ignored: items written before the entities (and every item
 * read from an index, which does not project ElectroDB's `__edb_e__` marker) carry no marker,
 * and are read like new ones, so no stored item has to change.
 */
export const on = (tenantId: string) => ({ client: tenantClient(tenantId), table: config.tableName, originalErr: true, ignoreOwnership: true });

/** Per-call options for platform items (`~…`): the function's own client, which reaches only those. */
export const onPlatform = () => ({ client: db(null), table: config.tableName, originalErr: true, ignoreOwnership: true });
