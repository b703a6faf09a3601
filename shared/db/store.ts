/**
 * Every read and write of the one table, each a named access pattern. Domain modules call
 * these; nothing else sends a command to DynamoDB. Guards are conditions on the write.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { db } from './client.ts';
import { indexKeys, keys, type Key } from './keys.ts';
import type { EventItem, MessageItem, Registration, SessionItem, TenantItem, TicketItem, TokenItem, TokenPurpose, UserItem } from './items.ts';
import type { Role } from '../auth/schemas.ts';
import type { Status } from '../tickets/schemas.ts';

const T = () => config.tableName;
const strip = <I>(item: Record<string, unknown> | undefined): I | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest as I;
};
const epoch = () => Math.floor(Date.now() / 1000);

/** `SET` clause with placeholders for the defined fields (undefined ones are left alone). */
function setClause(fields: Record<string, unknown>) {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  return {
    empty: entries.length === 0,
    UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
  };
}

/** Which condition of a transaction failed (index into its items), or -1. */
function failedIndex(err: unknown): number {
  if (!(err instanceof TransactionCanceledException)) return -1;
  return (err.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
}

/** `scope`: the tenant whose item it is, or `null` for a platform item (which client reads it). */
async function getItem<I>(scope: string | null, key: Key, consistent = false): Promise<I | undefined> {
  const r = await db(scope).send(new GetCommand({ TableName: T(), Key: key, ConsistentRead: consistent }));
  return strip<I>(r.Item);
}

async function queryAll(tenantId: string, input: Omit<QueryCommandInput, 'TableName'>, max = 1000): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db(tenantId).send(new QueryCommand({ TableName: T(), ...input, ExclusiveStartKey: start }));
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start && out.length < max);
  return out.slice(0, max);
}

// ---- tenants -------------------------------------------------------------------------

/** Sign-up: claim the slug, create the tenant and its first admin, all or nothing. */
export async function createTenantWithAdmin(tenant: TenantItem, admin: UserItem): Promise<void> {
  try {
    // The new tenant's credentials, plus exactly the one platform key it claims.
    await db(tenant.id, [keys.slug(tenant.slug).pk]).send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: T(), Item: { ...keys.slug(tenant.slug), tenantId: tenant.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: T(), Item: { ...keys.tenant(tenant.id), ...tenant }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: T(), Item: userRow(tenant.id, admin) } },
          { Put: { TableName: T(), Item: { ...keys.userEmail(tenant.id, admin.email), userId: admin.userId } } },
        ],
      }),
    );
  } catch (err) {
    if (failedIndex(err) === 0)
      throw new DomainError('slug_taken', `The address "${tenant.slug}" is already taken`, [{ path: 'slug', message: 'already taken', code: 'slug_taken' }]);
    throw err;
  }
}

/** Tenant id owning a portal slug (platform-level lookup before sign-in). */
export async function tenantIdBySlug(slug: string): Promise<string | undefined> {
  const r = await getItem<{ tenantId: string }>(null, keys.slug(slug));
  return r?.tenantId;
}

/** A tenant's settings and branding. */
export async function getTenant(tenantId: string): Promise<TenantItem | undefined> {
  return getItem<TenantItem>(tenantId, keys.tenant(tenantId));
}

/** Change a tenant's settings; returns the new state. */
export async function updateTenant(
  tenantId: string,
  set: Partial<Pick<TenantItem, 'name' | 'branding' | 'defaultLanguage' | 'timeZone'>>,
): Promise<TenantItem> {
  const { empty, ...update } = setClause(set);
  if (empty) return (await getTenant(tenantId))!;
  const r = await db(tenantId).send(
    new UpdateCommand({ TableName: T(), Key: keys.tenant(tenantId), ...update, ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_NEW' }),
  );
  return strip<TenantItem>(r.Attributes)!;
}

// ---- users ---------------------------------------------------------------------------

function userRow(tenantId: string, u: UserItem) {
  return { ...keys.user(tenantId, u.userId), ...indexKeys.userList(tenantId, u.role, u.name, u.userId), ...u };
}

/**
 * Create a user whose email is unique within the tenant (among confirmed accounts, for an
 * invitation); with `usingToken`, the one-time token is used up in the same transaction, so a
 * refused user leaves the token usable.
 */
export async function createUser(tenantId: string, u: UserItem, usingToken?: { hash: string; purpose: TokenPurpose }): Promise<void> {
  const token = usingToken && {
    Delete: {
      TableName: T(),
      Key: keys.oneTimeToken(tenantId, usingToken.hash),
      ConditionExpression: 'attribute_exists(pk) AND purpose = :p AND expiresAt > :now',
      ExpressionAttributeValues: { ':p': usingToken.purpose, ':now': epoch() },
    },
  };
  try {
    await db(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: T(),
              Item: { ...keys.userEmail(tenantId, u.email), userId: u.userId, ...(u.expiresAt ? { expiresAt: u.expiresAt } : {}) },
              // An expired unconfirmed registration frees its address (TTL deletes lazily); an
              // invitation takes it over from any unconfirmed one, whose links then fail.
              ConditionExpression: token ? 'attribute_not_exists(pk) OR attribute_exists(expiresAt)' : 'attribute_not_exists(pk) OR expiresAt < :now',
              ExpressionAttributeValues: token ? undefined : { ':now': epoch() },
            },
          },
          { Put: { TableName: T(), Item: userRow(tenantId, u), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(token ? [token] : []),
        ],
      }),
    );
  } catch (err) {
    if (failedIndex(err) === 2) throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
    if (failedIndex(err) === 0)
      throw new DomainError('email_taken', 'This email address already has an account', [
        { path: 'email', message: 'already registered', code: 'email_taken' },
      ]);
    throw err;
  }
}

const alive = (i: { expiresAt?: number } | undefined) => i !== undefined && (i.expiresAt === undefined || i.expiresAt > epoch());

/** A user by id (an expired unconfirmed registration counts as absent). */
export async function getUser(tenantId: string, userId: string): Promise<UserItem | undefined> {
  const u = await getItem<UserItem>(tenantId, keys.user(tenantId, userId));
  return alive(u) ? u : undefined;
}

/** A user by email (sign-in, password reset). */
export async function getUserByEmail(tenantId: string, email: string): Promise<UserItem | undefined> {
  const ref = await getItem<{ userId: string; expiresAt?: number }>(tenantId, keys.userEmail(tenantId, email));
  return alive(ref) ? getUser(tenantId, ref!.userId) : undefined;
}

/** Keep an unconfirmed registration (user and address) until `expiresAt`; a confirmed one is left alone. */
export async function extendUnconfirmed(tenantId: string, u: UserItem, expiresAt: number): Promise<void> {
  const later = { ConditionExpression: 'attribute_exists(expiresAt) AND expiresAt < :exp', ExpressionAttributeValues: { ':exp': expiresAt } };
  try {
    await db(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName: T(), Key: keys.user(tenantId, u.userId), UpdateExpression: 'SET expiresAt = :exp', ...later } },
          { Update: { TableName: T(), Key: keys.userEmail(tenantId, u.email), UpdateExpression: 'SET expiresAt = :exp', ...later } },
        ],
      }),
    );
  } catch (err) {
    if (failedIndex(err) === -1) throw err; // confirmed meanwhile, or already kept that long
  }
}

/**
 * Confirm an account with the registration whose link was used: its password and details take
 * effect and the account no longer expires. Refused (false) when the account is gone, or was
 * confirmed by a newer registration than this one.
 */
export async function confirmRegistration(tenantId: string, u: UserItem, reg: Registration): Promise<boolean> {
  const fields = { name: reg.name, language: reg.language, phone: reg.phone, company: reg.company, department: reg.department };
  const set = setClause({
    ...fields,
    passwordHash: reg.passwordHash,
    emailVerified: true,
    registeredAt: reg.at,
    gsi1sk: indexKeys.userList(tenantId, u.role, reg.name, u.userId).gsi1sk,
  });
  const removed = [
    'expiresAt',
    ...Object.entries(fields)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k),
  ];
  try {
    await db(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: T(),
              Key: keys.user(tenantId, u.userId),
              UpdateExpression: `${set.UpdateExpression} REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}`,
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :now) AND (#ev = :no OR registeredAt < :at)',
              ExpressionAttributeNames: {
                ...set.ExpressionAttributeNames,
                ...Object.fromEntries(removed.map((k, i) => [`#r${i}`, k])),
                '#ev': 'emailVerified',
              },
              ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':now': epoch(), ':no': false, ':at': reg.at },
            },
          },
          {
            Update: {
              TableName: T(),
              Key: keys.userEmail(tenantId, u.email),
              UpdateExpression: 'REMOVE expiresAt',
              ConditionExpression: 'userId = :uid',
              ExpressionAttributeValues: { ':uid': u.userId },
            },
          },
        ],
      }),
    );
    return true;
  } catch (err) {
    if (failedIndex(err) !== -1) return false;
    throw err;
  }
}

/** Users of a tenant, by role then name (contact picker, team list). */
export async function listUsers(tenantId: string, role?: Role): Promise<UserItem[]> {
  const items = await queryAll(tenantId, {
    IndexName: 'gsi1',
    KeyConditionExpression: role ? 'gsi1pk = :pk AND begins_with(gsi1sk, :role)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': indexKeys.userListPk(tenantId), ...(role ? { ':role': `${role}#` } : {}) },
  });
  return items.map((i) => strip<UserItem>(i)!);
}

/** Set fields of an existing user (verification, password). */
export async function updateUser(
  tenantId: string,
  userId: string,
  set: Partial<Pick<UserItem, 'emailVerified' | 'passwordHash' | 'name' | 'language' | 'registeredAt'>>,
): Promise<void> {
  const { empty: _empty, ...update } = setClause(set);
  await db(tenantId).send(new UpdateCommand({ TableName: T(), Key: keys.user(tenantId, userId), ...update, ConditionExpression: 'attribute_exists(pk)' }));
}

// ---- sessions, one-time tokens, rate limits --------------------------------------------

/** Store a session under the hash of its token, listed among its user's sessions. */
export async function putSession(tenantId: string, tokenHash: string, s: SessionItem): Promise<void> {
  await db(tenantId).send(
    new PutCommand({
      TableName: T(),
      Item: { ...keys.session(tenantId, tokenHash), ...indexKeys.userSessions(tenantId, s.userId, s.createdAt), ...s },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** End every session of a user (password reset). */
export async function deleteSessionsOfUser(tenantId: string, userId: string): Promise<number> {
  const items = await queryAll(tenantId, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': indexKeys.userSessionsPk(tenantId, userId) },
  });
  await Promise.all(items.map((i) => db(tenantId).send(new DeleteCommand({ TableName: T(), Key: { pk: i.pk, sk: i.sk } }))));
  return items.length;
}

/** A live session by token hash (expired ones count as absent). */
export async function getSession(tenantId: string, tokenHash: string): Promise<SessionItem | undefined> {
  const s = await getItem<SessionItem>(tenantId, keys.session(tenantId, tokenHash));
  return s && s.expiresAt > epoch() ? s : undefined;
}

/** End a session. */
export async function deleteSession(tenantId: string, tokenHash: string): Promise<void> {
  await db(tenantId).send(new DeleteCommand({ TableName: T(), Key: keys.session(tenantId, tokenHash) }));
}

/** Store a one-time token (verification, reset, invitation) under its hash. */
export async function putToken(tenantId: string, tokenHash: string, tok: TokenItem): Promise<void> {
  await db(tenantId).send(new PutCommand({ TableName: T(), Item: { ...keys.oneTimeToken(tenantId, tokenHash), ...tok } }));
}

/** A one-time token that is still valid for `purpose`, without using it up. */
export async function peekToken(tenantId: string, tokenHash: string, purpose: TokenPurpose): Promise<TokenItem | undefined> {
  const tok = await getItem<TokenItem>(tenantId, keys.oneTimeToken(tenantId, tokenHash), true);
  return tok && tok.purpose === purpose && tok.expiresAt > epoch() ? tok : undefined;
}

/** Use up a one-time token of one of `purposes`: deleted on read, so a second use finds nothing. */
export async function consumeToken(tenantId: string, tokenHash: string, purposes: TokenPurpose[]): Promise<TokenItem | undefined> {
  try {
    const r = await db(tenantId).send(
      new DeleteCommand({
        TableName: T(),
        Key: keys.oneTimeToken(tenantId, tokenHash),
        ConditionExpression: `attribute_exists(pk) AND purpose IN (${purposes.map((_, i) => `:p${i}`).join(', ')}) AND expiresAt > :now`,
        ExpressionAttributeValues: { ...Object.fromEntries(purposes.map((p, i) => [`:p${i}`, p])), ':now': epoch() },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return strip<TokenItem>(r.Attributes);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return undefined;
    throw err;
  }
}

/**
 * Count one attempt in a sliding window, approximated from two fixed ones: the last window's
 * count weighs as much as it still overlaps the sliding one. The last window is closed (no
 * more writes), so one read of it and one conditional write of the current window suffice.
 */
async function hitWindow(scope: string | null, key: (window: number) => Key, windowSeconds: number, max: number): Promise<boolean> {
  const now = epoch();
  const window = Math.floor(now / windowSeconds);
  const last = (await getItem<{ attempts?: number }>(scope, key(window - 1)))?.attempts ?? 0;
  const weight = 1 - (now - window * windowSeconds) / windowSeconds;
  // current + last × weight < max, with the weighted count rounded up: near a window's start the
  // last window still counts in full, so a limit of n never lets n + 1 through at the boundary.
  const allowed = max - Math.ceil(last * weight);
  if (allowed <= 0) return false;
  try {
    await db(scope).send(
      new UpdateCommand({
        TableName: T(),
        Key: key(window),
        UpdateExpression: 'ADD attempts :one SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :max',
        // Kept through the next window, which still weighs it.
        ExpressionAttributeValues: { ':one': 1, ':max': allowed, ':exp': (window + 2) * windowSeconds + 60 },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** Count one attempt in a tenant's sliding window; false when it is already full. */
export async function hitRateWindow(tenantId: string, scope: string, id: string, windowSeconds: number, max: number): Promise<boolean> {
  return hitWindow(tenantId, (w) => keys.rateWindow(tenantId, scope, id, w), windowSeconds, max);
}

/** Count one attempt in a platform-wide sliding window (before any tenant exists, e.g. sign-up). */
export async function hitPlatformRateWindow(scope: string, id: string, windowSeconds: number, max: number): Promise<boolean> {
  return hitWindow(null, (w) => keys.platformRateWindow(scope, id, w), windowSeconds, max);
}

// ---- tickets -------------------------------------------------------------------------

/** Draw the next ticket number of a tenant (#1, #2, …). */
export async function nextTicketNumber(tenantId: string): Promise<number> {
  const r = await db(tenantId).send(
    new UpdateCommand({
      TableName: T(),
      Key: keys.ticketCounter(tenantId),
      UpdateExpression: 'ADD #n :one',
      ExpressionAttributeNames: { '#n': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(r.Attributes?.value);
}

function ticketRow(tenantId: string, tk: TicketItem) {
  return {
    ...keys.ticket(tenantId, tk.number),
    ...indexKeys.statusQueue(tenantId, tk.status, tk.priority, tk.createdAt, tk.number),
    ...indexKeys.requesterTickets(tenantId, tk.requesterId, tk.createdAt, tk.number),
    ...tk,
  };
}

/** Store a new ticket under a freshly drawn number. */
export async function putNewTicket(tenantId: string, tk: TicketItem): Promise<void> {
  await db(tenantId).send(new PutCommand({ TableName: T(), Item: ticketRow(tenantId, tk), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/** A ticket by number (what a change needs). */
export async function getTicket(tenantId: string, number: number): Promise<TicketItem | undefined> {
  return getItem<TicketItem>(tenantId, keys.ticket(tenantId, number));
}

/** The messages and events of a ticket, oldest first (sort keys below `TICKET`), every page. */
async function ticketEntries(tenantId: string, number: number): Promise<Record<string, unknown>[]> {
  return queryAll(
    tenantId,
    { KeyConditionExpression: 'pk = :pk AND sk < :ticket', ExpressionAttributeValues: { ':pk': keys.ticketPartition(tenantId, number), ':ticket': 'TICKET' } },
    Number.POSITIVE_INFINITY,
  );
}

/** A ticket with its messages and events (one GetItem, one paged Query). */
export async function getTicketPartition(
  tenantId: string,
  number: number,
): Promise<{ ticket: TicketItem; messages: MessageItem[]; events: EventItem[] } | undefined> {
  const [ticket, items] = await Promise.all([getTicket(tenantId, number), ticketEntries(tenantId, number)]);
  if (!ticket) return undefined;
  return {
    ticket,
    messages: items.filter((i) => i.kind === 'message').map((i) => strip<MessageItem>(i)!),
    events: items.filter((i) => i.kind === 'event').map((i) => strip<EventItem>(i)!),
  };
}

/**
 * Write a changed ticket together with new messages and events, all or nothing. The write only
 * lands if the ticket is unchanged since `expectedUpdatedAt` (optimistic lock).
 */
export async function saveTicketChange(tenantId: string, ticket: TicketItem, expectedUpdatedAt: string, added: (MessageItem | EventItem)[]): Promise<void> {
  // Update only what a change may touch, so attributes written meanwhile by others (e.g. the
  // workflow's acknowledgement) survive.
  const queue = indexKeys.statusQueue(tenantId, ticket.status, ticket.priority, ticket.createdAt, ticket.number);
  const { empty: _empty, ...update } = setClause({
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    updatedAt: ticket.updatedAt,
    ...queue,
  });
  try {
    await db(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: T(),
              Key: keys.ticket(tenantId, ticket.number),
              UpdateExpression: update.UpdateExpression,
              ConditionExpression: '#prev = :prev',
              ExpressionAttributeNames: { '#prev': 'updatedAt', ...update.ExpressionAttributeNames },
              ExpressionAttributeValues: { ':prev': expectedUpdatedAt, ...update.ExpressionAttributeValues },
            },
          },
          ...added.map((a) => ({
            Put: {
              TableName: T(),
              Item: {
                ...(a.kind === 'message' ? keys.message(tenantId, ticket.number, a.createdAt, a.id) : keys.event(tenantId, ticket.number, a.at, a.id)),
                ...a,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        ],
      }),
    );
  } catch (err) {
    if (failedIndex(err) === 0) throw new DomainError('conflict', 'The ticket was changed meanwhile; reload and try again');
    throw err;
  }
}

/** Tickets in one status, most urgent first, then oldest first: a page after a position. */
export async function ticketsInStatus(tenantId: string, status: Status, page: { after?: string; limit: number }): Promise<TicketItem[]> {
  const r = await db(tenantId).send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi1',
      KeyConditionExpression: page.after ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.statusQueuePk(tenantId, status), ...(page.after ? { ':after': page.after } : {}) },
      Limit: page.limit,
    }),
  );
  return (r.Items ?? []).map((i) => strip<TicketItem>(i)!);
}

/** Tickets of one requester, newest first: a page before a position. */
export async function ticketsOfRequester(tenantId: string, requesterId: string, page: { before?: string; limit: number }): Promise<TicketItem[]> {
  const r = await db(tenantId).send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi2',
      KeyConditionExpression: page.before ? 'gsi2pk = :pk AND gsi2sk < :before' : 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.requesterTicketsPk(tenantId, requesterId), ...(page.before ? { ':before': page.before } : {}) },
      ScanIndexForward: false,
      Limit: page.limit,
    }),
  );
  return (r.Items ?? []).map((i) => strip<TicketItem>(i)!);
}

/** Where a ticket stands in its status queue and in its requester's list (the index sort keys). */
export function ticketPositions(tenantId: string, t: TicketItem): { queue: string; requester: string } {
  return {
    queue: indexKeys.statusQueue(tenantId, t.status, t.priority, t.createdAt, t.number).gsi1sk,
    requester: indexKeys.requesterTickets(tenantId, t.requesterId, t.createdAt, t.number).gsi2sk,
  };
}

/** Record that a ticket's acknowledgement went out; the first record stays (a repeated mail does not move it). */
export async function recordAcknowledgement(tenantId: string, number: number, at: string): Promise<void> {
  try {
    await db(tenantId).send(
      new UpdateCommand({
        TableName: T(),
        Key: keys.ticket(tenantId, number),
        UpdateExpression: 'SET ackSentAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(ackSentAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}
