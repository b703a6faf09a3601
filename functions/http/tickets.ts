/** The `tickets` area: opening, listing, reading, answering and changing tickets, and their workflow. */
import { createTicket, getTicket, listTickets, updateTicket, viewerOf } from '../../shared/tickets/tickets.ts';
import {
  acceptAssignment,
  acceptTicket,
  assignTicket,
  closeTicket,
  handBackTicket,
  pendTicket,
  reopenTicket,
  resumeTicket,
  takeTicket,
} from '../../shared/tickets/workflow.ts';
import { countTickets } from '../../shared/tickets/views.ts';
import { lockTicket, sendMessage, unlockTicket } from '../../shared/tickets/locking.ts';
import { splitTicket } from '../../shared/tickets/split.ts';
import { answerToCoordinator, sendBackAnswer, sendOnAnswer } from '../../shared/tickets/review.ts';
import { getRawMessage } from '../../shared/mail/raw.ts';
import { mergeTicket } from '../../shared/merge/merge.ts';
import { setTicketTopic } from '../../shared/tickets/topic.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('tickets', {
  createTicket: async ({ actor, body }) => ({ body: await createTicket(actor, body) }),
  listTickets: async ({ actor, query }) => ({ body: await listTickets(actor, query) }),
  getTicket: async ({ actor, params }) => ({ body: await getTicket(actor, params.number) }),
  addTicketMessage: async ({ actor, params, body }) => ({ body: await sendMessage(actor, params.number, body) }),
  updateTicket: async ({ actor, params, body }) => ({ body: await updateTicket(actor, params.number, body) }),
  // ==== workflow core (issue 6) ====
  countTickets: async ({ actor }) => ({ body: await countTickets(await viewerOf(actor)) }),
  acceptTicket: async ({ actor, params, body }) => ({ body: await acceptTicket(actor, params.number, body) }),
  assignTicket: async ({ actor, params, body }) => ({ body: await assignTicket(actor, params.number, body) }),
  takeTicket: async ({ actor, params }) => ({ body: await takeTicket(actor, params.number) }),
  acceptAssignment: async ({ actor, params, body }) => ({ body: await acceptAssignment(actor, params.number, body) }),
  handBackTicket: async ({ actor, params, body }) => ({ body: await handBackTicket(actor, params.number, body) }),
  closeTicket: async ({ actor, params, body }) => ({ body: await closeTicket(actor, params.number, body) }),
  pendTicket: async ({ actor, params, body }) => ({ body: await pendTicket(actor, params.number, body) }),
  resumeTicket: async ({ actor, params, body }) => ({ body: await resumeTicket(actor, params.number, body) }),
  reopenTicket: async ({ actor, params, body }) => ({ body: await reopenTicket(actor, params.number, body) }),
  // ==== end workflow core ====
  // ==== locking (issue 6) ====
  lockTicket: async ({ actor, params, body }) => ({ body: await lockTicket(actor, params.number, body) }),
  unlockTicket: async ({ actor, params }) => {
    await unlockTicket(actor, params.number);
  },
  // ==== end locking ====
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
  getRawMessage: async ({ actor, params }) => ({ body: await getRawMessage(actor, params.number, params.messageId) }),
  mergeTicket: async ({ actor, params, body }) => ({ body: await mergeTicket(actor, params.number, body) }),
  setTicketTopic: async ({ actor, params, body }) => ({ body: await setTicketTopic(actor, params.number, body) }),
});
