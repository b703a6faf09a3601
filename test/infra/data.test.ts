import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectionOf, TABLE } from '../../shared/db/table.ts';
import { resourcesOfType, type Synthesized, synthHelpdesk } from './_app.ts';

let s: Synthesized;
beforeAll(async () => {
  s = await synthHelpdesk();
});

describe('data stack: the one DynamoDB table', () => {
  it('holds exactly one table, keyed as shared/db/table.ts says', () => {
    s.templates.data.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
    });
  });

  it('is billed on demand', () => {
    s.templates.data.hasResourceProperties('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST' });
  });

  it('has point-in-time recovery and a stream of new and old images', () => {
    s.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('is encrypted at rest with a KMS key', () => {
    s.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('expires items by the TTL attribute', () => {
    s.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    });
  });

  it('has every GSI of shared/db/table.ts, projecting the list attributes only', () => {
    const [table] = Object.values(resourcesOfType(s.templates.data, 'AWS::DynamoDB::Table'));
    const gsis = table!.Properties!.GlobalSecondaryIndexes as {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string; NonKeyAttributes: string[] };
    }[];
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(Object.keys(TABLE.indexes).sort());
    for (const [name, keys] of Object.entries(TABLE.indexes)) {
      const gsi = gsis.find((g) => g.IndexName === name)!;
      expect(gsi.KeySchema).toEqual([
        { AttributeName: keys.partitionKey, KeyType: 'HASH' },
        { AttributeName: keys.sortKey, KeyType: 'RANGE' },
      ]);
      expect(gsi.Projection.ProjectionType).toBe('INCLUDE');
      expect([...gsi.Projection.NonKeyAttributes].sort()).toEqual([...projectionOf(name as keyof typeof TABLE.indexes)].sort());
    }
    // DynamoDB refuses more than 100 projected attributes summed over a table's indexes.
    expect(gsis.reduce((n, g) => n + g.Projection.NonKeyAttributes.length, 0)).toBeLessThanOrEqual(100);
    // …and an index that names an attribute twice.
    for (const g of gsis) expect(new Set(g.Projection.NonKeyAttributes).size, g.IndexName).toBe(g.Projection.NonKeyAttributes.length);
  });

  it('survives the deletion of its stack (RETAIN) and is protected from deletion', () => {
    s.templates.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});

describe('tenant isolation enforced by IAM', () => {
  type Statement = { Action: string | string[]; Condition?: Record<string, Record<string, unknown>>; Resource?: unknown };
  const statementsOf = (t: Synthesized['templates']['data']) =>
    Object.values(resourcesOfType(t, 'AWS::IAM::Policy')).flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
  const dynamo = (st: Statement) =>
    [st.Action]
      .flat()
      .some(
        (a) =>
          a.startsWith('dynamodb:') &&
          a !== 'dynamodb:GetRecords' &&
          !a.startsWith('dynamodb:DescribeStream') &&
          !a.startsWith('dynamodb:GetShardIterator') &&
          !a.startsWith('dynamodb:ListStreams'),
      );

  it('the tenant-access role reaches only keys starting with the session’s tenant tag (and slug claims)', () => {
    const [role] = Object.values(resourcesOfType(s.templates.data, 'AWS::IAM::Role'));
    const trust = JSON.stringify(role!.Properties!.AssumeRolePolicyDocument);
    expect(trust).toContain('sts:TagSession');
    const [statement] = statementsOf(s.templates.data).filter(dynamo);
    expect(statement!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/tenant}', '${aws:PrincipalTag/tenant}#*', '~slug#*', '~mailaddr#*'] },
    });
  });

  it('no function reaches a tenant’s items with its own role: only platform keys, and the tenant role with a tenant tag', () => {
    for (const t of [s.templates.api, s.templates.effects, s.templates.workflow]) {
      const statements = statementsOf(t);
      for (const st of statements.filter(dynamo)) expect(st.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['~*'] } });
      const assume = statements.filter((st) => [st.Action].flat().includes('sts:AssumeRole'));
      expect(assume.length).toBeGreaterThan(0);
      for (const st of assume) expect(st.Condition).toEqual({ StringLike: { 'aws:RequestTag/tenant': '????????????????' } });
    }
  });

  it('every function that touches the table knows the tenant-access role and its own access level', () => {
    for (const t of [s.templates.api, s.templates.effects, s.templates.workflow]) {
      for (const fn of Object.values(resourcesOfType(t, 'AWS::Lambda::Function'))) {
        const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(vars.TENANT_ACCESS_ROLE_ARN, String(fn.Properties!.Description)).toBeDefined();
        expect(['read', 'write']).toContain(vars.TABLE_ACCESS);
      }
    }
  });
});
