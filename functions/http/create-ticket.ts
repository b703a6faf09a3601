import { createTicket } from '../../shared/tickets/tickets.ts';
import type { CreateTicketInput } from '../../shared/tickets/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('createTicket', async ({ actor, body }) => ({ body: await createTicket(actor!, body as CreateTicketInput) }));
