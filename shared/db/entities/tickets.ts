/**
 * A ticket, its messages and its history events as ElectroDB entities sharing one partition
 * (`{T}#TICKET#{number:12}`): the `thread` collection reads all three in one query. The key
 * templates spell today's keys exactly, so items written before the entities read the same.
 */
import { Entity, Service } from 'electrodb';
import { ROLES } from '../../auth/constants.ts';
import {
  CHANNELS,
  MESSAGE_CHANNELS,
  DIFFICULTIES,
  EVENT_TYPES,
  PRIORITIES,
  PRIORITY_RANK,
  RESOLUTIONS,
  STAGES,
  STATUSES,
  TICKET_TYPES,
  VISIBILITIES,
  type Priority,
} from '../../tickets/constants.ts';
import { CLOCK_KINDS } from '../../sla/constants.ts';
import { DELIVERY_STATUSES, NO_REPLY_REASONS } from '../../mail/constants.ts';
import { inOverviewIndex } from '../../tickets/queues.ts';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

/** Ticket numbers are zero-padded in keys, so they sort as numbers. */
const NUMBER = { type: 'number', required: true, readOnly: true, padding: { length: 12, char: '0' } } as const;

/** The partition of a ticket's thread: the ticket, its messages, its events. */
const thread = { field: 'pk', composite: ['tenantId', 'number'], template: '${tenantId}#TICKET#${number}', casing: AS_IS } as const;

export const TicketEntity = new Entity(
  {
    model: { entity: 'ticket', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['ticket'] as const, required: true, default: 'ticket', readOnly: true },
      number: NUMBER,
      subject: { type: 'string', required: true },
      description: { type: 'string', required: true },
      status: { type: STATUSES, required: true },
      priority: { type: PRIORITIES, required: true },
      /** The priority as the queue sorts it (most urgent first); follows `priority`. */
      priorityRank: {
        type: 'number',
        hidden: true,
        watch: ['priority'],
        set: (_: unknown, item: { priority?: Priority }) => (item.priority ? PRIORITY_RANK[item.priority] : undefined),
      },
      category: { type: 'string' },
      requestedDueDate: { type: 'string' },
      requesterId: { type: 'string', required: true },
      requesterName: { type: 'string', required: true },
      company: { type: 'string' },
      contact: { type: 'any', required: true },
      channel: { type: CHANNELS, required: true },
      createdBy: { type: 'string', required: true },
      createdByName: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      ackSentAt: { type: 'string' },
      /** Optimistic concurrency: raised by every change (missing on old items = 0). */
      version: { type: 'number' },
      // Workflow (issue 6); see `items.ts` for what each means.
      stage: { type: STAGES },
      resumeStage: { type: STAGES },
      type: { type: TICKET_TYPES },
      assigneeId: { type: 'string' },
      assigneeName: { type: 'string' },
      teamId: { type: 'string' },
      coordinatorDueDate: { type: 'string' },
      instruction: { type: 'string' },
      routedBy: { type: 'string' },
      routedTo: { type: 'string', readOnly: true },
      parentNumber: { type: 'number' },
      visibility: { type: VISIBILITIES },
      subTickets: { type: 'any' },
      resolution: { type: RESOLUTIONS },
      solution: { type: 'string' },
      unsolvableReason: { type: 'string' },
      pendingUntil: { type: 'string' },
      lock: { type: 'any' },
      estimateHours: { type: 'number' },
      difficulty: { type: DIFFICULTIES },
      progress: { type: 'number' },
      responsibleId: { type: 'string' },
      responsibleName: { type: 'string' },
      timerGeneration: { type: 'number' },
      // Duplicates and mail follow-ups (issue 8).
      mergedInto: { type: 'number' },
      mergeNoticeAt: { type: 'string' },
      followUpOf: { type: 'number' },
      /** Issue 9: the knowledge topic it was filed under (a suggestion). */
      topicId: { type: 'string' },
      noReply: { type: NO_REPLY_REASONS },
      // Service levels (issue 7): facts, and the most urgent running clock for the lists.
      sla: { type: 'any' },
      slaPolicyId: { type: 'string' },
      slaClock: { type: CLOCK_KINDS },
      slaDueAt: { type: 'string' },
      slaWarnAt: { type: 'string' },
      slaCalendarId: { type: 'string' },
      // Index attributes of the work lists (`tickets/queues.ts`), written with every change.
      workQueue: { type: 'string', hidden: true },
      dueKey: { type: 'string', hidden: true },
      overviewTeam: { type: 'string', hidden: true },
      stageNo: { type: 'string', hidden: true },
    },
    indexes: {
      byNumber: { collection: 'thread', pk: thread, sk: { field: 'sk', composite: [], template: 'TICKET', casing: AS_IS } },
      /** gsi1: tickets in one status, most urgent first, then oldest first. */
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'status'], template: '${tenantId}#QUEUE#${status}', casing: AS_IS },
        sk: { field: 'gsi1sk', composite: ['priorityRank', 'createdAt', 'number'], template: '${priorityRank}#${createdAt}#${number}', casing: AS_IS },
      },
      /** gsi2: tickets of one requester, by age. */
      byRequester: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'requesterId'], template: '${tenantId}#REQUESTER#${requesterId}', casing: AS_IS },
        sk: { field: 'gsi2sk', composite: ['createdAt', 'number'], template: '${createdAt}#${number}', casing: AS_IS },
      },
      /** gsi3: one work queue (a stage list, a person's open work, a team's untaken tickets), soonest due, most urgent, oldest first. */
      byWorkQueue: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'workQueue'], template: '${tenantId}#WORK#${workQueue}', casing: AS_IS },
        sk: {
          field: 'gsi3sk',
          composite: ['dueKey', 'priorityRank', 'createdAt', 'number'],
          template: '${dueKey}#${priorityRank}#${createdAt}#${number}',
          casing: AS_IS,
        },
      },
      /**
       * gsi4: the coordinator's overview. Every ticket past new, in its team's partition (`-`: none), by
       * stage in workflow order, then as gsi3: a stage is a key prefix and current (not closed)
       * tickets one key range, so each overview filter (team, stage, current/closed) is a key
       * condition (`tickets/queues.ts` overviewRange).
       */
      byTeam: {
        index: 'gsi4',
        // sparse: new tickets are read from gsi3 `to_accept` (queues.ts overviewOf), so creating and accepting move no overview entry
        condition: (attr: { stageNo?: string }) => inOverviewIndex(attr.stageNo),
        pk: { field: 'gsi4pk', composite: ['tenantId', 'overviewTeam'], template: '${tenantId}#TEAM#${overviewTeam}', casing: AS_IS },
        sk: {
          field: 'gsi4sk',
          composite: ['stageNo', 'dueKey', 'priorityRank', 'createdAt', 'number'],
          template: '${stageNo}#${dueKey}#${priorityRank}#${createdAt}#${number}',
          casing: AS_IS,
        },
      },
    },
  },
  { ignoreOwnership: true },
);

export const MessageEntity = new Entity(
  {
    model: { entity: 'message', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['message'] as const, required: true, default: 'message', readOnly: true },
      id: { type: 'string', required: true, readOnly: true },
      number: NUMBER,
      body: { type: 'string', required: true },
      internal: { type: 'boolean', required: true },
      authorId: { type: 'string', required: true },
      authorName: { type: 'string', required: true },
      authorRole: { type: ROLES, required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      partOf: { type: 'number' },
      toCoordinator: { type: 'boolean' },
      // The mail channel and attachments (issue 8); see `items.ts` MessageItem.
      channel: { type: MESSAGE_CHANNELS },
      attachments: { type: 'any' },
      from: { type: 'string' },
      html: { type: 'string' },
      mailMessageId: { type: 'string' },
      rawKey: { type: 'string' },
      deliveryStatus: { type: DELIVERY_STATUSES },
      deliveryDetail: { type: 'string' },
      noReply: { type: NO_REPLY_REASONS },
      mergedFrom: { type: 'number' },
    },
    indexes: {
      byNumber: { collection: 'thread', pk: thread, sk: { field: 'sk', composite: ['createdAt', 'id'], template: 'MSG#${createdAt}#${id}', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

export const EventEntity = new Entity(
  {
    model: { entity: 'event', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['event'] as const, required: true, default: 'event', readOnly: true },
      number: NUMBER,
      id: { type: 'string', required: true, readOnly: true },
      type: { type: EVENT_TYPES, required: true },
      actorId: { type: 'string', required: true },
      actorName: { type: 'string', required: true },
      at: { type: 'string', required: true, readOnly: true },
      from: { type: 'string' },
      to: { type: 'string' },
      mergedFrom: { type: 'number' },
    },
    indexes: {
      byNumber: { collection: 'thread', pk: thread, sk: { field: 'sk', composite: ['at', 'id'], template: 'EVT#${at}#${id}', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

/** The ticket area: `collections.thread({ tenantId, number })` is a ticket with its messages and events. */
export const Tickets = new Service({ ticket: TicketEntity, message: MessageEntity, event: EventEntity });
