/**
 * Users as ElectroDB entities against DynamoDB Local: items written the old way (by hand, from
 * `keys.ts`) read and change the same, the entities write exactly those keys, the tenant guard
 * holds, and the contact picker finds one customer among 5 000 by the start of a name or an
 * address, never one of another tenant.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { config, endpointFor } from '../../shared/config.ts';
import { dynamoClient, ensureTable } from '../../infra/local/dynamodb.ts';
import { db } from '../../shared/db/client.ts';
import { indexKeys, keys } from '../../shared/db/keys.ts';
import { UserEntity } from '../../shared/db/entities/users.ts';
import { createUser, getSession, getUser, getUserByEmail, listUsers, putSession, updateUser, type UserPage } from '../../shared/db/store.ts';
import { newId, newTenantId } from '../../shared/ids.ts';
import type { UserItem } from '../../shared/db/items.ts';

const raw = async (key: { pk: string; sk: string }) =>
  (await db(null).send(new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }))).Item;

const user = (over: Partial<UserItem> = {}): UserItem => ({
  kind: 'user',
  userId: newId(),
  name: 'Cora Customer',
  email: `cora.${newId().toLowerCase()}@c.example`,
  role: 'customer',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('items written before the entities', () => {
  it('read, list and change the same, under the same keys', async () => {
    const t = newTenantId();
    const old = user({ name: 'Olga Old' });
    // exactly as the hand-written store put them
    await db(t).send(
      new PutCommand({ TableName: config.tableName, Item: { ...keys.user(t, old.userId), ...indexKeys.userList(t, old.role, old.name, old.userId), ...old } }),
    );
    await db(t).send(new PutCommand({ TableName: config.tableName, Item: { ...keys.userEmail(t, old.email), userId: old.userId } }));
    const s = {
      kind: 'session' as const,
      userId: old.userId,
      role: old.role,
      name: old.name,
      email: old.email,
      createdAt: old.createdAt,
      expiresAt: 4_000_000_000,
    };
    await db(t).send(
      new PutCommand({ TableName: config.tableName, Item: { ...keys.session(t, 'h-old'), ...indexKeys.userSessions(t, old.userId, s.createdAt), ...s } }),
    );

    expect(await getUser(t, old.userId)).toMatchObject({ name: 'Olga Old', email: old.email, role: 'customer' });
    expect((await getUserByEmail(t, old.email))?.userId).toBe(old.userId);
    expect(await getSession(t, 'h-old')).toMatchObject({ userId: old.userId, role: 'customer' });
    expect((await listUsers(t, { role: 'customer', prefix: 'olg', limit: 10 })).items.map((u) => u.userId)).toEqual([old.userId]);

    // a new name moves the index key along; the item's own key stays; a missing version counts as 0
    const renamed = await updateUser(t, old.userId, { name: 'Olga Neu' }, 0);
    expect(renamed).toMatchObject({ name: 'Olga Neu', version: 1 });
    const stored = await raw(keys.user(t, old.userId));
    expect(stored).toMatchObject({ ...keys.user(t, old.userId), ...indexKeys.userList(t, 'customer', 'Olga Neu', old.userId), version: 1 });
    expect((await listUsers(t, { prefix: 'olga neu', limit: 10 })).items.map((u) => u.name)).toEqual(['Olga Neu']);
    expect((await listUsers(t, { prefix: 'olga old', limit: 10 })).items).toEqual([]);
    await expect(updateUser(t, old.userId, { name: 'Olga Stale' }, 0)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('the entities write exactly the keys the hand-written store wrote', async () => {
    const t = newTenantId();
    const u = user({ name: 'Kurt Keys', role: 'agent' });
    await createUser(t, u);
    expect(await raw(keys.user(t, u.userId))).toMatchObject({
      ...keys.user(t, u.userId),
      ...indexKeys.userList(t, 'agent', 'Kurt Keys', u.userId),
      kind: 'user',
    });
    expect(await raw(keys.userEmail(t, u.email))).toMatchObject({ userId: u.userId });
    await putSession(t, 'h-new', {
      kind: 'session',
      userId: u.userId,
      role: 'agent',
      name: u.name,
      email: u.email,
      createdAt: u.createdAt,
      expiresAt: 4_000_000_000,
    });
    expect(await raw(keys.session(t, 'h-new'))).toMatchObject({ ...indexKeys.userSessions(t, u.userId, u.createdAt), kind: 'session' });
  });
});

describe('the tenant guard', () => {
  it('refuses a malformed tenant id before any key is built, for reads and writes', async () => {
    await expect(getUser('0123456789abcdef#USER#x', 'y')).rejects.toThrow('invalid tenant id in key');
    await expect(createUser('ABC', user())).rejects.toThrow(/invalid tenant id in key/);
    expect(() => UserEntity.put({ ...user(), tenantId: 'not-a-tenant' }).params({ table: 't' })).toThrow(/invalid tenant id in key/);
  });

  it('an update with nothing to change is a validation error, not a failure', async () => {
    const t = newTenantId();
    const u = user();
    await createUser(t, u);
    await expect(updateUser(t, u.userId, {})).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(updateUser(t, u.userId, { name: undefined })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await getUser(t, u.userId)).toMatchObject({ name: u.name });
  });
});

describe('the contact picker among 5 000 customers', () => {
  const a = newTenantId();
  const b = newTenantId();
  const zelda = user({ name: 'Zelda Zimmermann', email: 'z.zimmermann@zettel.example', company: 'Zettel KG' });

  // A table of its own, created from the same definition (keys, indexes, projections): 5 000
  // writes to the shared table would queue up on the stream every other suite's effects wait on.
  const table = `helpdesk-picker-${randomBytes(4).toString('hex')}`;
  const shared = process.env.TABLE_NAME;
  afterAll(async () => {
    process.env.TABLE_NAME = shared;
    const client = dynamoClient(endpointFor('DYNAMODB')!);
    await client.send(new DeleteTableCommand({ TableName: table })).finally(() => client.destroy());
  });

  beforeAll(async () => {
    await ensureTable(endpointFor('DYNAMODB')!, table);
    process.env.TABLE_NAME = table;
    const many = Array.from({ length: 5000 }, (_, i) =>
      user({ name: `Customer ${String(i).padStart(4, '0')}`, email: `c${String(i).padStart(4, '0')}@many.example` }),
    );
    const items = [...many, zelda].map((u) => UserEntity.put({ ...u, tenantId: a }).params({ table: config.tableName }).Item);
    // the namesake in another tenant, and an unconfirmed registration under the same name
    items.push(
      UserEntity.put({ ...user({ name: 'Zelda Zimmermann', email: 'z.zimmermann@zettel.example' }), tenantId: b }).params({ table: config.tableName }).Item,
    );
    items.push(UserEntity.put({ ...user({ name: 'Zelda Zweifel', emailVerified: false }), tenantId: a }).params({ table: config.tableName }).Item);
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
    for (let i = 0; i < batches.length; i += 8) {
      await Promise.all(
        batches.slice(i, i + 8).map(async (batch) => {
          let request: Record<string, unknown>[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
          while (request?.length) {
            const r = await db(null).send(new BatchWriteCommand({ RequestItems: { [config.tableName]: request } }));
            request = r.UnprocessedItems?.[config.tableName] as Record<string, unknown>[] | undefined;
          }
        }),
      );
    }
  }, 120_000);

  it('finds her by the start of her name, in any case, and only her (not the other tenant’s namesake, not an unconfirmed one)', async () => {
    for (const prefix of ['zelda', 'Zelda Zi', 'ZELDA ZIMMERMANN']) {
      const page = await listUsers(a, { role: 'customer', prefix, limit: 25 });
      expect(page.items.map((u) => u.userId)).toEqual([zelda.userId]);
      expect(page.nextCursor).toBeUndefined();
    }
    expect((await listUsers(a, { prefix: 'zel', limit: 25 })).items.map((u) => u.company)).toEqual(['Zettel KG']);
  });

  it('finds her by the start of her address', async () => {
    expect((await listUsers(a, { role: 'customer', prefix: 'z.zimmer', limit: 25 })).items.map((u) => u.userId)).toEqual([zelda.userId]);
    expect((await listUsers(a, { role: 'customer', prefix: 'z.zimmermann@zettel.example', limit: 25 })).items.map((u) => u.userId)).toEqual([zelda.userId]);
    expect((await listUsers(b, { role: 'customer', prefix: 'z.zimmermann@', limit: 25 })).items.map((u) => u.userId)).not.toContain(zelda.userId);
  });

  it('pages through every match with a cursor, none twice, none missing', async () => {
    const seen: string[] = [];
    let page: UserPage | undefined;
    let pages = 0;
    do {
      page = await listUsers(a, { role: 'customer', prefix: 'customer 00', cursor: page?.nextCursor, limit: 30 });
      seen.push(...page.items.map((u) => u.name));
      pages++;
    } while (page.nextCursor);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
    expect(seen[0]).toBe('Customer 0000');
    expect(seen.at(-1)).toBe('Customer 0099');
  });

  it('lists all 5 000 and more, page by page, without a cap', async () => {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await listUsers(a, { role: 'customer', cursor, limit: 100 });
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(count).toBe(5001);
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(listUsers(a, { prefix: 'z', cursor: 'bm9wZQ', limit: 5 })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
