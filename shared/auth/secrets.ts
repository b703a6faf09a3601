import { createHash } from 'node:crypto';
import { isTenantId, newSecret } from '../ids.ts';

/** A new secret for a tenant: the raw value (given to the user once) and the hash we store. */
export function mintSecret(tenantId: string): { secret: string; hash: string } {
  const secret = newSecret(tenantId);
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Split a presented secret into its tenant and hash; undefined when malformed. */
export function parseSecret(secret: string | undefined): { tenantId: string; hash: string } | undefined {
  if (!secret) return undefined;
  const dot = secret.indexOf('.');
  const tenantId = secret.slice(0, dot);
  if (dot < 0 || !isTenantId(tenantId) || secret.length > 200) return undefined;
  return { tenantId, hash: hashSecret(secret) };
}
