/**
 * Request and response bodies of splitting a ticket into parts (K7, K9) and of the answer to
 * the coordinator (review): the route table and the domain functions share them.
 */
import * as z from 'zod';
import { multiLine, singleLine } from '../text.ts';
import { Visibility } from './schemas.ts';

/** Most parts one split makes: one transaction holds the parent, the parts and the event (≤ 25 items). */
export const MAX_PARTS = 10;

const Version = z.number().int().min(0).optional().describe('The ticket.version the caller saw; 409 `conflict` if it changed since');

export const SplitPart = z
  .object({
    subject: singleLine(3, 200),
    instruction: multiLine(1, 5000).describe('What the assignee of this part should do (staff only)'),
    assigneeId: z.string().min(1).max(64).optional().describe('A staff member of this tenant; or `teamId`'),
    teamId: z.string().min(1).max(64).optional().describe('A team of this tenant; or `assigneeId`'),
    dueDate: z.iso.date().optional().describe('The coordinator’s due date of this part (YYYY-MM-DD)'),
    visibility: Visibility.describe('`hidden`: internal clarification; `transparent`: the requester sees this part and its state'),
  })
  .refine((p) => (p.assigneeId === undefined) !== (p.teamId === undefined), {
    message: 'name either a person (assigneeId) or a team (teamId)',
    params: { code: 'assignee_or_team' },
    path: ['assigneeId'],
  })
  .meta({ id: 'SplitPart' });
export type SplitPart = z.infer<typeof SplitPart>;

export const SplitTicketInput = z.object({ parts: z.array(SplitPart).min(1).max(MAX_PARTS), version: Version }).meta({ id: 'SplitTicketInput' });
export type SplitTicketInput = z.infer<typeof SplitTicketInput>;

export const SplitResult = z
  .object({ numbers: z.array(z.number().int()).describe('The new sub-tickets, in the order of the parts') })
  .meta({ id: 'SplitResult' });
export type SplitResult = z.infer<typeof SplitResult>;

export const AnswerToCoordinatorInput = z.object({ body: multiLine(1, 20000), version: Version }).meta({ id: 'AnswerToCoordinatorInput' });
export type AnswerToCoordinatorInput = z.infer<typeof AnswerToCoordinatorInput>;

export const SendOnInput = z
  .object({
    messageId: z.string().min(1).max(64).describe('The answer to the coordinator being sent on'),
    body: multiLine(1, 20000).optional().describe('The answer as edited by the coordinator; else it goes out as written'),
    version: Version,
  })
  .meta({ id: 'SendOnInput' });
export type SendOnInput = z.infer<typeof SendOnInput>;

export const SendBackInput = z.object({ reason: multiLine(1, 5000), version: Version }).meta({ id: 'SendBackInput' });
export type SendBackInput = z.infer<typeof SendBackInput>;
