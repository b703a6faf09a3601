/**
 * Which tenant an inbound mail is for, from its envelope recipients only (never from headers a
 * sender writes): `{slug}@{domain}`, `{slug}+{n}-{sig}@{domain}` (a reply token), or one of the
 * organisation's own support addresses forwarded to us (the platform's address claim). An
 * address nobody owns yields nothing: the mail is dropped, never guessed into a tenant.
 */
import { config } from '../config.ts';
import { tenantIdBySlug } from '../db/store.ts';
import { supportAddressOwner } from '../db/mail.ts';
import { parseInboundAddress } from './token.ts';

/** One tenant's share of a mail's recipients: the first reply token and support-address team found. */
export interface TenantRecipient {
  tenantId: string;
  /** The address that brought it (logged). */
  address: string;
  token?: { number: number; sig: string };
  teamId?: string;
}

/** The bare address of an envelope recipient (`Name <a@b>` or `<a@b>` or `a@b`), lower case. */
export const bareAddress = (s: string) => (/<([^>]*)>/.exec(s)?.[1] ?? s).trim().toLowerCase();

/** The tenant behind one recipient address, if any. */
export async function tenantOfRecipient(recipient: string): Promise<TenantRecipient | undefined> {
  const address = bareAddress(recipient);
  const ours = parseInboundAddress(address, config.inboundMailDomain);
  if (ours) {
    const tenantId = await tenantIdBySlug(ours.slug);
    return tenantId ? { tenantId, address, ...(ours.number !== undefined && { token: { number: ours.number, sig: ours.sig! } }) } : undefined;
  }
  const claim = await supportAddressOwner(address);
  return claim && { tenantId: claim.tenantId, address, teamId: claim.teamId };
}

/**
 * The tenants a mail is for, one entry each (a mail to two addresses of one tenant is one mail
 * there), and the recipients that belong to nobody.
 */
export async function tenantsOfRecipients(recipients: readonly string[]): Promise<{ tenants: TenantRecipient[]; unknown: string[] }> {
  const byTenant = new Map<string, TenantRecipient>();
  const unknown: string[] = [];
  for (const r of [...new Set(recipients.map(bareAddress))]) {
    const found = await tenantOfRecipient(r);
    if (!found) {
      unknown.push(r);
      continue;
    }
    const prev = byTenant.get(found.tenantId);
    byTenant.set(found.tenantId, prev ? { ...prev, token: prev.token ?? found.token, teamId: prev.teamId ?? found.teamId } : found);
  }
  return { tenants: [...byTenant.values()], unknown };
}
