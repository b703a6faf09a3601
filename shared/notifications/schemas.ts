/** Request and response shapes of the notifications API (listNotifications, markNotificationsRead, the mail settings). */
import * as z from 'zod';
import { NOTIFICATION_KINDS } from './constants.ts';

/** A notification id as the list gives it out (`{at}.{source id}`). */
const NotificationId = z.string().regex(/^[\w:.+-]{1,120}$/, 'not a notification id');

export const Notification = z
  .object({
    id: NotificationId,
    kind: z.enum(NOTIFICATION_KINDS),
    ticketNumber: z.number().int(),
    subject: z.string(),
    actorName: z.string(),
    at: z.string(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z
  .object({
    items: z.array(Notification),
    unread: z.number().int().min(0).describe('Unread notifications of the caller, all pages'),
    nextCursor: z.string().optional().describe('Present when older notifications follow: pass it as `cursor`'),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof NotificationList>;

export const ListNotificationsQuery = z.object({ cursor: z.string().max(400).optional() });

export const MarkReadInput = z
  .union([z.object({ ids: z.array(NotificationId).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()])
  .meta({ id: 'MarkNotificationsReadInput' });
export type MarkReadInput = z.infer<typeof MarkReadInput>;

export const UnreadCount = z.object({ unread: z.number().int().min(0) }).meta({ id: 'UnreadCount' });

/** Mail per kind; a kind left out keeps its current setting. */
const MailChoices = z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean());

export const NotificationSettings = z
  .object({ mail: z.record(z.enum(NOTIFICATION_KINDS), z.boolean()).describe('For each kind: is it also mailed?') })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const UpdateNotificationSettingsInput = z.object({ mail: MailChoices }).strict().meta({ id: 'UpdateNotificationSettingsInput' });
export type UpdateNotificationSettingsInput = z.infer<typeof UpdateNotificationSettingsInput>;
