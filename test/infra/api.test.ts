import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { API_THROTTLE, MAILING_HANDLERS, READ_ONLY_HANDLERS, routeKeyOf, WORKFLOW_STARTING_HANDLERS } from '../../infra/stacks/api.ts';
import { TABLE_READ_ACTIONS, TABLE_READ_WRITE_ACTIONS } from '../../infra/stacks/data.ts';
import { resourcesOfType, type Synthesized, synthHelpdesk } from './_app.ts';

interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
}
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const handlers = [...new Set(routes.map((r) => r.handler))];

let s: Synthesized;
/** handler name → { logical id of its function, its policy statements, its environment } */
let byHandler: Map<string, { fnId: string; statements: Statement[]; env: Record<string, unknown> }>;
beforeAll(async () => {
  s = await synthHelpdesk();
  const fns = resourcesOfType(s.templates.api, 'AWS::Lambda::Function');
  const policies = Object.values(resourcesOfType(s.templates.api, 'AWS::IAM::Policy'));
  byHandler = new Map();
  for (const [fnId, fn] of Object.entries(fns)) {
    const handler = String(fn.Properties!.Description).replace('helpdesk http/', '');
    const role = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = policies
      .filter((p) => (p.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
    const env = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    byHandler.set(handler, { fnId, statements, env });
  }
});

function actionsOf(handler: string): string[] {
  return byHandler.get(handler)!.statements.flatMap((st) => list(st.Action));
}

describe('api stacks: HTTP API, one Lambda per handler, one route per operation', () => {
  it('has one Lambda per distinct handler of routes', () => {
    expect([...byHandler.keys()].sort()).toEqual([...handlers].sort());
  });

  it('every row of routes has a route in the HTTP API, integrated with the Lambda of its handler', () => {
    const routeRes = Object.values(resourcesOfType(s.templates.api, 'AWS::ApiGatewayV2::Route'));
    const integrations = resourcesOfType(s.templates.api, 'AWS::ApiGatewayV2::Integration');
    expect(routeRes).toHaveLength(routes.length);
    for (const route of routes) {
      const r = routeRes.find((x) => x.Properties!.RouteKey === routeKeyOf(route));
      expect(r, routeKeyOf(route)).toBeDefined();
      const target = r!.Properties!.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = integrations[target['Fn::Join'][1][1].Ref]!;
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      expect(integration.Properties!.IntegrationUri).toEqual({ 'Fn::GetAtt': [byHandler.get(route.handler)!.fnId, 'Arn'] });
    }
  });

  it('maps OpenAPI path templates directly, e.g. GET /api/v1/tickets/{number}', () => {
    s.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/v1/tickets/{number}' });
  });

  it('every route of the API lives on the one HTTP API of the api-gateway stack', () => {
    expect(s.stacks.api.dependencies).toContain(s.stacks.apiGateway);
    s.templates.apiGateway.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    s.templates.apiGateway.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  });

  it('the $default stage auto-deploys, is throttled and writes JSON access logs', () => {
    s.templates.apiGateway.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});

describe('every Lambda function (API and workflow)', () => {
  it('runs nodejs24.x on arm64 with X-Ray tracing, handler index.handler', () => {
    for (const t of [s.templates.api, s.templates.workflow]) {
      for (const fn of Object.values(resourcesOfType(t, 'AWS::Lambda::Function'))) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
        });
        expect([512, 1024]).toContain(fn.Properties!.MemorySize);
      }
    }
  });

  it('logs to its own log group with a retention', () => {
    for (const t of [s.templates.api, s.templates.workflow]) {
      const groups = resourcesOfType(t, 'AWS::Logs::LogGroup');
      for (const fn of Object.values(resourcesOfType(t, 'AWS::Lambda::Function'))) {
        const ref = (fn.Properties!.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(groups[ref]?.Properties?.RetentionInDays).toBe(30);
      }
    }
  });

  it('has the environment of shared/config.ts', () => {
    for (const [handler, { env }] of byHandler) {
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          'TABLE_NAME',
          'PUBLIC_URL',
          'MAIL_FROM',
          'SES_CONFIGURATION_SET',
          'SESSION_TTL_SECONDS',
          'VIEWER_IP_HEADER',
          'ORIGIN_SECRET_HEADER',
          'ORIGIN_SECRET',
        ]),
      );
      expect('STATE_MACHINE_ARN' in env, handler).toBe(WORKFLOW_STARTING_HANDLERS.has(handler));
    }
  });

  it('gets the origin secret as a deploy-time reference to Secrets Manager, never as plain text', () => {
    for (const [handler, { env }] of byHandler) {
      expect(JSON.stringify(env.ORIGIN_SECRET), handler).toMatch(/resolve:secretsmanager:/);
    }
  });

  it('gets PUBLIC_URL = the CloudFront distribution URL by default', () => {
    const env = byHandler.get('signup')!.env;
    expect(JSON.stringify(env.PUBLIC_URL)).toMatch(/https:\/\/.*Distribution.*DomainName/);
  });

  it('gets PUBLIC_URL from context `publicUrl` when given', async () => {
    const custom = await synthHelpdesk({ context: { publicUrl: 'https://help.acme.test/' } });
    custom.templates.api.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PUBLIC_URL: 'https://help.acme.test' }) },
    });
    custom.templates.effects.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PUBLIC_URL: 'https://help.acme.test' }) },
    });
  });
});

describe('least privilege', () => {
  it('each function reads (and, unless it only reads, writes) the table and its GSIs by name, nothing else of DynamoDB', () => {
    for (const [handler, { statements }] of byHandler) {
      const dynamo = statements.filter((st) => list(st.Action).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo, handler).toHaveLength(1);
      expect(list(dynamo[0]!.Action).sort()).toEqual([...(READ_ONLY_HANDLERS.has(handler) ? TABLE_READ_ACTIONS : TABLE_READ_WRITE_ACTIONS)].sort());
      const resources = JSON.stringify(dynamo[0]!.Resource);
      expect(resources).toContain('/index/gsi1');
      expect(resources).toContain('/index/gsi2');
      expect(resources).not.toContain('*');
    }
  });

  it('only the mailing functions may send mail, on the identity and configuration set only', () => {
    for (const handler of handlers) {
      expect(actionsOf(handler).includes('ses:SendEmail'), handler).toBe(MAILING_HANDLERS.has(handler));
    }
    const [send] = byHandler.get('register')!.statements.filter((st) => st.Action === 'ses:SendEmail');
    const resources = JSON.stringify(send!.Resource);
    expect(resources).toContain('configuration-set/helpdesk-dev-mail');
    expect(resources).toMatch(/identity/i);
  });

  it('only create-ticket may start the workflow, on the state machine only', () => {
    for (const handler of handlers) {
      expect(actionsOf(handler).includes('states:StartExecution'), handler).toBe(WORKFLOW_STARTING_HANDLERS.has(handler));
    }
  });

  it('no action is a wildcard, and "*" resources are only for X-Ray', () => {
    for (const [handler, { statements }] of byHandler) {
      for (const st of statements) {
        for (const a of list(st.Action)) expect(a, handler).not.toContain('*');
        if (st.Resource === '*')
          expect(
            list(st.Action).every((a) => a.startsWith('xray:')),
            handler,
          ).toBe(true);
      }
    }
  });
});
