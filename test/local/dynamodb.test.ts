/**
 * DynamoDB Local: persisted data survives a restart on the same folder, the table is created
 * once with its indexes and TTL, and no Java process outlives stop().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamoClient, ensureTable, startDynamoDb } from '../../infra/local/dynamodb.ts';
import { projectionOf, TABLE } from '../../shared/db/table.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('DynamoDB Local on a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-ddb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const key = (tenant: string) => ({ [TABLE.partitionKey]: { S: `TENANT#${tenant}` }, [TABLE.sortKey]: { S: 'TICKET#1' } });

  it('a second start on the same data folder keeps data', async () => {
    const first = await startDynamoDb({ storage: { dataDir: join(dir, 'dynamodb') } });
    let db = dynamoClient(first.endpoint);
    try {
      expect(await ensureTable(first.endpoint, 'helpdesk')).toBe(true);
      for (const tenant of ['tenant-a', 'tenant-b']) {
        await db.send(new PutItemCommand({ TableName: 'helpdesk', Item: { ...key(tenant), subject: { S: `printer of ${tenant}` } } }));
      }
    } finally {
      db.destroy();
      await first.stop();
    }
    expect(alive(first.pid)).toBe(false);

    const second = await startDynamoDb({ storage: { dataDir: join(dir, 'dynamodb') } });
    db = dynamoClient(second.endpoint);
    try {
      expect(await ensureTable(second.endpoint, 'helpdesk')).toBe(false);
      for (const tenant of ['tenant-a', 'tenant-b']) {
        const got = await db.send(new GetItemCommand({ TableName: 'helpdesk', Key: key(tenant) }));
        expect(got.Item?.subject?.S).toBe(`printer of ${tenant}`);
      }
    } finally {
      db.destroy();
      await second.stop();
    }
    expect(alive(second.pid)).toBe(false);
  }, 120_000); // two starts of Java and a table with four indexes: slow on a busy machine

  it('a table of an earlier version gets the indexes it lacks and a changed projection, keeping its items', async () => {
    const local = await startDynamoDb({ storage: 'inMemory' });
    const db = dynamoClient(local.endpoint);
    try {
      // The table as it was before the workflow's lists: gsi1 only, with a shorter projection.
      await db.send(
        new CreateTableCommand({
          TableName: 'helpdesk',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'gsi1',
              KeySchema: [
                { AttributeName: 'gsi1pk', KeyType: 'HASH' },
                { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['number', 'subject'] },
            },
          ],
        }),
      );
      await db.send(new PutItemCommand({ TableName: 'helpdesk', Item: { ...key('tenant-a'), subject: { S: 'kept' } } }));
      expect(await ensureTable(local.endpoint, 'helpdesk')).toBe(false);
      const { Table } = await db.send(new DescribeTableCommand({ TableName: 'helpdesk' }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(Object.keys(TABLE.indexes).sort());
      for (const i of Table?.GlobalSecondaryIndexes ?? []) {
        expect([...(i.Projection?.NonKeyAttributes ?? [])].sort(), i.IndexName).toEqual([...projectionOf(i.IndexName as keyof typeof TABLE.indexes)].sort());
      }
      expect((await db.send(new GetItemCommand({ TableName: 'helpdesk', Key: key('tenant-a') }))).Item?.subject?.S).toBe('kept');
    } finally {
      db.destroy();
      await local.stop();
    }
  }, 180_000); // DynamoDB Local builds the indexes one after another

  it('refuses a relative data folder instead of silently exiting', async () => {
    await expect(startDynamoDb({ storage: { dataDir: '.data/x' } })).rejects.toThrow(/absolute/);
  });
});

describe('the table of the shared test stack', () => {
  it('has the indexes of shared/db/table.ts and TTL on', async () => {
    const db = dynamoClient(process.env.AWS_ENDPOINT_URL_DYNAMODB!);
    try {
      const { Table } = await db.send(new DescribeTableCommand({ TableName: process.env.TABLE_NAME }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(Object.keys(TABLE.indexes).sort());
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      const ttl = await db.send(new DescribeTimeToLiveCommand({ TableName: process.env.TABLE_NAME }));
      expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: TABLE.ttlAttribute });
    } finally {
      db.destroy();
    }
  });

  it('is the one the handlers use: items of two tenants stay apart', async () => {
    const db = dynamoClient(process.env.AWS_ENDPOINT_URL_DYNAMODB!);
    const suffix = Math.random().toString(36).slice(2);
    try {
      for (const tenant of [`infra-a-${suffix}`, `infra-b-${suffix}`]) {
        await db.send(
          new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { pk: { S: `TENANT#${tenant}` }, sk: { S: 'PROBE' }, who: { S: tenant } } }),
        );
      }
      const a = await db.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: `TENANT#infra-a-${suffix}` }, sk: { S: 'PROBE' } } }));
      expect(a.Item?.who?.S).toBe(`infra-a-${suffix}`);
    } finally {
      db.destroy();
    }
  });
});
