import { listTickets } from '../../shared/tickets/tickets.ts';
import type { ListTicketsQuery } from '../../shared/tickets/schemas.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('listTickets', async ({ actor, query }) => ({ body: await listTickets(actor!, query as ListTicketsQuery) }));
