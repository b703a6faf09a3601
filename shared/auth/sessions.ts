import { config } from '../config.ts';
import { nowIso } from '../ids.ts';
import { deleteSession, getSession, putSession } from '../db/store.ts';
import type { UserItem } from '../db/items.ts';
import type { Actor } from './actor.ts';
import { mintSecret, parseSecret } from './secrets.ts';

/**
 * Start a session for a user; the token is returned once and stored only as a hash. The
 * session carries the user's role and name, so whatever changes a role must end its sessions.
 */
export async function createSession(tenantId: string, user: Pick<UserItem, 'userId' | 'role' | 'name' | 'email'>): Promise<{ token: string; maxAge: number }> {
  const { secret, hash } = mintSecret(tenantId);
  const maxAge = config.sessionTtlSeconds;
  await putSession(tenantId, hash, {
    kind: 'session',
    userId: user.userId,
    role: user.role,
    name: user.name,
    email: user.email,
    createdAt: nowIso(),
    expiresAt: Math.floor(Date.now() / 1000) + maxAge,
  });
  return { token: secret, maxAge };
}

/** The caller behind a session token, or undefined for a missing, unknown or expired one. */
export async function resolveSession(token: string | undefined): Promise<Actor | undefined> {
  const parsed = parseSecret(token);
  if (!parsed) return undefined;
  const s = await getSession(parsed.tenantId, parsed.hash);
  return s && { tenantId: parsed.tenantId, userId: s.userId, role: s.role, name: s.name, email: s.email };
}

/** End the session of a token (signing out); unknown tokens are ignored. */
export async function endSession(token: string | undefined): Promise<void> {
  const parsed = parseSecret(token);
  if (parsed) await deleteSession(parsed.tenantId, parsed.hash);
}
