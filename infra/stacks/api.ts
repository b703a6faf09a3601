/**
 * HTTP API, in two stacks so no dependency cycle arises between the API and the web stack:
 *
 *   ApiGatewayStack  the HTTP API itself, its `$default` stage, throttling and access logs.
 *        ↓           (its id gives CloudFront the `/api/*` origin)
 *   WebStack         S3 + CloudFront; its distribution URL is the app's public URL.
 *        ↓
 *   ApiStack         one Lambda per distinct handler of `functions/http/routes.ts` (with
 *                    PUBLIC_URL = the distribution URL), and one route per row of `routes`.
 *
 * Routes and integrations may live in another stack than their API; the auto-deploying
 * `$default` stage publishes them.
 */
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { type RouteDef, routes } from '../../functions/http/routes.ts';
import { AppFunction } from '../constructs/function.ts';
import { httpHandlerNames } from '../build-functions.ts';
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from './headers.ts';
import { grantTableReadWrite } from './data.ts';
import type { MailStack } from './mail.ts';

/** HTTP handlers that send mail: they get `ses:SendEmail` on the identity and configuration set. */
export const MAILING_HANDLERS: ReadonlySet<string> = new Set(['register', 'request-password-reset', 'invite-user']);
/** Handlers that only read the table (sessions included): they get no write action. */
export const READ_ONLY_HANDLERS: ReadonlySet<string> = new Set(['get-portal', 'me', 'list-users', 'list-tickets', 'get-ticket']);
/** HTTP handlers that start the ticket workflow (none: the stream consumer does, see effects.ts). */
export const WORKFLOW_STARTING_HANDLERS: ReadonlySet<string> = new Set<string>();
/** HTTP handlers that hash passwords (scrypt/argon2, memory-hard): more memory, hence more CPU. */
export const PASSWORD_HASHING_HANDLERS: ReadonlySet<string> = new Set(['signup', 'login', 'register', 'reset-password', 'accept-invitation']);

/** Steady-state requests per second and burst, per stage (account-wide limits still apply). */
export const API_THROTTLE = { rateLimit: 200, burstLimit: 400 } as const;

export interface ApiGatewayStackProps extends StackProps {
  apiName: string;
}

export class ApiGatewayStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  /**
   * Shared by CloudFront (sent as ORIGIN_SECRET_HEADER) and the functions (which refuse requests
   * without it), so the execute-api endpoint cannot be used to bypass CloudFront.
   */
  readonly originSecret: secretsmanager.Secret;
  readonly stage: apigwv2.HttpStage;
  /** Host name of the API's `$default` stage (`<id>.execute-api.<region>.amazonaws.com`). */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: ApiGatewayStackProps) {
    super(scope, id, props);

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: 'Helpdesk HTTP API (served to browsers through CloudFront under /api/*)',
      createDefaultStage: false,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    this.domainName = `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;

    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'Proves to the API that a request came through CloudFront',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A shared origin header between CloudFront and the API, not a credential of a person or service; rotating it means redeploying the web and api stacks together (cdk deploy --all), which is documented in infra/README.md.',
    });
  }
}

export interface ApiStackProps extends StackProps {
  httpApi: apigwv2.IHttpApi;
  table: dynamodb.ITable;
  mail: MailStack;
  stateMachine: sfn.IStateMachine;
  /** Base URL of the web app (links in mails, cookie origin). */
  publicUrl: string;
  /** Lifetime of a sign-in session in seconds. */
  sessionTtlSeconds: number;
  /** The value CloudFront sends in ORIGIN_SECRET_HEADER. */
  originSecret: secretsmanager.ISecret;
  functionsDir?: string;
}

/** API Gateway route key of a route: `GET /api/v1/tickets/{number}`. */
export function routeKeyOf(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export class ApiStack extends Stack {
  /** One function per distinct handler name. */
  readonly functions: ReadonlyMap<string, AppFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const functions = new Map<string, AppFunction>();
    const integrations = new Map<string, HttpLambdaIntegration>();
    // the same list the bundles are built from
    for (const handler of httpHandlerNames()) {
      const environment: Record<string, string> = {
        TABLE_NAME: props.table.tableName,
        PUBLIC_URL: props.publicUrl,
        MAIL_FROM: props.mail.mailFrom,
        SES_CONFIGURATION_SET: props.mail.configurationSetName,
        SESSION_TTL_SECONDS: String(props.sessionTtlSeconds),
        // Requests arrive through CloudFront, which stamps the viewer's address (web stack).
        VIEWER_IP_HEADER: VIEWER_IP_HEADER,
        ORIGIN_SECRET_HEADER: ORIGIN_SECRET_HEADER,
        // resolved by CloudFormation at deploy time (a dynamic reference), never in the template
        ORIGIN_SECRET: props.originSecret.secretValue.unsafeUnwrap(),
      };
      if (WORKFLOW_STARTING_HANDLERS.has(handler)) environment.STATE_MACHINE_ARN = props.stateMachine.stateMachineArn;

      const f = new AppFunction(this, pascal(handler), {
        kind: 'http',
        name: handler,
        functionsDir: props.functionsDir,
        environment,
        memorySize: PASSWORD_HASHING_HANDLERS.has(handler) ? 1024 : 512,
        timeout: Duration.seconds(15),
      });
      grantTableReadWrite(f.fn, props.table, READ_ONLY_HANDLERS.has(handler));
      if (MAILING_HANDLERS.has(handler)) props.mail.grantSend(f.fn);
      if (WORKFLOW_STARTING_HANDLERS.has(handler)) props.stateMachine.grantStartExecution(f.fn);
      functions.set(handler, f);
      integrations.set(handler, new HttpLambdaIntegration(`${pascal(handler)}Integration`, f.fn));
    }
    this.functions = functions;

    for (const route of routes) {
      const r = new apigwv2.HttpRoute(this, `Route${pascal(route.operationId)}`, {
        httpApi: props.httpApi,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
        integration: integrations.get(route.handler)!,
      });
      Validations.of(r).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason:
            route.auth === 'public'
              ? `${route.operationId} is public by design (${route.summary}).`
              : `${route.operationId} is authorised in the function: opaque session token from an HttpOnly cookie, checked against the table, roles ${route.auth.join('/')}.`,
        },
        {
          id: 'AwsSolutions-COG4',
          reason: "No Cognito: sessions are the app's own opaque tokens, verified by the function (shared/auth).",
        },
      );
    }
  }
}

function pascal(s: string): string {
  return s.replace(/(^|[-_\s]+)([a-z0-9])/gi, (_m, _sep: string, c: string) => c.toUpperCase());
}
