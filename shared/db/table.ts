/**
 * Shape of the one table, shared by the CDK data stack and the local stack so both create
 * the same keys and indexes. Attribute names are generic; `keys.ts` gives them meaning.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** Global secondary indexes: name → key attribute names (all strings). */
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Work queues (issue 6): tickets by stage queue, owner or team queue, soonest due first. */
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Team overview (issue 6): a team's tickets, open before resting, soonest due first. */
    gsi4: { partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  },
} as const;

/**
 * Attributes copied into the list indexes, so a work list never reads the base table. A
 * projection is fixed once an index exists in AWS: changing it means a new index (see README).
 */
export const LIST_PROJECTION = [
  'number',
  'subject',
  'status',
  'priority',
  'category',
  'requesterId',
  'requesterName',
  'company',
  'createdAt',
  'updatedAt',
  // the workflow's list columns (issue 6)
  'stage',
  'type',
  'assigneeId',
  'assigneeName',
  'teamId',
  'requestedDueDate',
  'coordinatorDueDate',
  'parentNumber',
  'visibility',
  // the SLA badge (issue 7): the most urgent running clock
  'slaClock',
  'slaDueAt',
  'slaWarnAt',
  'slaCalendarId',
  'kind',
  'userId',
  'name',
  'email',
  'role',
  'phone',
  'department',
  'language',
  'emailVerified',
] as const;

/**
 * What the ticket-only indexes (gsi3, gsi4) copy: the ticket's list columns. DynamoDB allows 100
 * projected attributes summed over all indexes, so these leave out the user list's fields.
 */
export const TICKET_LIST_PROJECTION = LIST_PROJECTION.filter(
  (a) => !['userId', 'name', 'email', 'role', 'phone', 'department', 'language', 'emailVerified', 'kind'].includes(a),
);

/** The projection of one index. */
export const projectionOf = (index: keyof typeof TABLE.indexes): readonly string[] =>
  index === 'gsi1' || index === 'gsi2' ? LIST_PROJECTION : TICKET_LIST_PROJECTION;
