import { updateSettings } from '../../shared/tenancy/tenants.ts';
import type { TenantSettingsInput } from '../../shared/tenancy/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('updateTenant', async ({ actor, body }) => ({ body: await updateSettings(actor!, body as TenantSettingsInput) }));
