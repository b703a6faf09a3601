/** The `notifications` area: a staff member's notifications (N1) and their mail choices. */
import { getSettings, listNotifications, markRead, updateSettings } from '../../shared/notifications/notifications.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('notifications', {
  listNotifications: async ({ actor, query }) => ({ body: await listNotifications(actor, query) }),
  markNotificationsRead: async ({ actor, body }) => ({ body: await markRead(actor, body) }),
  getNotificationSettings: async ({ actor }) => ({ body: await getSettings(actor) }),
  updateNotificationSettings: async ({ actor, body }) => ({ body: await updateSettings(actor, body) }),
});
