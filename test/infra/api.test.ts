import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRoutes, matchingRoutes } from '../../infra/local/server.ts';
import { API_THROTTLE, ApiStack } from '../../infra/stacks/api.ts';
import { TABLE_READ_ACTIONS, TABLE_READ_WRITE_ACTIONS } from '../../infra/stacks/data.ts';
import { BUCKET_ACTIONS } from '../../infra/stacks/files.ts';
import { AREAS, type RouteDef, routes } from '../../shared/http/routes.ts';
import { defineHelpdesk, resourcesOfType, type Synthesized, synthHelpdesk } from './_app.ts';

interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
}
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/**
 * What each operation needs from AWS, written down here by hand, not read from the route table
 * that generates the grants: a route that gains or loses a permission must change both.
 */
const NEEDS: Record<string, { write?: true; mail?: true; workflow?: true; bucket?: 'read' | 'write' }> = {
  signup: { write: true },
  getPortal: {},
  login: { write: true, mail: true },
  registerCustomer: { write: true, mail: true },
  requestPasswordReset: { write: true, mail: true },
  verifyEmail: { write: true },
  resetPassword: { write: true },
  acceptInvitation: { write: true },
  logout: { write: true },
  me: {},
  updateMe: { write: true },
  updateTenant: { write: true },
  inviteUser: { write: true, mail: true },
  listUsers: {},
  changeUserRole: { write: true },
  removeUser: { write: true },
  createTicket: { write: true, bucket: 'write' }, // acknowledgement and timers come from the stream (effects stack)
  listTickets: {},
  getTicket: {},
  addTicketMessage: { write: true, bucket: 'write' },
  updateTicket: { write: true },
  // ==== workflow core (issue 6) ====
  countTickets: {},
  acceptTicket: { write: true },
  assignTicket: { write: true },
  takeTicket: { write: true },
  acceptAssignment: { write: true },
  handBackTicket: { write: true },
  closeTicket: { write: true },
  pendTicket: { write: true }, // the timer starts from the stream (effects stack)
  resumeTicket: { write: true },
  reopenTicket: { write: true },
  // ==== end workflow core ====
  // ==== split and answers (issue 6) ====
  splitTicket: { write: true },
  answerToCoordinator: { write: true },
  sendOnAnswer: { write: true }, // the requester's mail comes from the stream (effects stack)
  sendBackAnswer: { write: true },
  // ==== end split and answers ====
  // ==== teams and routing (issue 6) ====
  listTeams: {},
  createTeam: { write: true },
  updateTeam: { write: true },
  getRouting: {},
  updateRouting: { write: true },
  deleteTeam: { write: true },
  // ==== end teams and routing ====
  // ==== templates (issue 6) ====
  listTemplates: {},
  createTemplate: { write: true },
  updateTemplate: { write: true },
  deleteTemplate: { write: true },
  // ==== end templates ====
  // ==== notifications (issue 6) ====
  listNotifications: {},
  markNotificationsRead: { write: true },
  getNotificationSettings: {},
  updateNotificationSettings: { write: true },
  // ==== end notifications ====
  // ==== locking (issue 6) ====
  lockTicket: { write: true }, // a conditional update of the lease (+ the takeover event)
  unlockTicket: { write: true },
  // ==== end locking ====
  // ==== sla config (issue 7) ====
  listCalendars: {},
  createCalendar: { write: true }, // with the SLA head, in one transaction
  updateCalendar: { write: true },
  listGermanHolidays: {}, // computed, no table access beyond the session
  listSlaPolicies: {},
  createSlaPolicy: { write: true },
  updateSlaPolicy: { write: true },
  deleteSlaPolicy: { write: true },
  // ==== end sla config ====
  // ==== attachments (issue 8) ====
  createAttachmentUpload: { write: true, bucket: 'write' },
  getAttachment: { bucket: 'read' },
  // ==== end attachments ====
  // ==== inbound mail (issue 8) ====
  getInboundSettings: {},
  updateInboundSettings: { write: true },
  getRawMessage: {},
  // ==== end inbound mail ====
  // ==== outbound mail (issue 8) ====
  getMailSuppression: {},
  clearMailSuppression: { write: true },
  // ==== end outbound mail ====
  // ==== merge (issue 8) ====
  mergeTicket: { write: true },
  // ==== end merge ====
  // ==== ticket topic (issue 9) ====
  setTicketTopic: { write: true },
  // ==== end ticket topic ====
  // ==== topics and faq (issue 9) ====
  listTopics: {},
  createTopic: { write: true },
  updateTopic: { write: true },
  deleteTopic: { write: true },
  listFaqs: {},
  createFaq: { write: true, bucket: 'write' }, // takes the answer's image uploads (tags the objects)
  updateFaq: { write: true, bucket: 'write' },
  deleteFaq: { write: true },
  getPublicFaq: {},
  faqPage: {},
  articlePage: {},
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  listArticles: {},
  getArticle: {},
  createArticle: { write: true },
  updateArticle: { write: true },
  publishArticle: { write: true },
  createArticleFromTicket: { write: true },
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  listDocuments: {},
  createDocument: { write: true, bucket: 'write' }, // takes the upload (tags the object)
  updateDocument: { write: true, bucket: 'write' },
  deleteDocument: { write: true },
  listComments: {},
  addComment: { write: true },
  toggleLike: { write: true },
  getSuggestionSettings: {},
  updateSuggestionSettings: { write: true },
  listSuggestions: {},
  acceptSuggestion: { write: true },
  // ==== end documents and suggestions ====
  // ==== public knowledge reads (issue 9) ====
  getPublicFile: { bucket: 'read' }, // presigns the GET it redirects to
  getPublicDocumentFile: { bucket: 'read' },
  // ==== end public knowledge reads ====
  // ==== search (issue 9) ====
  search: { bucket: 'read' }, // the snapshot pointer (table) and the snapshot (bucket, tenant prefix)
  // search web
  suggestAnswers: { bucket: 'read' },
  recordDeflection: { write: true },
  searchTickets: { bucket: 'read' },
  searchPublic: { write: true, bucket: 'read' }, // public knowledge reads (issue 9): the rate window; the snapshot pointer and snapshot
  // ==== end search ====
};

let s: Synthesized;
/** area → { logical id of its function, its policy statements, its environment } */
let byHandler: Map<string, { fnId: string; statements: Statement[]; env: Record<string, unknown> }>;
/** logical id of a function → its area */
let areaOfFn: Map<string, string>;
beforeAll(async () => {
  s = await synthHelpdesk();
  const fns = resourcesOfType(s.templates.api, 'AWS::Lambda::Function');
  const policies = Object.values(resourcesOfType(s.templates.api, 'AWS::IAM::Policy'));
  byHandler = new Map();
  areaOfFn = new Map();
  for (const [fnId, fn] of Object.entries(fns)) {
    const area = String(fn.Properties!.Description).replace('helpdesk http/', '');
    const role = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = policies
      .filter((p) => (p.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
    const env = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    byHandler.set(area, { fnId, statements, env });
    areaOfFn.set(fnId, area);
  }
});

function actionsOf(area: string): string[] {
  return byHandler.get(area)!.statements.flatMap((st) => list(st.Action));
}

/** The function API Gateway hands a request for this operation to, as the template routes it. */
function functionServing(route: Pick<RouteDef, 'path'>): string {
  const routeRes = Object.values(resourcesOfType(s.templates.api, 'AWS::ApiGatewayV2::Route'));
  const integrations = resourcesOfType(s.templates.api, 'AWS::ApiGatewayV2::Integration');
  const specs = routeRes.map((r) => {
    const [method, path] = String(r.Properties!.RouteKey).split(' ') as ['ANY', string];
    const target = r.Properties!.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
    const uri = integrations[target['Fn::Join'][1][1].Ref]!.Properties!.IntegrationUri as { 'Fn::GetAtt': [string, string] };
    return { method, path, handler: uri['Fn::GetAtt'][0] };
  });
  const concrete = route.path.replace(/\{\w+\}/g, '7');
  const [hit] = matchingRoutes(compileRoutes(specs), concrete);
  expect(hit, route.path).toBeDefined();
  return hit!.route.handler;
}

describe('api stacks: HTTP API, one Lambda per area, one route per area prefix', () => {
  it('has one Lambda per area: auth, tenancy, users, tickets, teams, templates, notifications', () => {
    expect([...byHandler.keys()].sort()).toEqual([
      'attachments',
      'auth',
      'knowledge',
      'notifications',
      'search',
      'sla',
      'teams',
      'templates',
      'tenancy',
      'tickets',
      'users',
    ]);
  });

  it('sends every operation of the table to the Lambda of its area, as AWS_PROXY payload 2.0', () => {
    for (const route of routes) expect(areaOfFn.get(functionServing(route)), route.operationId).toBe(route.tag.toLowerCase());
    for (const integration of Object.values(resourcesOfType(s.templates.api, 'AWS::ApiGatewayV2::Integration'))) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('routes every method of a prefix to its area (the area answers 404/405 itself), e.g. ANY /api/v1/tickets/{proxy+}', () => {
    s.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /api/v1/tickets/{proxy+}' });
    for (const r of Object.values(resourcesOfType(s.templates.api, 'AWS::ApiGatewayV2::Route'))) expect(String(r.Properties!.RouteKey)).toMatch(/^ANY \//);
  });

  it('each function may be invoked by the HTTP API only, with one permission per function', () => {
    const permissions = Object.values(resourcesOfType(s.templates.api, 'AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(byHandler.size);
    for (const p of permissions) {
      expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
      expect(JSON.stringify(p.Properties!.SourceArn)).toContain('execute-api');
    }
  });

  it('stays far below CloudFormation’s 500 resources, and more operations add none', async () => {
    const count = (t: Template) => Object.keys(t.toJSON().Resources as object).length;
    // About eight per area (function, role, policy, log group, integration, permission, its routes): areas add resources, operations do not.
    expect(count(s.templates.api)).toBeLessThan(10 * AREAS.length);

    // Thirty more operations under the existing prefixes of every area, in a stack of its own.
    const more: RouteDef[] = [...routes];
    for (let i = 0; i < 30; i++) {
      const area = (['Auth', 'Tenancy', 'Users', 'Tickets'] as const)[i % 4]!;
      const path = { Auth: `/api/v1/auth/extra-${i}`, Tenancy: '/api/v1/tenant', Users: '/api/v1/users', Tickets: `/api/v1/tickets/{number}/extra-${i}` }[area];
      more.push({ ...routes[0], operationId: `extra${i}`, tag: area, method: 'PUT', path, needs: { table: 'write' } });
    }
    const { app, stacks, options } = await defineHelpdesk();
    const props = {
      httpApi: stacks.apiGateway.httpApi,
      table: stacks.data.table,
      tenantAccess: stacks.data.tenantAccess,
      mail: stacks.mail,
      stateMachine: stacks.workflow.stateMachine,
      publicUrl: 'https://help.example.test',
      sessionTtlSeconds: 3600,
      originSecret: stacks.apiGateway.originSecret,
      files: stacks.files,
      functionsDir: options.functionsDir,
      env: { account: Stack.of(stacks.api).account, region: Stack.of(stacks.api).region },
    };
    const base = new ApiStack(app, 'BaseApi', props);
    const grown = new ApiStack(app, 'GrownApi', { ...props, routes: more });
    expect(count(Template.fromStack(grown))).toBe(count(Template.fromStack(base)));
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

describe('every Lambda function (API, workflow and effects)', () => {
  it('runs nodejs24.x on arm64 with X-Ray tracing, handler index.handler', () => {
    for (const t of [s.templates.api, s.templates.workflow, s.templates.effects]) {
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

  it('carries the shared layer (ElectroDB once per stack, not in every bundle) for the same runtime and architecture', () => {
    for (const t of [s.templates.api, s.templates.workflow, s.templates.effects]) {
      const layers = resourcesOfType(t, 'AWS::Lambda::LayerVersion');
      expect(Object.keys(layers)).toHaveLength(1);
      const [layerId, layer] = Object.entries(layers)[0]!;
      expect(layer.Properties).toMatchObject({ CompatibleRuntimes: ['nodejs24.x'], CompatibleArchitectures: ['arm64'] });
      for (const fn of Object.values(resourcesOfType(t, 'AWS::Lambda::Function'))) expect(fn.Properties!.Layers).toEqual([{ Ref: layerId }]);
    }
  });

  it('logs to its own log group with a retention', () => {
    for (const t of [s.templates.api, s.templates.workflow, s.templates.effects]) {
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
      const startsWorkflows = routes.some((r) => r.tag.toLowerCase() === handler && NEEDS[r.operationId]?.workflow);
      expect('STATE_MACHINE_ARN' in env, handler).toBe(startsWorkflows);
    }
  });

  it('gets the origin secret as a deploy-time reference to Secrets Manager, never as plain text', () => {
    for (const [handler, { env }] of byHandler) {
      expect(JSON.stringify(env.ORIGIN_SECRET), handler).toMatch(/resolve:secretsmanager:/);
    }
  });

  it('gets PUBLIC_URL = the CloudFront distribution URL by default', () => {
    const env = byHandler.get('tenancy')!.env;
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

describe('least privilege, against the hand-written needs of each operation', () => {
  it('the hand-written needs cover exactly the operations of the route table', () => {
    expect(Object.keys(NEEDS).sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  it('each operation’s function may do what the operation needs', () => {
    for (const route of routes) {
      const actions = actionsOf(areaOfFn.get(functionServing(route))!);
      const need = NEEDS[route.operationId]!;
      expect(actions, route.operationId).toEqual(expect.arrayContaining([...(need.write ? TABLE_READ_WRITE_ACTIONS : TABLE_READ_ACTIONS)]));
      if (need.mail) expect(actions, route.operationId).toContain('ses:SendEmail');
      if (need.workflow) expect(actions, route.operationId).toContain('states:StartExecution');
      if (need.bucket) expect(actions, route.operationId).toEqual(expect.arrayContaining([...BUCKET_ACTIONS[need.bucket]]));
    }
  });

  it('and nothing more than its operations need: writes, mail and workflow only where one of them needs it', () => {
    for (const [area] of byHandler) {
      const needs = routes.filter((r) => r.tag.toLowerCase() === area).map((r) => NEEDS[r.operationId]!);
      const actions = actionsOf(area);
      const dynamo = actions.filter((a) => a.startsWith('dynamodb:'));
      expect(dynamo.sort(), area).toEqual([...(needs.some((n) => n.write) ? TABLE_READ_WRITE_ACTIONS : TABLE_READ_ACTIONS)].sort());
      expect(actions.includes('ses:SendEmail'), area).toBe(needs.some((n) => n.mail));
      expect(actions.includes('states:StartExecution'), area).toBe(needs.some((n) => n.workflow));
      const bucket = needs.some((n) => n.bucket === 'write') ? 'write' : needs.some((n) => n.bucket === 'read') ? 'read' : undefined;
      expect(actions.filter((a) => a.startsWith('s3:')).sort(), area).toEqual(bucket ? [...BUCKET_ACTIONS[bucket]].sort() : []);
      expect('BUCKET_NAME' in byHandler.get(area)!.env, area).toBe(bucket !== undefined);
    }
  });

  it('bucket access is on the files bucket’s objects only, never the bucket itself or another', () => {
    for (const [area, { statements }] of byHandler) {
      for (const st of statements.filter((x) => list(x.Action).some((a) => a.startsWith('s3:')))) {
        expect(JSON.stringify(st.Resource), area).toBe(
          JSON.stringify({
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::helpdesk-dev-files-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }, '/*']],
          }),
        );
      }
    }
  });

  it('table access is on the table and its GSIs by name, in one statement', () => {
    for (const [area, { statements }] of byHandler) {
      const dynamo = statements.filter((st) => list(st.Action).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo, area).toHaveLength(1);
      const resources = JSON.stringify(dynamo[0]!.Resource);
      expect(resources).toContain('/index/gsi1');
      expect(resources).toContain('/index/gsi2');
      expect(resources).not.toContain('*');
    }
  });

  it('mail only on the identity and configuration set', () => {
    const [send] = byHandler.get('auth')!.statements.filter((st) => st.Action === 'ses:SendEmail');
    const resources = JSON.stringify(send!.Resource);
    expect(resources).toContain('configuration-set/helpdesk-dev-mail');
    expect(resources).toMatch(/identity/i);
  });

  it('memory-hard password hashing gets 1024 MB (auth, tenancy), the rest 512 MB', () => {
    const fns = resourcesOfType(s.templates.api, 'AWS::Lambda::Function');
    const memory = Object.fromEntries([...byHandler].map(([area, { fnId }]) => [area, fns[fnId]!.Properties!.MemorySize]));
    expect(memory).toEqual({
      auth: 1024,
      tenancy: 1024,
      users: 512,
      tickets: 512,
      teams: 512,
      templates: 512,
      notifications: 512,
      sla: 512,
      attachments: 512,
      knowledge: 512,
      search: 512,
    });
  });

  it('no action is a wildcard, and "*" resources are only for X-Ray', () => {
    for (const [area, { statements }] of byHandler) {
      for (const st of statements) {
        for (const a of list(st.Action)) expect(a, area).not.toContain('*');
        if (st.Resource === '*')
          expect(
            list(st.Action).every((a) => a.startsWith('xray:')),
            area,
          ).toBe(true);
      }
    }
  });
});
