/** The `tickets` area: opening, listing, reading, answering and changing tickets. */
import { createTicket, getTicket, listTickets, updateTicket } from '../../shared/tickets/tickets.ts';
import { lockTicket, sendMessage, unlockTicket } from '../../shared/tickets/locking.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('tickets', {
  createTicket: async ({ actor, body }) => ({ body: await createTicket(actor, body) }),
  listTickets: async ({ actor, query }) => ({ body: await listTickets(actor, query) }),
  getTicket: async ({ actor, params }) => ({ body: await getTicket(actor, params.number) }),
  addTicketMessage: async ({ actor, params, body }) => ({ body: await sendMessage(actor, params.number, body) }),
  updateTicket: async ({ actor, params, body }) => ({ body: await updateTicket(actor, params.number, body) }),
  // ==== locking (issue 6) ====
  lockTicket: async ({ actor, params, body }) => ({ body: await lockTicket(actor, params.number, body) }),
  unlockTicket: async ({ actor, params }) => {
    await unlockTicket(actor, params.number);
  },
  // ==== end locking ====
});
