/**
 * Staff notifications (N1) as ElectroDB entities sharing one partition per user
 * (`{T}#NOTIFY#{userId}`): the notifications themselves (`N#{id}`, newest last; the id starts
 * with the instant, so a descending query lists newest first) and one `STATE` item holding the
 * unread counter and the mail preferences. The counter is raised and lowered in the same
 * transaction as the notification it counts, so the bell reads one item instead of counting.
 * (`STATE` sorts after every `N#…`, so a "before this id" page never reaches it.)
 */
import { Entity } from 'electrodb';
import { NOTIFICATION_KINDS } from '../../notifications/constants.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

const inbox = { field: 'pk', composite: ['tenantId', 'userId'], template: '${tenantId}#NOTIFY#${userId}', casing: AS_IS } as const;

export const NotificationEntity = new Entity(
  {
    model: { entity: 'notification', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['notification'] as const, required: true, default: 'notification', readOnly: true },
      /** The recipient. */
      userId: { type: 'string', required: true, readOnly: true },
      /** `{at}.{id of the event or message it comes from}`: the same change always makes the same id. */
      id: { type: 'string', required: true, readOnly: true },
      /** Which kind of notification (`kind` is the item kind). */
      type: { type: NOTIFICATION_KINDS, required: true, readOnly: true },
      number: { type: 'number', required: true, readOnly: true },
      subject: { type: 'string', required: true, readOnly: true },
      actorName: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true, readOnly: true },
      read: { type: 'boolean', required: true },
      /** Epoch seconds; DynamoDB TTL removes it after `NOTIFICATION_TTL_DAYS`. */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byUser: { pk: inbox, sk: { field: 'sk', composite: ['id'], template: 'N#${id}', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

export const NotificationStateEntity = new Entity(
  {
    model: { entity: 'notificationState', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['notificationState'] as const, required: true, default: 'notificationState', readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      /** Unread notifications (never below 0). */
      unread: { type: 'number' },
      /** Mail per notification kind, as the user chose; a kind missing here takes its default. */
      mail: { type: 'any' },
    },
    indexes: {
      byUser: { pk: inbox, sk: { field: 'sk', composite: [], template: 'STATE', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);
