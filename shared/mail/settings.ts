/**
 * A tenant's inbound mail settings (issue 8, M1): its inbound address, the organisation's own
 * support addresses (forwarded to it), each routed to a team, and the days a mail reply still
 * reopens a closed ticket. Admins only (the route says so); a change lands only at the version
 * the admin saw, and claims the addresses platform-wide (one address, one tenant).
 */
import { config } from '../config.ts';
import { DomainError, type FieldError } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { listTeamItems } from '../db/store.ts';
import { saveInboundSettings } from '../db/mail.ts';
import type { TenantItem } from '../db/items.ts';
import { tenantOf } from '../tenancy/tenants.ts';
import { MAIL_LIMITS } from './constants.ts';
import * as z from 'zod';
import { InboundSettings as InboundSettingsSchema, UpdateInboundSettingsInput } from './schemas.ts';

type InboundSettings = z.infer<typeof InboundSettingsSchema>;

/** A tenant's inbound address: `{slug}@{INBOUND_MAIL_DOMAIN}`. */
export const inboundAddressOf = (tenant: Pick<TenantItem, 'slug'>) => `${tenant.slug}@${config.inboundMailDomain}`;

function settingsOf(t: TenantItem): InboundSettings {
  return {
    inboundAddress: inboundAddressOf(t),
    supportAddresses: t.supportAddresses ?? [],
    reopenGraceDays: t.reopenGraceDays ?? MAIL_LIMITS.reopenGraceDays,
    version: t.version ?? 0,
  };
}

/** `getInboundSettings`. */
export async function getInboundSettings(actor: Actor): Promise<InboundSettings> {
  return settingsOf(await tenantOf(actor));
}

/**
 * `updateInboundSettings`: addresses are kept in lower case; one listed twice, one at our own
 * inbound domain (that is a tenant's inbound address, not a support address) or one routed to a
 * team that does not exist is refused per field.
 */
export async function updateInboundSettings(actor: Actor, raw: z.input<typeof UpdateInboundSettingsInput>): Promise<InboundSettings> {
  const input = UpdateInboundSettingsInput.parse(raw);
  const tenant = await tenantOf(actor);
  const addresses = (input.supportAddresses ?? tenant.supportAddresses ?? []).map((a) => ({
    address: a.address.trim().toLowerCase(),
    ...(a.teamId && { teamId: a.teamId }),
  }));
  const teams = new Set((await listTeamItems(actor.tenantId)).map((t) => t.teamId));
  const errors: FieldError[] = [];
  addresses.forEach((a, i) => {
    const path = `supportAddresses.${i}`;
    if (a.address.endsWith(`@${config.inboundMailDomain}`))
      errors.push({ path: `${path}.address`, message: 'is an inbound address of ours, not your own', code: 'own_domain' });
    else if (addresses.findIndex((b) => b.address === a.address) !== i) errors.push({ path: `${path}.address`, message: 'listed twice', code: 'duplicate' });
    if (a.teamId && !teams.has(a.teamId)) errors.push({ path: `${path}.teamId`, message: 'no such team', code: 'unknown_team' });
  });
  if (errors.length > 0) throw new DomainError('validation_failed', 'Some support addresses cannot be used', errors);
  const saved = await saveInboundSettings(
    tenant,
    { supportAddresses: addresses, reopenGraceDays: input.reopenGraceDays ?? tenant.reopenGraceDays ?? MAIL_LIMITS.reopenGraceDays },
    input.version,
  );
  return settingsOf(saved);
}
