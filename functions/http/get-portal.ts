import { resolveSlug, toPortal } from '../../shared/tenancy/tenants.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('getPortal', async ({ params }) => ({ body: toPortal(await resolveSlug(params.slug as string)) }));
