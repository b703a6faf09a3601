/**
 * HTTP API, in two stacks so no dependency cycle arises between the API and the web stack:
 *
 *   ApiGatewayStack  the HTTP API itself, its `$default` stage, throttling and access logs.
 *        ↓           (its id gives CloudFront the `/api/*` origin)
 *   WebStack         S3 + CloudFront; its distribution URL is the app's public URL.
 *        ↓
 *   ApiStack         one Lambda per area of `shared/http/routes.ts` (with PUBLIC_URL = the
 *                    distribution URL), granted exactly what its routes declare in `needs`;
 *                    one `ANY` route per prefix of `GATEWAY_PATHS`, whose requests the area's
 *                    own router dispatches. Adding an operation adds no resource.
 *
 * Routes and integrations may live in another stack than their API; the auto-deploying
 * `$default` stage publishes them.
 */
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { type Area, AREAS, type GatewayRoute, gatewayRoutes, type Needs, type RouteDef, areaOf, routes } from '../../shared/http/routes.ts';
import { AppFunction } from '../constructs/function.ts';
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from './headers.ts';
import { grantTenantScopedTable } from './data.ts';
import type { MailStack } from './mail.ts';
import type { FilesStack } from './files.ts';

/** What an area's function needs: the union of its routes' `needs`. */
export function areaNeeds(area: Area, table: readonly RouteDef[] = routes): Needs {
  const own = table.filter((r) => areaOf(r) === area).map((r) => r.needs);
  const needs: Needs = { table: own.some((n) => n.table === 'write') ? 'write' : 'read' };
  if (own.some((n) => n.mail)) needs.mail = true;
  if (own.some((n) => n.workflow)) needs.workflow = true;
  if (own.some((n) => n.passwords)) needs.passwords = true;
  const bucket = own.some((n) => n.bucket === 'write') ? 'write' : own.some((n) => n.bucket === 'read') ? 'read' : undefined;
  if (bucket) needs.bucket = bucket;
  return needs;
}

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
  /** The tenant-access role of the data stack (tenant-scoped credentials). */
  tenantAccess: iam.IRole;
  mail: MailStack;
  stateMachine: sfn.IStateMachine;
  /** Base URL of the web app (links in mails, cookie origin). */
  publicUrl: string;
  /** Lifetime of a sign-in session in seconds. */
  sessionTtlSeconds: number;
  /** The value CloudFront sends in ORIGIN_SECRET_HEADER. */
  originSecret: secretsmanager.ISecret;
  /** The bucket of attachments (granted per route `needs.bucket`). */
  files: FilesStack;
  functionsDir?: string;
  /** @default the route table of `shared/http/routes.ts` (tests pass a longer one) */
  routes?: readonly RouteDef[];
}

/** API Gateway route key of a gateway route: `ANY /api/v1/tickets/{proxy+}`. */
export function routeKeyOf(route: Pick<GatewayRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export class ApiStack extends Stack {
  /** One function per area. */
  readonly functions: ReadonlyMap<Area, AppFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const table = props.routes ?? routes;

    const functions = new Map<Area, AppFunction>();
    const integrations = new Map<Area, apigwv2.HttpIntegration>();
    // the same list the bundles are built from
    for (const area of AREAS) {
      const needs = areaNeeds(area, table);
      const environment: Record<string, string> = {
        TABLE_NAME: props.table.tableName,
        PUBLIC_URL: props.publicUrl,
        MAIL_FROM: props.mail.mailFrom,
        SES_CONFIGURATION_SET: props.mail.configurationSetName,
        // The tenants' inbound addresses `{slug}@…` (the inbound settings show them; issue 8).
        INBOUND_MAIL_DOMAIN: props.mail.inboundMailDomain,
        SESSION_TTL_SECONDS: String(props.sessionTtlSeconds),
        // Requests arrive through CloudFront, which stamps the viewer's address (web stack).
        VIEWER_IP_HEADER: VIEWER_IP_HEADER,
        ORIGIN_SECRET_HEADER: ORIGIN_SECRET_HEADER,
        // resolved by CloudFormation at deploy time (a dynamic reference), never in the template
        ORIGIN_SECRET: props.originSecret.secretValue.unsafeUnwrap(),
      };
      if (needs.workflow) environment.STATE_MACHINE_ARN = props.stateMachine.stateMachineArn;
      if (needs.bucket) Object.assign(environment, { BUCKET_NAME: props.files.bucketName, FILES_DOWNLOAD_ORIGIN: props.files.downloadOrigin });

      const f = new AppFunction(this, pascal(area), {
        kind: 'http',
        name: area,
        functionsDir: props.functionsDir,
        environment,
        memorySize: needs.passwords ? 1024 : 512,
        timeout: Duration.seconds(15),
      });
      grantTenantScopedTable(f.fn, props.table, props.tenantAccess, needs.table);
      if (needs.mail) props.mail.grantSend(f.fn);
      if (needs.workflow) props.stateMachine.grantStartExecution(f.fn);
      if (needs.bucket) props.files.grant(f.fn, f, needs.bucket);
      // One permission per function for the whole API, instead of one per route (what
      // HttpLambdaIntegration adds): the function's router decides what it serves.
      f.fn.addPermission('InvokeByHttpApi', {
        principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: this.formatArn({ service: 'execute-api', resource: props.httpApi.apiId, resourceName: '*' }),
      });
      functions.set(area, f);
      integrations.set(
        area,
        new apigwv2.HttpIntegration(this, `${pascal(area)}Integration`, {
          httpApi: props.httpApi,
          integrationType: apigwv2.HttpIntegrationType.AWS_PROXY,
          integrationUri: f.fn.functionArn,
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        }),
      );
    }
    this.functions = functions;

    for (const gw of gatewayRoutes) {
      const served = table.filter((r) => areaOf(r) === gw.area);
      const r = new apigwv2.CfnRoute(this, `Route${pascal(gw.path.replace('/api/v1/', '').replace(/[{}+]/g, '').replace(/\//g, '-'))}`, {
        apiId: props.httpApi.apiId,
        routeKey: routeKeyOf(gw),
        target: `integrations/${integrations.get(gw.area)!.integrationId}`,
      });
      const open = served.filter((x) => x.auth === 'public').map((x) => x.operationId);
      const closed = served.filter((x) => x.auth !== 'public').map((x) => x.operationId);
      Validations.of(r).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason: `The ${gw.area} function authorises per operation, from the route table: ${open.length > 0 ? `${open.join(', ')} public by design; ` : ''}${
            closed.length > 0 ? `${closed.join(', ')} need an opaque session token (HttpOnly cookie or bearer), checked against the table, and a role.` : ''
          }`,
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
