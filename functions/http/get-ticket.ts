import { getTicket } from '../../shared/tickets/tickets.ts';
import { httpHandler } from './_lib/http.ts';

export const handler = httpHandler('getTicket', async ({ actor, params }) => ({ body: await getTicket(actor!, params.number as number) }));
