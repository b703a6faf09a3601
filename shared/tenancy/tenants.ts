/** Tenants: sign-up (T1), the public portal face, and branding settings. */
import { newId, newTenantId, nowIso } from '../ids.ts';
import { DomainError, notFound } from '../errors.ts';
import { createTenantWithAdmin, getTenant, tenantIdBySlug, updateTenant } from '../db/store.ts';
import { enforceLimits } from '../limits.ts';
import type { TenantItem } from '../db/items.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createSession } from '../auth/sessions.ts';
import { requireRole, type Actor } from '../auth/actor.ts';
import { Slug, SignupInput, TenantSettingsInput, type Portal } from './schemas.ts';

const DEFAULT_COLOR = '#1f6feb';

export function toPortal(t: TenantItem): Portal {
  return {
    slug: t.slug,
    name: t.name,
    branding: t.branding,
    defaultLanguage: t.defaultLanguage,
    timeZone: t.timeZone,
    publicKnowledge: t.publicKnowledge ?? false,
    version: t.version ?? 0,
  };
}

/** Create an organisation with its first admin, who is signed in right away. */
export async function signup(raw: SignupInput, sourceIp: string) {
  const input = SignupInput.parse(raw);
  await enforceLimits(null, [['signup', sourceIp]]);
  const tenantId = newTenantId();
  const at = nowIso();
  const tenant: TenantItem = {
    kind: 'tenant',
    id: tenantId,
    slug: input.slug,
    name: input.organisationName,
    branding: { title: input.organisationName, logoUrl: '', primaryColor: DEFAULT_COLOR },
    defaultLanguage: input.language,
    timeZone: input.timeZone,
    createdAt: at,
  };
  const admin = {
    kind: 'user' as const,
    userId: newId(),
    name: input.adminName,
    email: input.email,
    role: 'admin' as const,
    language: input.language,
    passwordHash: await hashPassword(input.password),
    emailVerified: true,
    createdAt: at,
  };
  await createTenantWithAdmin(tenant, admin);
  const session = await createSession(tenantId, admin);
  return { tenant, admin, session };
}

/** Tenant id behind a portal slug; unknown slugs are "not found". */
export async function resolveSlug(rawSlug: string): Promise<TenantItem> {
  const slug = Slug.safeParse(rawSlug);
  const tenantId = slug.success ? await tenantIdBySlug(slug.data) : undefined;
  const tenant = tenantId ? await getTenant(tenantId) : undefined;
  if (!tenant) throw notFound('Portal');
  return tenant;
}

/** The tenant of the signed-in caller. */
export async function tenantOf(actor: Actor): Promise<TenantItem> {
  const t = await getTenant(actor.tenantId);
  if (!t) throw new DomainError('unauthenticated', 'Your organisation no longer exists');
  return t;
}

/** Change branding, default language or time zone (admins only), if nobody did since the admin looked. */
export async function updateSettings(actor: Actor, raw: TenantSettingsInput): Promise<Portal> {
  requireRole(actor, ['admin']);
  const input = TenantSettingsInput.parse(raw);
  const current = await tenantOf(actor);
  // The admin page sends what it showed; a client that sends nothing changes the current state.
  // Either way the write lands only on the state read here (the branding is merged into it).
  const expected = input.version ?? current.version ?? 0;
  if ((current.version ?? 0) !== expected) throw new DomainError('conflict', 'The settings were changed meanwhile; reload and try again');
  const updated = await updateTenant(
    actor.tenantId,
    {
      name: input.name,
      branding: input.branding ? { ...current.branding, ...input.branding } : undefined,
      defaultLanguage: input.defaultLanguage,
      timeZone: input.timeZone,
      publicKnowledge: input.publicKnowledge,
    },
    expected,
  );
  return toPortal(updated);
}
