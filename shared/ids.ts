import { randomBytes } from 'node:crypto';

/** Random id for users, messages, events: 16 url-safe characters. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** Random tenant id: lowercase hex, so it can never contain a key separator. */
export function newTenantId(): string {
  return randomBytes(8).toString('hex');
}

/** Whether a string has the shape of a tenant id (checked before it goes into any key). */
export function isTenantId(s: string): boolean {
  return /^[0-9a-f]{16}$/.test(s);
}

/** A secret for sessions and one-time links: the tenant id, a dot, 32 random bytes. */
export function newSecret(tenantId: string): string {
  return `${tenantId}.${randomBytes(32).toString('base64url')}`;
}

/** Current time as ISO string; the single seam tests may replace. */
export function nowIso(): string {
  return new Date().toISOString();
}
