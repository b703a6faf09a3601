/** The `tenancy` area: signing up an organisation, its public portal, its settings. */
import { resolveSlug, signup, toPortal, updateSettings } from '../../shared/tenancy/tenants.ts';
import { getInboundSettings, updateInboundSettings } from '../../shared/mail/settings.ts';
import { areaHandler } from './_lib/http.ts';
import { sessionResult } from './_lib/session.ts';

export const handler = areaHandler('tenancy', {
  signup: async ({ body, sourceIp }) => {
    const { tenant, admin, session } = await signup(body, sourceIp);
    return sessionResult({ tenant, user: admin, session });
  },
  getPortal: async ({ params }) => ({ body: toPortal(await resolveSlug(params.slug)) }),
  updateTenant: async ({ actor, body }) => ({ body: await updateSettings(actor, body) }),
  getInboundSettings: async ({ actor }) => ({ body: await getInboundSettings(actor) }),
  updateInboundSettings: async ({ actor, body }) => ({ body: await updateInboundSettings(actor, body) }),
});
