import { requireRole } from '#lib/guard.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { me, slug } = await parent();
  return { me: requireRole(me, slug, url, ['admin']) };
};
