import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIST_PROJECTION, TABLE } from '../../shared/db/table.ts';
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
      expect([...gsi.Projection.NonKeyAttributes].sort()).toEqual([...LIST_PROJECTION].sort());
    }
  });

  it('survives the deletion of its stack (RETAIN) and is protected from deletion', () => {
    s.templates.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});
