/** The original of an inbound mail (issue 8): staff download the raw source as it arrived. */
import { notFound } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { getTicketPartition } from '../db/store.ts';
import { headObject, presignGet } from '../files/storage.ts';
import type * as z from 'zod';
import type { AttachmentDownload } from '../attachments/schemas.ts';

/**
 * `getRawMessage` (staff; the route says so): a short-lived download of the message's raw mail
 * as `message/rfc822`, always as an attachment (a mail is never rendered in our origin). A
 * message without one, or of another ticket, is "not found".
 */
export async function getRawMessage(actor: Actor, number: number, messageId: string): Promise<z.infer<typeof AttachmentDownload>> {
  const p = await getTicketPartition(actor.tenantId, number);
  const m = p?.messages.find((x) => x.id === messageId);
  if (!m?.rawKey || !m.rawKey.startsWith(`${actor.tenantId}/`)) throw notFound(`Original mail of message ${messageId}`);
  const head = await headObject(m.rawKey);
  if (!head) throw notFound(`Original mail of message ${messageId}`);
  const name = `ticket-${number}-${messageId}.eml`;
  const contentType = 'message/rfc822';
  const { url, expiresAt } = await presignGet(m.rawKey, { fileName: name, contentType, inline: false });
  return { url, name, contentType, size: head.size, expiresAt };
}
