/** The API shape of changing a ticket's knowledge topic (issue 9, `setTicketTopic`), validated with zod. */
import * as z from 'zod';

export const SetTicketTopicInput = z
  .object({
    topicId: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .nullable()
      .describe('A live topic of the tenant; null: none'),
    version: z.number().int().min(0).describe('The ticket version the caller saw: refused with 409 if it changed meanwhile'),
  })
  .meta({ id: 'SetTicketTopicInput' });
export type SetTicketTopicInput = z.input<typeof SetTicketTopicInput>;
