/**
 * The one way this app defines a Lambda function: Node.js 24 on Graviton (arm64), code from
 * the esbuild bundle `dist/functions/<kind>/<name>/index.mjs` (see `infra/build-functions.ts`),
 * an explicit log group with retention, X-Ray tracing, and a role that may only write to its
 * own log group. Every other permission is granted by the caller. Every function carries the
 * shared layer (`dist/functions/_layer`: ElectroDB, bundled once instead of into each function).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_FUNCTIONS_DIR, LAYER_DIR, type FunctionKind } from '../build-functions.ts';

/** Node.js 24 (LTS), the newest Lambda Node.js runtime. */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface AppFunctionProps {
  kind: FunctionKind;
  /** Base name of the entry file, e.g. `tickets`. */
  name: string;
  /** Environment variables (names from `shared/config.ts`). */
  environment?: Record<string, string>;
  /** 512 (default) or 1024 MB: more memory also means more CPU (e.g. for password hashing). */
  memorySize?: 512 | 1024;
  /** @default 10 seconds (API Gateway cuts HTTP requests at 30 s anyway) */
  timeout?: Duration;
  /** Folder holding the bundles. @default `dist/functions` */
  functionsDir?: string;
  /** @default one month */
  logRetention?: logs.RetentionDays;
}

/** The shared layer of a stack's functions: one layer version per stack, the same asset for all. */
function sharedLayer(scope: Construct, functionsDir: string): lambda.ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'SharedLayer';
  return (
    (stack.node.tryFindChild(id) as lambda.LayerVersion | undefined) ??
    new lambda.LayerVersion(stack, id, {
      code: lambda.Code.fromAsset(path.join(functionsDir, LAYER_DIR)),
      compatibleRuntimes: [NODE_RUNTIME],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      description: 'helpdesk: packages shared by every function (ElectroDB), see infra/build-functions.ts',
    })
  );
}

export class AppFunction extends Construct {
  readonly fn: lambda.Function;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const functionsDir = props.functionsDir ?? DEFAULT_FUNCTIONS_DIR;
    const codeDir = path.join(functionsDir, props.kind, props.name);
    if (!existsSync(path.join(codeDir, 'index.mjs'))) {
      throw new Error(`AppFunction ${props.kind}/${props.name}: no bundle at ${codeDir}/index.mjs; run \`npm run build:functions\` first`);
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role instead of the AWSLambdaBasicExecutionRole managed policy (logs:* on every log
    // group): this function may only write to its own log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Lambda ${props.kind}/${props.name}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new lambda.Function(this, 'Function', {
      description: `helpdesk ${props.kind}/${props.name}`,
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(codeDir),
      handler: 'index.handler',
      layers: [sharedLayer(this, functionsDir)],
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      environment: props.environment,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });
  }
}
