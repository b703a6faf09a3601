/**
 * Access patterns of the mail channel (issue 8): the tenant's reply-token secret, the platform's
 * address → tenant lookup of support addresses, and the Message-ID records that thread replies
 * and keep a mail delivered twice from becoming two messages.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TenantEntity } from './entities/tenancy.ts';
import { MailIdEntity } from './entities/mail.ts';
import { on } from './entities/tenant.ts';
import { getTenant } from './store.ts';
import { newMailSecret } from '../mail/token.ts';

/**
 * The tenant's mail secret (key of the reply tokens, `shared/mail/token.ts`), created on first
 * use: a conditional write, so two first uses at once agree on one secret (the loser reads the
 * winner's). Undefined when the tenant does not exist.
 */
export async function tenantMailSecret(tenantId: string): Promise<string | undefined> {
  const tenant = await getTenant(tenantId);
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
