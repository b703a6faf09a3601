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
  },
} as const;

/** Attributes copied into the list indexes, so a work list never reads the base table. */
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
  'kind',
  'userId',
  'name',
  'email',
  'role',
  'phone',
  'department',
  'language',
  'emailVerified',
  'parentNumber', // a customer's own list leaves out parts of split tickets (issue 6)
] as const;
