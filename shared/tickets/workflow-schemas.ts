/** Request bodies of the coordinator/assignee workflow (issue 6; api6.md). */
import * as z from 'zod';
import { multiLine } from '../text.ts';
import { VIEWS } from './constants.ts';

const Version = z.number().int().min(0).optional().describe('The ticket.version the caller saw; 409 conflict if it changed meanwhile');
const IsoDate = z.iso.date().meta({ example: '2026-12-24' });

export const VersionInput = z.object({ version: Version }).meta({ id: 'VersionInput' });
export type VersionInput = z.infer<typeof VersionInput>;

export const AssignInput = z
  .object({
    assigneeId: z.string().min(1).max(64).optional().describe('A staff member of this organisation'),
    teamId: z.string().min(1).max(64).optional().describe('A team: every member sees it in “my teams” until one takes it'),
    dueDate: IsoDate.optional().describe('The coordinator’s due date (today or later, in the organisation’s time zone)'),
    note: multiLine(1, 5000).optional().describe('Instruction for the assignee (never shown to the requester)'),
    version: Version,
  })
  .refine((v) => (v.assigneeId === undefined) !== (v.teamId === undefined), {
    message: 'name either a person (assigneeId) or a team (teamId)',
    path: ['assigneeId'],
    params: { code: 'assignee_or_team' },
  })
  .meta({ id: 'AssignInput' });
export type AssignInput = z.infer<typeof AssignInput>;

export const HandBackInput = z.object({ reason: multiLine(1, 5000), version: Version }).meta({ id: 'HandBackInput' });
export type HandBackInput = z.infer<typeof HandBackInput>;

export const CloseInput = z
  .object({
    resolution: z.enum(['solved', 'unsolvable']),
    solution: multiLine(1, 20000).optional().describe('Required when solved: the solution recorded (K2)'),
    reason: multiLine(1, 5000).optional().describe('Required when unsolvable'),
    leaveSubTicketsOpen: z.boolean().optional().describe('Close even though hidden sub-tickets are still open'),
    version: Version,
  })
  .meta({ id: 'CloseInput' });
export type CloseInput = z.infer<typeof CloseInput>;

export const PendInput = z
  .object({ until: z.iso.datetime({ offset: true }).describe('ISO instant in the future; the ticket comes back by itself then'), version: Version })
  .meta({ id: 'PendInput' });
export type PendInput = z.infer<typeof PendInput>;

export const TicketCounts = z
  .object({
    counts: z.partialRecord(z.enum(VIEWS), z.number().int()).describe('Per view the caller’s role has: how many tickets it lists, counted up to 100'),
    atLeast: z.array(z.enum(VIEWS)).optional().describe('Views whose count reached 100 and stopped there: they list at least that many (the web shows “99+”)'),
  })
  .meta({ id: 'TicketCounts' });
export type TicketCounts = z.infer<typeof TicketCounts>;

/** Taking carries nothing: who takes is the caller, and the race is decided by the write. */
export const TakeInput = z.object({}).meta({ id: 'TakeInput' });
