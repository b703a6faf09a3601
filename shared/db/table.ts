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
    /** The overview (issue 6): a team's tickets by stage, soonest due first (new ones are in gsi3). */
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
  // the SLA badge (issue 7): target and warning instant of the most urgent running clock (its
  // calendar follows from policy and team, which the list has; not in gsi2, see projectionOf)
  'slaDueAt',
  'slaWarnAt',
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
  index === 'gsi1' ? LIST_PROJECTION : index === 'gsi2' ? REQUESTER_LIST_PROJECTION : TICKET_LIST_PROJECTION;

/**
 * What a requester's list (gsi2) copies: no SLA badge, which only staff lists show. Together the
 * four projections are exactly at DynamoDB's limit of 100 attributes (a spec counts them): a new
 * list column has to replace one.
 */
export const REQUESTER_LIST_PROJECTION = LIST_PROJECTION.filter((a) => a !== 'slaDueAt' && a !== 'slaWarnAt');
