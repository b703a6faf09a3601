import { updateTicket } from '../../shared/tickets/tickets.ts';
import type { UpdateTicketInput } from '../../shared/tickets/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('updateTicket', async ({ actor, params, body }) => ({
  body: await updateTicket(actor!, params.number as number, body as UpdateTicketInput),
}));
