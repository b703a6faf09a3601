/**
 * Reading knowledge without signing in (issue 9): a tenant's FAQ and public articles are open to
 * anonymous visitors only when its admin switched on "knowledge readable without signing in"
 * (`publicKnowledge` of the tenant's settings). Otherwise every anonymous read answers exactly
 * as for a portal that does not exist: nothing tells a visitor whether there is anything.
 */
import { notFound } from '../errors.ts';
import type { TenantItem } from '../db/items.ts';
import { resolveSlug } from '../tenancy/tenants.ts';

/** The tenant of a portal whose knowledge is public; `not_found` for an unknown portal and for one that keeps its knowledge to signed-in users alike. */
export async function publicKnowledgeTenant(slug: string): Promise<TenantItem> {
  const tenant = await resolveSlug(slug).catch(() => undefined);
  if (!tenant?.publicKnowledge) throw notFound('Page');
  return tenant;
}
