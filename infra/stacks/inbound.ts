/**
 * Inbound mail (issue 8, M1): SES receives mail for INBOUND_MAIL_DOMAIN (its MX record points at
 * SES inbound), a receipt rule stores each raw mail in the files bucket under `inbound/` (no
 * tenant is known yet) and then invokes the inbound function with the SES notification (the
 * envelope recipients). The function reads `inbound/*`, writes the tenant's copy (`{T}/raw/*`)
 * and the mail's files (`{T}/att/*`), and the table through tenant-scoped credentials; nothing
 * else. The raw objects under `inbound/` are not needed once taken in: the files bucket's
 * lifecycle rule expires them after `INBOUND_RAW_DAYS`; the tenant's copy under `{T}/raw/` (staff
 * download it, `getRawMessage`) stays as long as the ticket.
 *
 * After deploying, once (infra/README.md): publish `MX 10 inbound-smtp.<region>.amazonaws.com`
 * for the inbound domain, and make the receipt rule set active (`aws ses
 * set-active-receipt-rule-set --rule-set-name <ReceiptRuleSetName output>`). An account has one
 * active set per region, perhaps another application's: switching it is an operator's decision,
 * so no custom resource does it behind CloudFormation's back.
 */
import { Aws, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { AppFunction } from '../constructs/function.ts';
import { grantTenantScopedTable } from './data.ts';
import type { FilesStack } from './files.ts';
import type { MailStack } from './mail.ts';

/** Where the receipt rule puts raw mail (the handler's `INBOUND_PREFIX`). */
export const INBOUND_OBJECT_PREFIX = 'inbound/';

/**
 * Days SES's raw mail stays under `inbound/`: long past the function's retries of an
 * asynchronous invocation (at most six hours), so an operator can still feed a mail that failed
 * them to the function again after a fix; the tenant's own copy is kept with the ticket.
 */
export const INBOUND_RAW_DAYS = 14;

export interface InboundMailStackProps extends StackProps {
  table: dynamodb.ITable;
  tenantAccess: iam.IRole;
  /** The files bucket (attachments and raw mail). */
  files: FilesStack;
  mail: MailStack;
  /** Domain of the tenants' inbound addresses (`{slug}@…`). */
  inboundMailDomain: string;
  publicUrl: string;
  functionsDir?: string;
}

export class InboundMailStack extends Stack {
  readonly handler: AppFunction;
  readonly ruleSet: ses.ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailStackProps) {
    super(scope, id, props);

    this.handler = new AppFunction(this, 'Inbound', {
      kind: 'mail',
      name: 'inbound',
      functionsDir: props.functionsDir,
      memorySize: 1024, // parsing and sanitising a 25 MB mail
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: props.table.tableName,
        BUCKET_NAME: props.files.bucketName,
        INBOUND_MAIL_DOMAIN: props.inboundMailDomain,
        MAIL_FROM: props.mail.mailFrom,
        PUBLIC_URL: props.publicUrl,
      },
    });
    const fn = this.handler.fn;
    // Contacts, tickets, messages, Message-ID records, rate windows: all writes of the tenant.
    grantTenantScopedTable(fn, props.table, props.tenantAccess, 'write');
    // Object keys are made at run time (SES's message id, tenant/raw/…, tenant/att/…): prefixes, no bucket actions (no listing).
    const objects = (pattern: string) => {
      const arn = `arn:${Aws.PARTITION}:s3:::${props.files.bucketName}/${pattern}`;
      Validations.of(this.handler).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(arn))}]`,
        reason: `Inbound mail reads the raw mail SES stored (inbound/*) and writes each tenant's copy and files (*/raw/*, */att/*): keys made at run time.`,
      });
      return arn;
    };
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(`${INBOUND_OBJECT_PREFIX}*`)] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectTagging'], resources: [objects('*/raw/*'), objects('*/att/*')] }));

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {
      rules: [
        {
          recipients: [props.inboundMailDomain],
          scanEnabled: true,
          tlsPolicy: ses.TlsPolicy.REQUIRE,
          actions: [
            new actions.S3({ bucket: props.files.bucket, objectKeyPrefix: INBOUND_OBJECT_PREFIX }),
            new actions.Lambda({ function: fn, invocationType: actions.LambdaInvocationType.EVENT }),
          ],
        },
      ],
    });
    // The name to activate once after the first deploy (infra/README.md).
    new CfnOutput(this, 'ReceiptRuleSetName', { value: this.ruleSet.receiptRuleSetName });
  }
}
