/**
 * Effects: the consumer of the table's change stream, the one place that starts workflows and
 * sends acknowledgement and notification mails (workflow.md §3). An event source mapping hands
 * it batches in order; a failed record is retried from where it failed (partial batch
 * response), split off by bisecting, and after the last attempt recorded in a dead-letter queue
 * so an operator can replay it. Only changes of items some effect acts on reach the function.
 */
import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { EFFECT_KINDS } from '../../shared/effects/registry.ts';
import { AppFunction } from '../constructs/function.ts';
import { grantTenantScopedTable } from './data.ts';
import type { MailStack } from './mail.ts';
import type { FilesStack } from './files.ts';

/** How the event source mapping treats failures: attempts per record, and how long a change may wait. */
export const STREAM_RETRY = { attempts: 10, maxRecordAge: Duration.days(1) } as const;

export interface EffectsStackProps extends StackProps {
  table: dynamodb.ITable;
  /** The tenant-access role of the data stack (tenant-scoped credentials). */
  tenantAccess: iam.IRole;
  mail: MailStack;
  /** Issue 8: the files bucket, read for the attachments an answer mail carries. */
  files: FilesStack;
  stateMachine: sfn.IStateMachine;
  /** Base URL of the web app, for links in mails. */
  publicUrl: string;
  functionsDir?: string;
}

export class EffectsStack extends Stack {
  readonly consumer: AppFunction;
  /** Records SES delivery events (issue 8). */
  readonly sesEvents: AppFunction;
  /** Changes whose effects still failed after the last attempt (their stream coordinates). */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: EffectsStackProps) {
    super(scope, id, props);

    this.consumer = new AppFunction(this, 'Effects', {
      kind: 'stream',
      name: 'effects',
      functionsDir: props.functionsDir,
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: props.table.tableName,
        PUBLIC_URL: props.publicUrl,
        MAIL_FROM: props.mail.mailFrom,
        SES_CONFIGURATION_SET: props.mail.configurationSetName,
        INBOUND_MAIL_DOMAIN: props.mail.inboundMailDomain,
        BUCKET_NAME: props.files.bucketName,
        STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
      },
    });
    const fn = this.consumer.fn;
    // Reads what a mail needs; writes effect records and the acknowledgement on the ticket.
    grantTenantScopedTable(fn, props.table, props.tenantAccess, 'write');
    props.mail.grantSend(fn);
    props.files.grant(fn, this.consumer, 'read'); // the files of an answer, attached to its mail
    props.files.grantDelete(fn, this.consumer, 'att'); // issue 9: files knowledge items dropped
    props.stateMachine.grantStartExecution(fn);

    // Issue 8: SES delivery events (bounce, complaint, delivery) from the mail stack's topic,
    // recorded on the message and the contact. Reads and writes the tenant's items only.
    this.sesEvents = new AppFunction(this, 'SesEvents', {
      kind: 'mail',
      name: 'ses-events',
      functionsDir: props.functionsDir,
      environment: { TABLE_NAME: props.table.tableName, PUBLIC_URL: props.publicUrl, INBOUND_MAIL_DOMAIN: props.mail.inboundMailDomain },
    });
    grantTenantScopedTable(this.sesEvents.fn, props.table, props.tenantAccess, 'write');
    props.mail.deliveryEvents.addSubscription(new LambdaSubscription(this.sesEvents.fn));

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the stream consumer; nothing consumes it automatically.',
    });

    const kindIs = (image: 'NewImage' | 'OldImage') =>
      lambda.FilterCriteria.filter({ dynamodb: { [image]: { kind: { S: lambda.FilterRule.or(...EFFECT_KINDS) } } } });
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(0),
        // Up to ten batches of one shard at once; changes of one item still arrive in order.
        parallelizationFactor: 10,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRY.attempts,
        maxRecordAge: STREAM_RETRY.maxRecordAge,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [kindIs('NewImage'), kindIs('OldImage')],
      }),
    );
  }
}
