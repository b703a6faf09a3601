/**
 * Data: the one DynamoDB table (single-table design, every key partitioned by tenant), shaped by
 * `shared/db/table.ts` so the cloud and the local stack create the same keys and indexes.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { projectionOf, TABLE } from '../../shared/db/table.ts';
import { TABLE_READ_ACTIONS, TABLE_READ_WRITE_ACTIONS, type TableAccess } from '../../shared/db/tenant-access.ts';

export { TABLE_READ_ACTIONS, TABLE_READ_WRITE_ACTIONS };

export class DataStack extends Stack {
  readonly table: dynamodb.Table;
  /** Assumed per tenant by every function that touches tenant items (see grantTenantScopedTable). */
  readonly tenantAccess: iam.Role;

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
        nonKeyAttributes: [...projectionOf(indexName as keyof typeof TABLE.indexes)],
      });
    }

    this.tenantAccess = new iam.Role(this, 'TenantAccess', {
      assumedBy: new iam.AccountRootPrincipal().withSessionTags(),
      description: "One tenant's items: assumed by the functions with the tenant as session tag and a session policy",
      maxSessionDuration: Duration.hours(1),
    });
    this.tenantAccess.addToPolicy(
      new iam.PolicyStatement({
        actions: [...TABLE_READ_WRITE_ACTIONS],
        resources: tableAndIndexArns(this.table),
        conditions: {
          'ForAllValues:StringLike': {
            // The tenant's own item and everything under it; sign-up also claims its slug, the
            // inbound settings their support addresses (issue 8).
            'dynamodb:LeadingKeys': [`\${aws:PrincipalTag/${TENANT_TAG}}`, `\${aws:PrincipalTag/${TENANT_TAG}}#*`, '~slug#*', '~mailaddr#*'],
          },
        },
      }),
    );
  }
}

/** Key of the session tag that names the tenant of a tenant-access session. */
export const TENANT_TAG = 'tenant';

/**
 * Table access for a function's role, tenant by tenant (`shared/db/tenant-access.ts`): the role
 * itself reaches only platform items (`~…`); every tenant's items go through the tenant-access
 * role, assumed with the tenant as session tag (the role's policy allows only keys starting with
 * it) and a session policy naming the tenant's keys. Item actions only, on the table and its
 * named GSIs: no Scan, no `index/*` wildcard, no stream actions.
 */
export function grantTenantScopedTable(fn: lambda.Function, table: dynamodb.ITable, tenantAccess: iam.IRole, access: TableAccess): void {
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: [...(access === 'read' ? TABLE_READ_ACTIONS : TABLE_READ_WRITE_ACTIONS)],
    resourceArns: tableAndIndexArns(table),
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['~*'] } },
  });
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      resources: [tenantAccess.roleArn],
      // Only as some tenant: a session without the tag would reach no key at all.
      conditions: { StringLike: { [`aws:RequestTag/${TENANT_TAG}`]: '????????????????' } },
    }),
  );
  fn.addEnvironment('TENANT_ACCESS_ROLE_ARN', tenantAccess.roleArn);
  fn.addEnvironment('TABLE_ACCESS', access);
}

function tableAndIndexArns(table: dynamodb.ITable): string[] {
  return [table.tableArn, ...Object.keys(TABLE.indexes).map((name) => `${table.tableArn}/index/${name}`)];
}
