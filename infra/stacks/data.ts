/**
 * Data: the one DynamoDB table (single-table design, every key partitioned by tenant), shaped by
 * `shared/db/table.ts` so the cloud and the local stack create the same keys and indexes.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { LIST_PROJECTION, TABLE } from '../../shared/db/table.ts';

export class DataStack extends Stack {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // `Table` (AWS::DynamoDB::Table) rather than `TableV2` (GlobalTable): one region is enough,
    // and cdk-nag's DynamoDB rules inspect AWS::DynamoDB::Table.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, keys] of Object.entries(TABLE.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: keys.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: keys.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...LIST_PROJECTION],
      });
    }
  }
}

/**
 * Item-level read/write on the table and its named GSIs, for a function's role. Tighter than
 * `table.grantReadWriteData()`: no `<table>/index/*` wildcard, no stream actions, and no Scan
 * (every access goes by a tenant-partitioned key; transactions need no extra actions).
 */
/** What the code reads with (shared/db/store.ts): single items and queries. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
/** Reads plus what the code writes with; transactions are authorised per item action. */
export const TABLE_READ_WRITE_ACTIONS = [
  ...TABLE_READ_ACTIONS,
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export function grantTableReadWrite(grantee: iam.IGrantable, table: dynamodb.ITable, readOnly = false): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: [...(readOnly ? TABLE_READ_ACTIONS : TABLE_READ_WRITE_ACTIONS)],
    resourceArns: [table.tableArn, ...Object.keys(TABLE.indexes).map((name) => `${table.tableArn}/index/${name}`)],
  });
}
