import { api } from '#lib/api.ts';
import type { NotificationSettings } from '#shared/notifications/schemas.ts';
import type { PageLoad } from './$types';

/** The signed-in staff member's mail choices per kind of notification. */
export const load: PageLoad = async ({ parent, fetch }) => {
  await parent();
  return { settings: await api<NotificationSettings>('/me/notification-settings', { fetch }) };
};
