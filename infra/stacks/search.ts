/**
 * Search indexing (issue 9, Q5): the table's stream → a small forwarder Lambda (a second event
 * source mapping on the stream, filtered to the item kinds the search sources read) → an SQS
 * FIFO queue with message group = tenant → the indexer Lambda, which applies each tenant's
 * batches one after another (FIFO: one group's messages are never in flight twice) and
 * publishes snapshot generations to the files bucket (`<tenant>/search/<generation>.sqlite.gz`)
 * with a conditional pointer item in the table. A forwarder rather than an EventBridge Pipe: a
 * Pipe sends one message per record, while one message per tenant and batch keeps the indexer's
 * transactions (and snapshot uploads) per batch, not per change.
 */
import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SEARCH_ITEM_KINDS } from '../../shared/search/indexer.ts';
import { AppFunction } from '../constructs/function.ts';
import { grantTenantScopedTable } from './data.ts';
import { STREAM_RETRY } from './effects.ts';
import type { FilesStack } from './files.ts';

export interface SearchStackProps extends StackProps {
  table: dynamodb.ITable;
  tenantAccess: iam.IRole;
  files: FilesStack;
  functionsDir?: string;
}

/** The indexer's time per batch; the queue hides a message six times as long (AWS's advice for SQS sources). */
const INDEXER_TIMEOUT = Duration.minutes(2);

export class SearchStack extends Stack {
  readonly forwarder: AppFunction;
  readonly indexer: AppFunction;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: SearchStackProps) {
    super(scope, id, props);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the search queue; an operator redrives it (or runs search:rebuild).',
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(INDEXER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 10 },
    });

    this.forwarder = new AppFunction(this, 'Forwarder', {
      kind: 'stream',
      name: 'search-forward',
      functionsDir: props.functionsDir,
      environment: { SEARCH_QUEUE_URL: this.queue.queueUrl },
    });
    this.queue.grantSendMessages(this.forwarder.fn);
    const forwarderFailures = new sqs.Queue(this, 'ForwarderFailures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(forwarderFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'The on-failure destination of the forwarder’s stream mapping (stream coordinates of what could not be queued); nothing consumes it automatically.',
    });
    const kindIs = (image: 'NewImage' | 'OldImage') =>
      lambda.FilterCriteria.filter({ dynamodb: { [image]: { kind: { S: lambda.FilterRule.or(...SEARCH_ITEM_KINDS) } } } });
    this.forwarder.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 500,
        // Gathers changes for a moment: fewer, larger batches mean fewer snapshot uploads.
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: STREAM_RETRY.attempts,
        maxRecordAge: STREAM_RETRY.maxRecordAge,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(forwarderFailures),
        filters: [kindIs('NewImage'), kindIs('OldImage')],
      }),
    );

    this.indexer = new AppFunction(this, 'Indexer', {
      kind: 'stream',
      name: 'search-indexer',
      functionsDir: props.functionsDir,
      memorySize: 1024,
      timeout: INDEXER_TIMEOUT,
      environment: { TABLE_NAME: props.table.tableName, BUCKET_NAME: props.files.bucketName },
    });
    // The pointer item (GetItem, conditional PutItem) under the tenant's own keys.
    grantTenantScopedTable(this.indexer.fn, props.table, props.tenantAccess, 'write');
    // Snapshots: read the current generation, write the next one.
    props.files.grant(this.indexer.fn, this.indexer, 'write');
    // Old generations: deleted after each pointer move, only under the tenants' search/ prefixes.
    props.files.grantDelete(this.indexer.fn, this.indexer, 'search');
    this.indexer.fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
  }
}
