/**
 * IAM-enforced tenant isolation (on top of the keys built in `keys.ts`): in AWS, every table
 * call made for a tenant runs with credentials of the tenant-access role, assumed with a session
 * policy that allows only items whose partition key is that tenant's. A bug that built another
 * tenant's key would be refused by DynamoDB itself. Platform items (`~slug…`, `~rate…`) are
 * reached with the function's own role, which may touch nothing else.
 */
import { isTenantId } from '../ids.ts';

/** Table access a function's routes declare: reading only, or reading and writing. */
export type TableAccess = 'read' | 'write';

/** What the code reads with (shared/db/store.ts): single items and queries. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
/** Reads plus what the code writes with; transactions are authorised per item action. */
export const TABLE_READ_WRITE_ACTIONS = [
  ...TABLE_READ_ACTIONS,
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** Partition keys of one tenant: its own item (`T`) and everything under `T#`. */
export function tenantLeadingKeys(tenantId: string): string[] {
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id for a session policy');
  return [tenantId, `${tenantId}#*`];
}

/**
 * The session policy for one tenant's credentials: item actions (read, or read and write) on
 * keys that start with the tenant, plus the exact platform keys a call needs besides (sign-up
 * claims its slug in the same transaction that creates the tenant). The role's own policy names
 * the table and its indexes; a session policy can only narrow it, never widen it.
 */
export function tenantSessionPolicy(tenantId: string, access: TableAccess, platformKeys: readonly string[] = []): Record<string, unknown> {
  for (const k of platformKeys) if (!k.startsWith('~')) throw new Error('only platform keys may be added to a tenant session');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [...(access === 'write' ? TABLE_READ_WRITE_ACTIONS : TABLE_READ_ACTIONS)],
        Resource: '*',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...tenantLeadingKeys(tenantId), ...platformKeys] } },
      },
    ],
  };
}
