/** The `tickets` area: opening, listing, reading, answering and changing tickets. */
import { addMessage, createTicket, getTicket, listTickets, updateTicket } from '../../shared/tickets/tickets.ts';
import { splitTicket } from '../../shared/tickets/split.ts';
import { answerToCoordinator, sendBackAnswer, sendOnAnswer } from '../../shared/tickets/review.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('tickets', {
  createTicket: async ({ actor, body }) => ({ body: await createTicket(actor, body) }),
  listTickets: async ({ actor, query }) => ({ body: await listTickets(actor, query) }),
  getTicket: async ({ actor, params }) => ({ body: await getTicket(actor, params.number) }),
  addTicketMessage: async ({ actor, params, body }) => ({ body: await addMessage(actor, params.number, body) }),
  updateTicket: async ({ actor, params, body }) => ({ body: await updateTicket(actor, params.number, body) }),
  splitTicket: async ({ actor, params, body }) => ({ body: await splitTicket(actor, params.number, body) }),
  answerToCoordinator: async ({ actor, params, body }) => ({ body: await answerToCoordinator(actor, params.number, body) }),
  sendOnAnswer: async ({ actor, params, body }) => {
    await sendOnAnswer(actor, params.number, body);
    return { body: await getTicket(actor, params.number) };
  },
  sendBackAnswer: async ({ actor, params, body }) => {
    await sendBackAnswer(actor, params.number, body);
    return { body: await getTicket(actor, params.number) };
  },
});
