/**
 * Access patterns of the mail channel (issue 8): the tenant's reply-token secret, the platform's
 * address → tenant lookup of support addresses, and the Message-ID records that thread replies
 * and keep a mail delivered twice from becoming two messages.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TenantEntity } from './entities/tenancy.ts';
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
