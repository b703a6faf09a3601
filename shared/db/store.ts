/**
 * Every read and write of the one table, each a named access pattern. Domain modules call
 * these; nothing else sends a command to DynamoDB. Guards are conditions on the write. Items
 * are ElectroDB entities (`entities/`): one call each, with the caller's tenant client (`on`);
 * transactions and the paged ticket lists send the entities' items and keys themselves.
 */
import { DeleteCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import * as z from 'zod';
import { DomainError, notFound } from '../errors.ts';
import { ROLES, type Role } from '../auth/constants.ts';
import { db } from './client.ts';
import { onceInRequest } from './request-reads.ts';
import { indexKeys, keys } from './keys.ts';
import { on, onPlatform, tenantClient } from './entities/tenant.ts';
import { SessionEntity, TokenEntity, UserEmailEntity, UserEntity } from './entities/users.ts';
import { PlatformRateWindowEntity, RateWindowEntity, SlugEntity, TenantEntity, TicketCounterEntity } from './entities/tenancy.ts';
import { EventEntity, MessageEntity, TicketEntity, Tickets } from './entities/tickets.ts';
import { listTeamItemsWithDeleted } from './teams.ts';
import type { EventItem, MessageItem, Registration, SessionItem, TeamItem, TenantItem, TicketItem, TokenItem, TokenPurpose, UserItem } from './items.ts';
import type { Status } from '../tickets/schemas.ts';
import { queueFields } from '../tickets/queues.ts';

const T = () => config.tableName;
const strip = <I>(item: Record<string, unknown> | undefined): I | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, gsi4pk: _g, gsi4sk: _h, ...rest } = item;
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

/** Whether a transaction was cancelled because another one was changing the same item at that moment. */
const inConflict = (err: unknown) =>
  err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/** Whether a write was refused by its condition (an ElectroDB call passes the SDK's error through). */
const isConditionFailure = (err: unknown) => err instanceof ConditionalCheckFailedException;

// ---- tenants -------------------------------------------------------------------------

/** Sign-up: claim the slug, create the tenant and its first admin, all or nothing. */
export async function createTenantWithAdmin(tenant: TenantItem, admin: UserItem): Promise<void> {
  const put = (params: { Item?: unknown }) => ({ TableName: T(), Item: params.Item as Record<string, unknown> });
  try {
    // The new tenant's credentials, plus exactly the one platform key it claims.
    await db(tenant.id, [keys.slug(tenant.slug).pk]).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: { ...put(SlugEntity.put({ slug: tenant.slug, tenantId: tenant.id }).params({ table: T() })), ConditionExpression: 'attribute_not_exists(pk)' },
          },
          { Put: { ...put(TenantEntity.put(tenant).params({ table: T() })), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: put({ Item: userRow(tenant.id, admin) }) },
          { Put: put(UserEmailEntity.put({ tenantId: tenant.id, email: admin.email, userId: admin.userId }).params({ table: T() })) },
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
  return (await SlugEntity.get({ slug }).go(onPlatform())).data?.tenantId;
}

/** A tenant's settings and branding; read once per request or change (request-reads.ts), each caller gets its own copy. */
export async function getTenant(tenantId: string): Promise<TenantItem | undefined> {
  const tenant = await onceInRequest(
    tenantId,
    async () => ((await TenantEntity.get({ id: tenantId }).go(on(tenantId))).data ?? undefined) as TenantItem | undefined,
  );
  return structuredClone(tenant);
}

/**
 * Change a tenant's settings, only if they are still at `expectedVersion` (what the admin saw):
 * two admins cannot silently undo each other. Returns the new state.
 */
export async function updateTenant(
  tenantId: string,
  set: Partial<Pick<TenantItem, 'name' | 'branding' | 'defaultLanguage' | 'timeZone' | 'publicKnowledge'>>,
  expectedVersion: number,
): Promise<TenantItem> {
  const fields = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  try {
    const r = await TenantEntity.patch({ id: tenantId })
      .set({ ...fields, version: expectedVersion + 1 })
      .where(({ version }, { eq, notExists }) => (expectedVersion === 0 ? `(${notExists(version)} OR ${eq(version, 0)})` : eq(version, expectedVersion)))
      .go({ ...on(tenantId), response: 'all_new' });
    return r.data as TenantItem;
  } catch (err) {
    if (isConditionFailure(err)) throw new DomainError('conflict', 'The settings were changed meanwhile; reload and try again');
    throw err;
  }
}

/** Suspend a tenant at `at`, or lift it (`null`); an operator's act, not a settings change (no version). */
export async function setTenantSuspension(tenantId: string, at: string | null): Promise<void> {
  const patch = TenantEntity.patch({ id: tenantId });
  await (at ? patch.set({ suspendedAt: at }) : patch.remove(['suspendedAt'])).go({ ...on(tenantId), response: 'none' });
}

// ---- users ---------------------------------------------------------------------------

/** A user as the entity stores it: keys and index keys from its templates. */
function userRow(tenantId: string, u: UserItem): Record<string, unknown> {
  return UserEntity.put({ ...u, tenantId }).params({ table: T() }).Item as Record<string, unknown>;
}

/** What an entity read returns, as the item shape the domain knows (without the key attribute). */
function asUser(data: Record<string, unknown> | null | undefined): UserItem | undefined {
  if (!data) return undefined;
  const { tenantId: _t, ...user } = data;
  return user as unknown as UserItem;
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
  const address = UserEmailEntity.put({ tenantId, email: u.email, userId: u.userId, ...(u.expiresAt ? { expiresAt: u.expiresAt } : {}) }).params({
    table: T(),
  });
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: T(),
              Item: address.Item,
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
  if (!userId) return undefined;
  const r = await UserEntity.get({ tenantId, userId }).go(on(tenantId));
  const u = asUser(r.data);
  return alive(u) ? u : undefined;
}

/** A user by email (sign-in, password reset). */
export async function getUserByEmail(tenantId: string, email: string): Promise<UserItem | undefined> {
  const ref = (await UserEmailEntity.get({ tenantId, email }).go(on(tenantId))).data ?? undefined;
  return alive(ref) ? getUser(tenantId, ref!.userId) : undefined;
}

/** Keep an unconfirmed registration (user and address) until `expiresAt`; a confirmed one is left alone. */
export async function extendUnconfirmed(tenantId: string, u: UserItem, expiresAt: number): Promise<void> {
  const later = { ConditionExpression: 'attribute_exists(expiresAt) AND expiresAt < :exp', ExpressionAttributeValues: { ':exp': expiresAt } };
  try {
    await tenantClient(tenantId).send(
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
  // The index keys of the confirmed name (and of the address index, which older items lack).
  const row = userRow(tenantId, { ...u, name: reg.name });
  const set = setClause({
    ...fields,
    passwordHash: reg.passwordHash,
    emailVerified: true,
    registeredAt: reg.at,
    nameKey: row.nameKey,
    gsi1sk: row.gsi1sk,
    gsi2pk: row.gsi2pk,
    gsi2sk: row.gsi2sk,
  });
  const removed = [
    'expiresAt',
    ...Object.entries(fields)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k),
  ];
  try {
    await tenantClient(tenantId).send(
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

/** Where a user list continues: which query of the search, and the last user it returned there. */
const UserCursor = z.object({
  p: z
    .number()
    .int()
    .min(0)
    .max(2 * ROLES.length),
  id: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
  s: z.string().max(1200).optional(),
});
const invalidCursor = () =>
  new DomainError('validation_failed', 'The cursor is not one this list gave out', [{ path: 'cursor', message: 'invalid cursor', code: 'invalid_cursor' }]);

function decodeUserCursor(cursor: string | undefined): z.infer<typeof UserCursor> | undefined {
  if (!cursor) return undefined;
  try {
    return UserCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor();
  }
}

/** A page of confirmed users and, when more follow, where the next page starts. */
export interface UserPage {
  items: UserItem[];
  nextCursor?: string;
}

/**
 * Confirmed users of a tenant, a page at a time. Without `prefix`: by role, then name. With
 * it: for each role asked for, first those whose name starts with it (gsi1), then those whose
 * address does (gsi2; a user already found by name is not repeated). The cursor names the
 * query and the last user returned; its keys are rebuilt for the caller's tenant.
 */
export async function listUsers(tenantId: string, opts: { role?: Role; prefix?: string; cursor?: string; limit: number }): Promise<UserPage> {
  const prefix = opts.prefix?.toLowerCase();
  const go = (cursor: string | null, limit: number) => ({ ...on(tenantId), cursor, limit, pages: 1 as const });
  type Run = (cursor: string | null, limit: number) => Promise<{ data: Record<string, unknown>[]; cursor: string | null }>;
  const queries: { index: 'gsi1' | 'gsi2'; run: Run }[] = prefix
    ? (opts.role ? [opts.role] : ROLES).flatMap((role) => [
        {
          index: 'gsi1' as const,
          run: ((c, n) =>
            UserEntity.query
              .byName({ tenantId })
              .begins({ role, nameKey: prefix })
              .where(({ emailVerified }, { eq }) => eq(emailVerified, true))
              .go(go(c, n))) as Run,
        },
        {
          index: 'gsi2' as const,
          run: ((c, n) =>
            UserEntity.query
              .byEmail({ tenantId })
              .begins({ role, email: prefix })
              .where(({ emailVerified }, { eq }) => eq(emailVerified, true))
              .go(go(c, n))) as Run,
        },
      ])
    : [
        {
          index: 'gsi1',
          run: ((c, n) =>
            (opts.role ? UserEntity.query.byName({ tenantId, role: opts.role }) : UserEntity.query.byName({ tenantId }))
              .where(({ emailVerified }, { eq }) => eq(emailVerified, true))
              .go(go(c, n))) as Run,
        },
      ];
  const from = decodeUserCursor(opts.cursor);
  if (from && from.p >= queries.length) throw invalidCursor();
  let p = from?.p ?? 0;
  // ElectroDB's cursor is the last evaluated key; ours only names the user and its index position.
  let start: Record<string, string> | undefined =
    from?.id === undefined
      ? undefined
      : { ...keys.user(tenantId, from.id), [`${queries[p]!.index}pk`]: indexKeys.userListPk(tenantId), [`${queries[p]!.index}sk`]: from.s ?? '' };
  const items: UserItem[] = [];
  while (p < queries.length && items.length < opts.limit) {
    const q = queries[p]!;
    const r = await q.run(start ? Buffer.from(JSON.stringify(start)).toString('base64url') : null, opts.limit - items.length);
    for (const data of r.data) {
      const u = asUser(data)!;
      // found by its name already, by this role's name query
      if (q.index === 'gsi2' && prefix && u.name.toLowerCase().startsWith(prefix)) continue;
      items.push(u);
    }
    start = r.cursor ? (JSON.parse(Buffer.from(r.cursor, 'base64url').toString('utf8')) as Record<string, string>) : undefined;
    if (!start) p++;
  }
  if (p >= queries.length) return { items };
  const at = start && { id: start.pk!.slice(start.pk!.lastIndexOf('#') + 1), s: start[`${queries[p]!.index}sk`] };
  return { items, nextCursor: Buffer.from(JSON.stringify({ p, ...at })).toString('base64url') };
}

/** Fields of a user that may change after it exists. */
export type UserChange = Partial<Pick<UserItem, 'emailVerified' | 'passwordHash' | 'name' | 'language' | 'registeredAt' | 'role'>>;

/**
 * Set fields of an existing user (verification, password, name, language, role); a new name or
 * role moves its index keys along. With `expectedVersion`, only if nobody changed it meanwhile.
 * Returns the new state.
 */
export async function updateUser(tenantId: string, userId: string, set: UserChange, expectedVersion?: number): Promise<UserItem> {
  const fields = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as UserChange;
  if (Object.keys(fields).length === 0)
    throw new DomainError('validation_failed', 'Nothing to change', [{ path: '', message: 'no field to change', code: 'empty_update' }]);
  const current = await getUser(tenantId, userId);
  if (!current) throw notFound('User');
  const version = current.version ?? 0;
  if (expectedVersion !== undefined && expectedVersion !== version) throw new DomainError('conflict', 'The user was changed meanwhile; reload and try again');
  try {
    const r = await UserEntity.patch({ tenantId, userId })
      .set({ ...fields, name: fields.name ?? current.name, role: fields.role ?? current.role, version: version + 1 })
      .composite({ email: current.email })
      .where(({ version: v }, { eq, notExists }) => (version === 0 ? `(${notExists(v)} OR ${eq(v, 0)})` : eq(v, version)))
      .go({ ...on(tenantId), response: 'all_new' });
    return asUser(r.data as Record<string, unknown>)!;
  } catch (err) {
    if (isConditionFailure(err)) throw new DomainError('conflict', 'The user was changed meanwhile; reload and try again');
    throw err;
  }
}

/**
 * Change a user's role, unless that leaves the tenant without an admin: the write checks, in the
 * same transaction, that another admin still is one (two admins demoting each other at once
 * cannot both succeed). Returns the new state.
 */
export async function changeUserRole(
  tenantId: string,
  user: UserItem,
  role: Role,
  expectedVersion: number,
  otherAdmin: UserItem | undefined,
): Promise<UserItem> {
  const row = userRow(tenantId, { ...user, role, version: expectedVersion + 1 });
  const leavesAdmins = user.role === 'admin' && role !== 'admin';
  if (leavesAdmins && !otherAdmin) throw lastAdmin();
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: T(),
              Key: keys.user(tenantId, user.userId),
              UpdateExpression: 'SET #role = :role, gsi1sk = :g1, gsi2pk = :g2pk, gsi2sk = :g2, version = :next',
              ConditionExpression: 'attribute_exists(pk) AND (version = :v OR (attribute_not_exists(version) AND :v = :zero))',
              ExpressionAttributeNames: { '#role': 'role' },
              ExpressionAttributeValues: {
                ':role': role,
                ':g1': row.gsi1sk,
                ':g2pk': row.gsi2pk,
                ':g2': row.gsi2sk,
                ':next': expectedVersion + 1,
                ':v': expectedVersion,
                ':zero': 0,
              },
            },
          },
          ...(leavesAdmins ? [stillAdmin(tenantId, otherAdmin!)] : []),
        ],
      }),
    );
  } catch (err) {
    if (failedIndex(err) === 0) throw new DomainError('conflict', 'The user was changed meanwhile; reload and try again');
    if (failedIndex(err) === 1) throw lastAdmin();
    throw err;
  }
  return { ...user, role, version: expectedVersion + 1 };
}

/**
 * Remove an account: the user and its address item go together (the address is free again),
 * unless it is the last admin (checked in the same transaction, as for a role change).
 */
export async function removeUser(tenantId: string, user: UserItem, otherAdmin: UserItem | undefined): Promise<void> {
  if (user.role === 'admin' && !otherAdmin) throw lastAdmin();
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: T(), Key: keys.user(tenantId, user.userId), ConditionExpression: 'attribute_exists(pk)' } },
          {
            Delete: {
              TableName: T(),
              Key: keys.userEmail(tenantId, user.email),
              ConditionExpression: 'attribute_not_exists(pk) OR userId = :uid',
              ExpressionAttributeValues: { ':uid': user.userId },
            },
          },
          ...(user.role === 'admin' ? [stillAdmin(tenantId, otherAdmin!)] : []),
        ],
      }),
    );
  } catch (err) {
    if (failedIndex(err) === 0) throw notFound('User');
    if (failedIndex(err) === 2) throw lastAdmin();
    throw err;
  }
}

const lastAdmin = () => new DomainError('last_admin', 'The organisation needs at least one other admin first');

/** A transaction part that holds only while `admin` is still a confirmed admin. */
function stillAdmin(tenantId: string, admin: UserItem) {
  return {
    ConditionCheck: {
      TableName: T(),
      Key: keys.user(tenantId, admin.userId),
      ConditionExpression: '#role = :admin AND #ev = :yes',
      ExpressionAttributeNames: { '#role': 'role', '#ev': 'emailVerified' },
      ExpressionAttributeValues: { ':admin': 'admin', ':yes': true },
    },
  };
}

/** A confirmed admin of the tenant other than `userId`, if there is one (gsi1, `admin#…`). */
export async function otherAdminOf(tenantId: string, userId: string): Promise<UserItem | undefined> {
  let cursor: string | null = null;
  do {
    const r: { data: { userId: string }[]; cursor: string | null } = await UserEntity.query
      .byName({ tenantId, role: 'admin' })
      .where(({ emailVerified }, { eq }) => eq(emailVerified, true))
      .go({ ...on(tenantId), cursor, pages: 1 });
    const found = r.data.find((u) => u.userId !== userId);
    if (found) return asUser(found as Record<string, unknown>);
    cursor = r.cursor;
  } while (cursor);
  return undefined;
}

// ---- sessions, one-time tokens, rate limits --------------------------------------------

/** Store a session under the hash of its token, listed among its user's sessions. */
export async function putSession(tenantId: string, tokenHash: string, s: SessionItem): Promise<void> {
  await SessionEntity.create({ ...s, tenantId, tokenHash }).go({ ...on(tenantId), response: 'none' });
}

/** End every session of a user (password reset, role change, removal): every page of gsi2. */
export async function deleteSessionsOfUser(tenantId: string, userId: string): Promise<number> {
  let ended = 0;
  let cursor: string | null = null;
  do {
    const r: { data: unknown; cursor: string | null } = await SessionEntity.query
      .byUser({ tenantId, userId })
      .go({ ...on(tenantId), cursor, pages: 1, data: 'includeKeys' });
    const page = r.data as unknown as { pk: string; sk: string }[];
    await Promise.all(page.map((i) => tenantClient(tenantId).send(new DeleteCommand({ TableName: T(), Key: { pk: i.pk, sk: i.sk } }))));
    ended += page.length;
    cursor = r.cursor;
  } while (cursor);
  return ended;
}

/** A live session by token hash (expired ones count as absent). */
export async function getSession(tenantId: string, tokenHash: string): Promise<SessionItem | undefined> {
  const s = (await SessionEntity.get({ tenantId, tokenHash }).go(on(tenantId))).data;
  if (!s || s.expiresAt <= epoch()) return undefined;
  const { tenantId: _t, tokenHash: _h, ...session } = s;
  return session as SessionItem;
}

/** End a session. */
export async function deleteSession(tenantId: string, tokenHash: string): Promise<void> {
  await SessionEntity.delete({ tenantId, tokenHash }).go({ ...on(tenantId), response: 'none' });
}

/** Store a one-time token (verification, reset, invitation) under its hash. */
export async function putToken(tenantId: string, tokenHash: string, tok: TokenItem): Promise<void> {
  await TokenEntity.put({ ...tok, tenantId, tokenHash }).go({ ...on(tenantId), response: 'none' });
}

/** A token as the domain knows it (without its key attributes). */
function asToken(data: Record<string, unknown> | null | undefined): TokenItem | undefined {
  if (!data) return undefined;
  const { tenantId: _t, tokenHash: _h, ...tok } = data;
  return tok as unknown as TokenItem;
}

/** A one-time token that is still valid for `purpose`, without using it up. */
export async function peekToken(tenantId: string, tokenHash: string, purpose: TokenPurpose): Promise<TokenItem | undefined> {
  const tok = asToken((await TokenEntity.get({ tenantId, tokenHash }).go({ ...on(tenantId), consistent: true })).data);
  return tok && tok.purpose === purpose && tok.expiresAt > epoch() ? tok : undefined;
}

/** Use up a one-time token of one of `purposes`: deleted on read, so a second use finds nothing. */
export async function consumeToken(tenantId: string, tokenHash: string, purposes: TokenPurpose[]): Promise<TokenItem | undefined> {
  try {
    const r = await TokenEntity.delete({ tenantId, tokenHash })
      .where(
        ({ purpose, expiresAt }, { exists, eq, gt }) =>
          `${exists(purpose)} AND (${purposes.map((p) => eq(purpose, p)).join(' OR ')}) AND ${gt(expiresAt, epoch())}`,
      )
      .go({ ...on(tenantId), response: 'all_old' });
    return asToken(r.data as Record<string, unknown> | null);
  } catch (err) {
    if (isConditionFailure(err)) return undefined;
    throw err;
  }
}

/** One rate window's item: how many attempts it holds, and counting one more below a limit. */
interface RateWindow {
  attempts(window: number): Promise<number>;
  /** Counts one attempt unless `allowed` are already in; false when full. */
  add(window: number, allowed: number, expiresAt: number): Promise<boolean>;
}

/** Counts one attempt, unless full: the write's condition is the limit. */
async function counted(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

const tenantWindow = (tenantId: string, scope: string, id: string): RateWindow => ({
  attempts: async (window) => (await RateWindowEntity.get({ tenantId, scope, id, window }).go(on(tenantId))).data?.attempts ?? 0,
  add: (window, allowed, expiresAt) =>
    counted(() =>
      RateWindowEntity.update({ tenantId, scope, id, window })
        .add({ attempts: 1 })
        .set({ expiresAt })
        .where(({ attempts }, { notExists, lt }) => `${notExists(attempts)} OR ${lt(attempts, allowed)}`)
        .go({ ...on(tenantId), response: 'none' }),
    ),
});

const platformWindow = (scope: string, id: string): RateWindow => ({
  attempts: async (window) => (await PlatformRateWindowEntity.get({ scope, id, window }).go(onPlatform())).data?.attempts ?? 0,
  add: (window, allowed, expiresAt) =>
    counted(() =>
      PlatformRateWindowEntity.update({ scope, id, window })
        .add({ attempts: 1 })
        .set({ expiresAt })
        .where(({ attempts }, { notExists, lt }) => `${notExists(attempts)} OR ${lt(attempts, allowed)}`)
        .go({ ...onPlatform(), response: 'none' }),
    ),
});

/**
 * Count one attempt in a sliding window, approximated from two fixed ones: the last window's
 * count weighs as much as it still overlaps the sliding one. The last window is closed (no
 * more writes), so one read of it and one conditional write of the current window suffice.
 */
async function hitWindow(rate: RateWindow, windowSeconds: number, max: number): Promise<boolean> {
  const now = epoch();
  const window = Math.floor(now / windowSeconds);
  const last = await rate.attempts(window - 1);
  const weight = 1 - (now - window * windowSeconds) / windowSeconds;
  // current + last × weight < max, with the weighted count rounded up: near a window's start the
  // last window still counts in full, so a limit of n never lets n + 1 through at the boundary.
  const allowed = max - Math.ceil(last * weight);
  if (allowed <= 0) return false;
  // Kept through the next window, which still weighs it.
  return rate.add(window, allowed, (window + 2) * windowSeconds + 60);
}

/** Count one attempt in a tenant's sliding window; false when it is already full. */
export async function hitRateWindow(tenantId: string, scope: string, id: string, windowSeconds: number, max: number): Promise<boolean> {
  return hitWindow(tenantWindow(tenantId, scope, id), windowSeconds, max);
}

/** Count one attempt in a platform-wide sliding window (before any tenant exists, e.g. sign-up). */
export async function hitPlatformRateWindow(scope: string, id: string, windowSeconds: number, max: number): Promise<boolean> {
  return hitWindow(platformWindow(scope, id), windowSeconds, max);
}

// ---- tickets -------------------------------------------------------------------------

/** Draw the next ticket number of a tenant (#1, #2, …). */
export async function nextTicketNumber(tenantId: string): Promise<number> {
  const r = await TicketCounterEntity.update({ tenantId })
    .add({ value: 1 })
    .go({ ...on(tenantId), response: 'updated_new' });
  return Number(r.data.value);
}

/** Store a new ticket under a freshly drawn number. */
export async function putNewTicket(tenantId: string, tk: TicketItem): Promise<void> {
  await TicketEntity.create({ ...tk, ...queueFields(tk), tenantId }).go({ ...on(tenantId), response: 'none' });
}

/** An entity's item as the domain knows it (without the key attribute). */
function withoutTenant<I>(data: Record<string, unknown>): I {
  const { tenantId: _t, ...item } = data;
  return item as I;
}

/**
 * The ticket fields a change (`saveTicketChange`) writes; the rest is fixed at creation
 * (subject, requester, …) or written by its own pattern (`ackSentAt`, `lock`).
 */
export const CHANGEABLE_TICKET_FIELDS = [
  'status',
  'priority',
  'category',
  'stage',
  'resumeStage',
  'type',
  'assigneeId',
  'assigneeName',
  'teamId',
  'coordinatorDueDate',
  'instruction',
  'routedBy',
  'visibility',
  'subTickets',
  'resolution',
  'solution',
  'unsolvableReason',
  'pendingUntil',
  'estimateHours',
  'difficulty',
  'progress',
  'responsibleId',
  'responsibleName',
  'timerGeneration',
  'sla',
  'slaPolicyId',
  'slaClock',
  'slaDueAt',
  'slaWarnAt',
  'slaCalendarId',
  'mergedInto',
  'topicId', // issue 9: staff file a ticket under another topic (shared/tickets/topic.ts)
] as const satisfies readonly (keyof TicketItem)[];

/** A ticket by number (what a change needs). */
export async function getTicket(tenantId: string, number: number): Promise<TicketItem | undefined> {
  const r = await TicketEntity.get({ tenantId, number }).go(on(tenantId));
  return r.data ? withoutTenant<TicketItem>(r.data) : undefined;
}

/** A ticket by number, read consistently: the timer decides what is still owed from it (issue 7). */
export async function getTicketConsistent(tenantId: string, number: number): Promise<TicketItem | undefined> {
  const r = await TicketEntity.get({ tenantId, number }).go({ ...on(tenantId), consistent: true });
  return r.data ? withoutTenant<TicketItem>(r.data) : undefined;
}

/** A ticket with its messages and events, oldest first: the `thread` collection, every page of one Query. */
export async function getTicketPartition(
  tenantId: string,
  number: number,
): Promise<{ ticket: TicketItem; messages: MessageItem[]; events: EventItem[] } | undefined> {
  const { data } = await Tickets.collections.thread({ tenantId, number }).go({ ...on(tenantId), pages: 'all' });
  const [ticket] = data.ticket;
  if (!ticket) return undefined;
  return {
    ticket: withoutTenant<TicketItem>(ticket),
    messages: data.message.map((m) => withoutTenant<MessageItem>(m)),
    events: data.event.map((e) => withoutTenant<EventItem>(e)),
  };
}

/**
 * The conditional update of a changed ticket, for a transaction: only what a change may touch,
 * so attributes written meanwhile by others (the acknowledgement, the reply lease) survive; the
 * entity moves the index keys along, and the work-list index attributes follow the fields they
 * are computed from (`tickets/queues.ts`). A changeable field left out (undefined) is removed.
 * Lands only at `expectedVersion` (missing = 0) and raises it (`nextVersion`: the backfill keeps it, `tickets/backfill.ts`).
 */
export function ticketUpdate(tenantId: string, ticket: TicketItem, expectedVersion: number, nextVersion = expectedVersion + 1) {
  const set: Record<string, unknown> = { updatedAt: ticket.updatedAt, version: nextVersion, ...queueFields(ticket) };
  const remove: string[] = [];
  for (const f of CHANGEABLE_TICKET_FIELDS) {
    if (ticket[f] === undefined) remove.push(f);
    else set[f] = ticket[f];
  }
  return TicketEntity.patch({ tenantId, number: ticket.number })
    .set(set as never)
    .remove(remove as never)
    .composite({ createdAt: ticket.createdAt })
    .where(({ version }, { eq, notExists }) => (expectedVersion === 0 ? `(${notExists(version)} OR ${eq(version, 0)})` : eq(version, expectedVersion)))
    .params({ table: T() });
}

/** A new ticket's item for a transaction, with its work-list index attributes (`putNewTicket` writes the same alone). */
export const newTicketPut = (tenantId: string, tk: TicketItem) => TicketEntity.create({ ...tk, ...queueFields(tk), tenantId }).params({ table: T() });

/**
 * Write a changed ticket together with new messages and events, all or nothing. The write only
 * lands if the ticket is still at `expectedVersion` (optimistic lock; old tickets count as 0),
 * and raises it by one.
 */
export async function saveTicketChange(
  tenantId: string,
  ticket: TicketItem,
  expectedVersion: number,
  added: (MessageItem | EventItem)[],
  /** Updates of other items in the same transaction (each an `Update` item's parameters, e.g. attaching an upload). */
  extra: readonly Record<string, unknown>[] = [],
): Promise<void> {
  const update = ticketUpdate(tenantId, ticket, expectedVersion);
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: update as never },
          ...added.map((a) => ({
            Put: (a.kind === 'message'
              ? MessageEntity.create({ ...a, tenantId }).params({ table: T() })
              : EventEntity.create({ ...a, number: ticket.number, tenantId }).params({ table: T() })) as never,
          })),
          ...extra.map((u) => ({ Update: u as never })),
        ],
      }),
    );
  } catch (err) {
    // Refused by the version condition, or by a concurrent transaction on the same ticket
    // (DynamoDB cancels one of two at once with TransactionConflict): either way, someone else's change.
    if (failedIndex(err) === 0 || inConflict(err)) throw new DomainError('conflict', 'The ticket was changed meanwhile; reload and try again');
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
    await TicketEntity.patch({ tenantId, number })
      .set({ ackSentAt: at })
      .where(({ ackSentAt }, { notExists }) => notExists(ackSentAt))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

// ---- teams ---------------------------------------------------------------------------

/** Every live team of a tenant, by id (one partition; a tenant has a handful); deleted ones left out, `db/teams.ts` has them too. */
export async function listTeamItems(tenantId: string): Promise<TeamItem[]> {
  return (await listTeamItemsWithDeleted(tenantId)).filter((t) => !t.deletedAt);
}
