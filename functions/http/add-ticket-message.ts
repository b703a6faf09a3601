import { addMessage } from '../../shared/tickets/tickets.ts';
import type { AddMessageInput } from '../../shared/tickets/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('addTicketMessage', async ({ actor, params, body }) => ({
  body: await addMessage(actor!, params.number as number, body as AddMessageInput),
}));
