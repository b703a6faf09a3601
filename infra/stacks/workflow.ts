/**
 * Workflow: the ticket state machine, deployed from the one ASL definition in
 * `shared/workflow/definition.ts` (the local stack runs the very same JSON), and its task
 * Lambdas. Standard workflow (it waits until SLA deadlines), logging and X-Ray tracing on.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { STATES, ticketWorkflowDefinition } from '../../shared/workflow/definition.ts';
import { AppFunction } from '../constructs/function.ts';
import { grantTenantScopedTable } from './data.ts';

export interface WorkflowStackProps extends StackProps {
  table: dynamodb.ITable;
  /** The tenant-access role of the data stack (tenant-scoped credentials). */
  tenantAccess: iam.IRole;
  functionsDir?: string;
}

export class WorkflowStack extends Stack {
  readonly stateMachine: sfn.StateMachine;
  /** Task functions by ASL state name. */
  readonly tasks: Record<string, AppFunction>;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);

    // Named, so the task can know its ARN without a reference to the machine (which references the task: a cycle).
    const stateMachineName = `${this.stackName}-tickets`;
    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    const checkTicketTimers = new AppFunction(this, 'CheckTicketTimers', {
      kind: 'workflow',
      name: 'check-ticket-timers',
      functionsDir: props.functionsDir,
      timeout: Duration.seconds(30),
      environment: { TABLE_NAME: props.table.tableName, STATE_MACHINE_ARN: stateMachineArn },
    });
    // It resumes a pending ticket when its date has come: it writes.
    grantTenantScopedTable(checkTicketTimers.fn, props.table, props.tenantAccess, 'write');
    // An execution nearing its year hands over to a successor it starts (shared/workflow/timers.ts).
    checkTicketTimers.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn] }));
    this.tasks = { [STATES.checkTicketTimers]: checkTicketTimers };

    const definition = ticketWorkflowDefinition({ checkTicketTimers: checkTicketTimers.fn.functionArn });

    // Vended-logs prefix: Step Functions log delivery then needs no per-log-group resource policy.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${this.stackName}-tickets`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new sfn.StateMachine(this, 'TicketWorkflow', {
      stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(this.toJsonString(definition)),
      tracingEnabled: true,
      // Execution data holds ticket contents (personal data): keep it out of the logs.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    // The definition names the task functions by plain ARN (`"Resource": <function arn>`), so CDK
    // cannot infer the permission: allow invoking exactly those functions (no `:*` versions).
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: Object.values(this.tasks).map((t) => t.fn.functionArn),
      }),
    );

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery (logs:CreateLogDelivery etc.) and X-Ray (xray:PutTraceSegments etc.) actions do not support resource-level permissions; CDK grants them on "*".',
    });
  }
}
