import * as z from 'zod';
import { multiLine, singleLine } from '../text.ts';
import { ContactFields } from '../auth/schemas.ts';
import { Email, PersonName } from '../tenancy/schemas.ts';
import { SlaStateEnum, TicketSla } from '../sla/schemas.ts';
import { AttachmentIds, AttachmentRef } from '../attachments/schemas.ts';
import { DELIVERY_STATUSES } from '../mail/constants.ts';
import { TopicRef } from '../knowledge/topic-schemas.ts';
import {
  ACTIONS,
  CHANNELS,
  MESSAGE_CHANNELS,
  DIFFICULTIES,
  EVENT_TYPES,
  PRIORITIES,
  RESOLUTIONS,
  SORT_FIELDS,
  STAGES,
  STATUSES,
  TICKET_TYPES,
  VIEWS,
  VISIBILITIES,
} from './constants.ts';

export { CLOSED_STATUSES, PRIORITY_RANK } from './constants.ts';

export const Priority = z.enum(PRIORITIES).meta({ id: 'Priority' });
export type Priority = z.infer<typeof Priority>;

/**
 * Status of a ticket. `open`: the customer waits for support (*Kunde wartet*);
 * `waiting`: support waits for the customer (*Support wartet*).
 */
export const Status = z.enum(STATUSES).meta({ id: 'Status' });
export type Status = z.infer<typeof Status>;

/** Agent work lists (V1) and the customer's own list (V2). */
export const View = z.enum(VIEWS).meta({ id: 'View' });
export type View = z.infer<typeof View>;

export const Channel = z.enum(CHANNELS).meta({ id: 'Channel' });
export const MessageChannel = z.enum(MESSAGE_CHANNELS).meta({ id: 'MessageChannel' });

const IsoDate = z.iso.date().meta({ example: '2026-12-24' });

export const Contact = z
  .object({ name: PersonName, email: Email.optional(), ...ContactFields })
  .meta({ id: 'Contact', description: 'Personalien of the requester as documented on the ticket' });
export type Contact = z.infer<typeof Contact>;

/** Tickets as tasks (K19): the type and a task's planning fields (staff only; a task may have no customer). */
const TaskFields = {
  type: z.enum(TICKET_TYPES).optional().describe('incident, request (default) or task; staff only for task'),
  estimateHours: z.number().min(0).max(10000).optional().describe('Staff only: estimated hours'),
  difficulty: z.enum(DIFFICULTIES).optional().describe('Staff only'),
  progress: z.number().int().min(0).max(100).optional().describe('Staff only: per cent done'),
  responsibleId: z.string().min(1).max(64).optional().describe('Staff only: the responsible person besides the assignee'),
};

/** Body of `createTicket`. Staff may name the requester (an existing contact) and the channel. */
export const CreateTicketInput = z
  .object({
    subject: singleLine(3, 200),
    description: multiLine(1, 20000),
    priority: Priority.default('normal'),
    category: singleLine(0, 80).optional(),
    requestedDueDate: IsoDate.optional(),
    contact: Contact.partial().optional().describe('Overrides the contact data copied from the requester'),
    requesterId: z.string().max(64).optional().describe('Staff only: the existing contact this ticket is for'),
    channel: Channel.optional().describe('Staff only: how the request came in'),
    ...TaskFields,
    attachmentIds: AttachmentIds.optional(),
    topicId: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .optional()
      .describe('A knowledge topic, e.g. the suggestion scheme’s: the request is a suggestion (issue 9)'),
  })
  .meta({ id: 'CreateTicketInput' });
export type CreateTicketInput = z.infer<typeof CreateTicketInput>;

export const SortField = z.enum(SORT_FIELDS);

export const ListTicketsQuery = z
  .object({
    view: View.optional(),
    status: Status.optional(),
    number: z.coerce.number().int().positive().optional(),
    q: z.string().trim().max(200).optional(),
    sort: SortField.optional().describe(
      'Orders the returned page; pages follow the list’s own order (work lists: due first, then priority, then age; own requests: newest first). Staff: `slaDueAt` orders the whole list (a status view is read due first)',
    ),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size, default 100'),
    cursor: z.string().max(2000).optional().describe('nextCursor of the previous page'),
    teamId: z.string().max(64).optional().describe('Staff: one team’s tickets (open first); with view my_teams: that team’s untaken ones'),
    assigneeId: z.string().max(64).optional().describe('Staff: one person’s open work (alone: not with teamId, stage or scope)'),
    stage: z.enum(STAGES).optional().describe('Staff, the overview (view all, or none): only tickets in this stage'),
    scope: z
      .enum(['current', 'closed', 'both'])
      .optional()
      .describe('Staff, the overview (view all, or none): current tickets (every stage but closed), closed ones, or both (the default)'),
    sla: z.enum(['at_risk', 'breached']).optional().describe('Staff: only tickets whose most urgent running clock is at risk (or breached)'),
  })
  .meta({ id: 'ListTicketsQuery' });
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

export const TicketNumberParam = z.object({ number: z.coerce.number().int().positive().max(1e12) });

export const AddMessageInput = z
  .object({
    body: multiLine(1, 20000),
    internal: z.boolean().default(false).describe('Internal note, never shown to the customer (staff only)'),
    status: Status.optional().describe('Staff only: status to set with this answer'),
    version: z.number().int().min(0).optional().describe('Staff: the ticket version the sender loaded; an answer to a changed ticket is refused (K14)'),
    attachmentIds: AttachmentIds.optional(),
  })
  .meta({ id: 'AddMessageInput' });
export type AddMessageInput = z.infer<typeof AddMessageInput>;

export const UpdateTicketInput = z
  .object({
    status: Status.optional(),
    priority: Priority.optional(),
    category: singleLine(0, 80).optional(),
    ...TaskFields,
    responsibleId: z.string().max(64).optional().describe('Staff only: the responsible person (K19); empty clears it'),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')
  .meta({ id: 'UpdateTicketInput' });
export type UpdateTicketInput = z.infer<typeof UpdateTicketInput>;

export const TicketSummary = z
  .object({
    number: z.number().int(),
    subject: z.string(),
    status: Status,
    priority: Priority,
    category: z.string().optional(),
    requesterId: z.string(),
    requesterName: z.string(),
    company: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    // the workflow's list columns (issue 6)
    stage: z.enum(STAGES).optional().describe('Missing only on tickets from before the workflow'),
    type: z.enum(TICKET_TYPES).optional(),
    assignee: z.object({ id: z.string(), name: z.string() }).optional(),
    team: z.object({ id: z.string(), name: z.string(), deleted: z.boolean().optional().describe('The team was deleted since') }).optional(),
    requesterDueDate: z.string().optional(),
    coordinatorDueDate: z.string().optional().describe('Staff only'),
    parentNumber: z.number().int().optional(),
    // the SLA badge (issue 7), staff only: the most urgent running clock
    slaState: SlaStateEnum.optional().describe('Staff only; absent when no clock runs'),
    slaDueAt: z.string().optional().describe('Staff only: target of the most urgent running clock (ISO)'),
    slaRemainingMinutes: z.number().int().optional().describe('Staff only: its business minutes left; negative = overdue'),
  })
  .meta({ id: 'TicketSummary' });
export type TicketSummary = z.infer<typeof TicketSummary>;

export const Stage = z.enum(STAGES).meta({ id: 'Stage', description: 'Where the ticket stands in the coordinator/assignee workflow' });
export const TicketType = z.enum(TICKET_TYPES).meta({ id: 'TicketType' });
export const Visibility = z.enum(VISIBILITIES).meta({ id: 'Visibility' });
export const Resolution = z.enum(RESOLUTIONS).meta({ id: 'Resolution' });
export const Action = z.enum(ACTIONS).meta({ id: 'Action' });

/** A person or a team a ticket is with, named for display. */
export const Party = z
  .object({ id: z.string(), name: z.string(), deleted: z.boolean().optional().describe('A team deleted since (issue 6)') })
  .meta({ id: 'Party' });

export const SubTicket = z
  .object({
    number: z.number().int(),
    subject: z.string(),
    stage: Stage,
    visibility: Visibility,
    assignee: Party.optional(),
    teamId: z.string().optional(),
    coordinatorDueDate: z.string().optional(),
    answeredAt: z.string().optional(),
  })
  .meta({ id: 'SubTicket' });

export const TicketLock = z
  .object({ userId: z.string(), name: z.string(), until: z.string().describe('ISO instant the lease ends unless renewed') })
  .meta({ id: 'TicketLock' });

export const Ticket = TicketSummary.extend({
  description: z.string(),
  channel: Channel,
  contact: Contact,
  requestedDueDate: z.string().optional().describe('The requester’s wished date (same as requesterDueDate; kept for older clients)'),
  requesterDueDate: z.string().optional().describe('The requester’s wished date (K11)'),
  coordinatorDueDate: z.string().optional().describe('The coordinator’s due date (K11); staff only'),
  createdBy: z.string(),
  createdByName: z.string(),
  stage: Stage,
  type: TicketType,
  assignee: Party.optional(),
  team: Party.optional(),
  instruction: z.string().optional().describe('Staff only'),
  parentNumber: z.number().int().optional(),
  visibility: Visibility.optional(),
  subTickets: z.array(SubTicket).describe('Customers see only transparent ones'),
  resolution: Resolution.optional(),
  solution: z.string().optional(),
  unsolvableReason: z.string().optional(),
  pendingUntil: z.string().optional(),
  lock: TicketLock.optional().describe('Staff only: who is answering right now'),
  estimateHours: z.number().optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
  progress: z.number().int().min(0).max(100).optional(),
  responsible: Party.optional(),
  sla: TicketSla.optional().describe('Staff only: the ticket’s clocks (issue 7)'),
  mergedInto: z.number().int().optional().describe('This ticket was merged into that one (issue 8)'),
  followUpOf: z.number().int().optional().describe('Opened by a mail reply to that long-closed ticket (issue 8)'),
  topicId: z.string().optional().describe('The knowledge topic it was filed under, e.g. the suggestion scheme’s (issue 9)'),
  topic: TopicRef.optional().describe('That topic’s names (a deleted one is marked); staff change it with setTicketTopic'),
  duplicateCandidates: z
    .array(z.object({ number: z.number().int(), subject: z.string(), createdAt: z.string() }))
    .optional()
    .describe('Staff only: open tickets of the same requester with a very similar subject, opened within a day of this one (issue 8)'),
  version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  actions: z.array(Action).describe('What the caller may do now'),
}).meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const Message = z
  .object({
    id: z.string(),
    body: z.string(),
    internal: z.boolean(),
    authorId: z.string(),
    authorName: z.string(),
    authorRole: z.string(),
    createdAt: z.string(),
    partOf: z.number().int().optional().describe('Staff only: a partial answer from this sub-ticket'),
    toCoordinator: z.boolean().optional().describe('Staff only: an answer to the coordinator, not (yet) sent to the requester'),
    // The mail channel and attachments (issue 8).
    channel: MessageChannel.describe('How it was written: portal, web (staff in the workspace), email, phone, api'),
    attachments: z.array(AttachmentRef),
    from: z.string().optional().describe('Mail: the sender as written'),
    html: z.string().optional().describe('Mail: the sanitised HTML body; remote images are not loaded until the viewer asks'),
    deliveryStatus: z.enum(DELIVERY_STATUSES).optional().describe('Staff only: where the mail we sent for it stands'),
    deliveryDetail: z.string().optional().describe('Staff only: e.g. 550 5.1.1 user unknown'),
    hasRaw: z.boolean().optional().describe('Staff only: the original mail can be downloaded (getRawMessage)'),
    mergedFrom: z.number().int().optional().describe('Moved here from that ticket when it was merged into this one (issue 8)'),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const HistoryEvent = z
  .object({
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    actorId: z.string(),
    actorName: z.string(),
    at: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    mergedFrom: z.number().int().optional().describe('Moved here from that ticket when it was merged into this one (issue 8)'),
  })
  .meta({ id: 'HistoryEvent' });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const TicketDetail = z
  .object({
    ticket: Ticket,
    messages: z.array(Message),
    history: z.array(HistoryEvent),
    partialAnswers: z.array(Message).optional().describe('Staff only, on a split ticket: the answers of its parts (`partOf`)'),
  })
  .meta({ id: 'TicketDetail' });
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketList = z
  .object({ items: z.array(TicketSummary), nextCursor: z.string().optional().describe('Present when more tickets follow: pass it as `cursor`') })
  .meta({ id: 'TicketList' });
