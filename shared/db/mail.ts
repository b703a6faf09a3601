/**
 * Access patterns of the mail channel (issue 8): the tenant's reply-token secret, the platform's
 * address → tenant lookup of support addresses, and the Message-ID records that thread replies
 * and keep a mail delivered twice from becoming two messages.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { db } from './client.ts';
import { TenantEntity } from './entities/tenancy.ts';
import { MailAddressEntity, MailIdEntity } from './entities/mail.ts';
import { on, onPlatform } from './entities/tenant.ts';
import { getTenant } from './store.ts';
import type { TenantItem } from './items.ts';
import { newMailSecret } from '../mail/token.ts';

/**
 * The tenant's mail secret (key of the reply tokens, `shared/mail/token.ts`), created on first
 * use: a conditional write, so two first uses at once agree on one secret (the loser reads the
 * winner's). Undefined when the tenant does not exist. A caller that has read the tenant passes
 * it: its secret, once there, needs no second read.
 */
export async function tenantMailSecret(tenantId: string, known?: Pick<TenantItem, 'mailSecret'>): Promise<string | undefined> {
  const tenant = known ?? (await getTenant(tenantId));
  if (!tenant) return undefined;
  if (tenant.mailSecret) return tenant.mailSecret;
  try {
    const secret = newMailSecret();
    await TenantEntity.patch({ id: tenantId })
      .set({ mailSecret: secret })
      .where(({ mailSecret }, { notExists }) => notExists(mailSecret))
      .go({ ...on(tenantId), response: 'none' });
    return secret;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const read = await TenantEntity.get({ id: tenantId }).go({ ...on(tenantId), consistent: true });
    return (read.data as { mailSecret?: string } | null)?.mailSecret;
  }
}

/** The key of a Message-ID: its normalised form (no angle brackets, lower case), hashed (ids are long and arbitrary). */
export function mailIdHash(mailMessageId: string): string {
  const normal = mailMessageId.trim().replace(/^<|>$/g, '').toLowerCase();
  return createHash('sha256').update(normal).digest('hex').slice(0, 40);
}

/** What a Message-ID stands for in a tenant: the ticket, and the message once it is written. */
export interface MailIdRecord {
  number?: number;
  messageId?: string;
  /** When an inbound mail claimed it (before its message was written); epoch ms. */
  claimedAt?: number;
}

/**
 * Claim a Message-ID for an inbound mail before it becomes a message: the first claim wins, a
 * second delivery of the same mail finds the claim (de-duplication). A claim that never got its
 * message (the handler died in between) can be taken over after `staleMs`. Returns undefined when
 * claimed now, else the record found.
 */
export async function claimMailId(tenantId: string, mailMessageId: string, staleMs = 5 * 60_000): Promise<MailIdRecord | undefined> {
  const hash = mailIdHash(mailMessageId);
  const now = Date.now();
  try {
    await MailIdEntity.put({ tenantId, hash, claimedAt: now })
      .where(({ hash: h, number, claimedAt }, { notExists, lt }) => `${notExists(h)} OR (${notExists(number)} AND ${lt(claimedAt, now - staleMs)})`)
      .go({ ...on(tenantId), response: 'none' });
    return undefined;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return (await getMailId(tenantId, mailMessageId)) ?? { claimedAt: now };
  }
}

/** Release a claim whose mail did not become a message (dropped), so a later delivery is judged afresh. */
export async function releaseMailId(tenantId: string, mailMessageId: string): Promise<void> {
  await MailIdEntity.delete({ tenantId, hash: mailIdHash(mailMessageId) })
    .where(({ number }, { notExists }) => notExists(number))
    .go({ ...on(tenantId), response: 'none' })
    .catch((err: unknown) => {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    });
}

/** Record which ticket and message a Message-ID (inbound, or one we sent) belongs to; replies quoting it thread there. */
export async function recordMailId(tenantId: string, mailMessageId: string, at: { number: number; messageId: string }): Promise<void> {
  await MailIdEntity.upsert({ tenantId, hash: mailIdHash(mailMessageId), number: at.number, messageId: at.messageId }).go({
    ...on(tenantId),
    response: 'none',
  });
}

/** The ticket and message a Message-ID belongs to in this tenant, if any. */
export async function getMailId(tenantId: string, mailMessageId: string): Promise<MailIdRecord | undefined> {
  const r = await MailIdEntity.get({ tenantId, hash: mailIdHash(mailMessageId) }).go({ ...on(tenantId), consistent: true });
  if (!r.data) return undefined;
  const { number, messageId, claimedAt } = r.data;
  return { number, messageId, claimedAt };
}

// ---- support addresses (platform claims, written with the tenant's inbound settings) ----

/** Which tenant (and team) owns an organisation's own support address, if any. */
export async function supportAddressOwner(address: string): Promise<{ tenantId: string; teamId?: string } | undefined> {
  const r = await MailAddressEntity.get({ address: address.toLowerCase() }).go(onPlatform());
  return r.data ? { tenantId: r.data.tenantId, teamId: r.data.teamId } : undefined;
}

/** Thrown when a support address is claimed by another tenant already. */
export class AddressTaken extends DomainError {
  constructor(address: string, index: number) {
    super(
      'conflict',
      `The address ${address} is already used by another organisation`,
      [{ path: `supportAddresses.${index}.address`, message: 'already used by another organisation', code: 'address_taken' }],
      { address },
    );
  }
}

/**
 * Save a tenant's inbound settings at the version the admin saw, and claim its support addresses
 * platform-wide in the same transaction: an address another tenant holds refuses the whole save
 * (`address_taken`), one no longer listed is released. Returns the tenant as saved.
 */
export async function saveInboundSettings(
  tenant: TenantItem,
  set: { supportAddresses: { address: string; teamId?: string }[]; reopenGraceDays: number },
  expectedVersion: number,
): Promise<TenantItem> {
  const T = config.tableName;
  const before = new Set((tenant.supportAddresses ?? []).map((a) => a.address));
  const after = new Set(set.supportAddresses.map((a) => a.address));
  const claims = set.supportAddresses.map((a) => ({
    Put: {
      TableName: T,
      Item: MailAddressEntity.put({ address: a.address, tenantId: tenant.id, teamId: a.teamId }).params({ table: T }).Item as Record<string, unknown>,
      ConditionExpression: 'attribute_not_exists(pk) OR tenantId = :me',
      ExpressionAttributeValues: { ':me': tenant.id },
    },
  }));
  const releases = [...before]
    .filter((a) => !after.has(a))
    .map((address) => ({
      Delete: {
        TableName: T,
        Key: MailAddressEntity.get({ address }).params({ table: T }).Key as Record<string, unknown>,
        ConditionExpression: 'attribute_not_exists(pk) OR tenantId = :me',
        ExpressionAttributeValues: { ':me': tenant.id },
      },
    }));
  const platformKeys = [...before, ...after].map((address) => `~mailaddr#${address}`);
  try {
    await db(tenant.id, platformKeys).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: T,
              Key: { pk: tenant.id, sk: 'TENANT' },
              UpdateExpression: 'SET supportAddresses = :a, reopenGraceDays = :g, version = :next',
              ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(version) OR version = :v' : 'version = :v',
              ExpressionAttributeValues: { ':a': set.supportAddresses, ':g': set.reopenGraceDays, ':v': expectedVersion, ':next': expectedVersion + 1 },
            },
          },
          ...claims,
          ...releases,
        ],
      }),
    );
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const reasons = err.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed' || reasons.some((r) => r.Code === 'TransactionConflict'))
      throw new DomainError('conflict', 'The settings were changed meanwhile; reload and try again');
    const taken = reasons.findIndex((r, i) => i > 0 && i <= claims.length && r.Code === 'ConditionalCheckFailed');
    if (taken > 0) throw new AddressTaken(set.supportAddresses[taken - 1]!.address, taken - 1);
    throw err;
  }
  return { ...tenant, ...set, version: expectedVersion + 1 };
}
