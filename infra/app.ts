/**
 * The CDK app: bundles the Lambda functions, then defines the stacks of one stage.
 *
 *   npx cdk synth                                  # stage "dev", env-agnostic, no credentials needed
 *   npx cdk deploy --all -c stage=prod -c mailDomain=mail.example.org [-c publicUrl=https://help.example.org]
 *
 * Context (all optional): `stage` (dev), `mailDomain` (helpdesk.example.com), `mailFrom`, `inboundMailDomain` (in.<mailDomain>),
 * `publicUrl` (default: the CloudFront distribution URL), `sessionTtlSeconds` (43200),
 * `account` / `region` (default: env-agnostic).
 *
 * Dependency order (no cycles): Data, Mail, ApiGateway → Web → Workflow → Effects, Api.
 * The web stack's distribution needs the HTTP API's host name, and every function needs the
 * distribution URL (PUBLIC_URL, for links in mails): so the HTTP API itself lives in its own
 * small stack that comes first, and the functions and routes come after the web stack.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildFunctions } from './build-functions.ts';
import { ApiGatewayStack, ApiStack } from './stacks/api.ts';
import { DataStack } from './stacks/data.ts';
import { EffectsStack } from './stacks/effects.ts';
import { SearchStack } from './stacks/search.ts';
import { FilesStack, filesBucketOrigin } from './stacks/files.ts';
import { InboundMailStack } from './stacks/inbound.ts';
import { MailStack } from './stacks/mail.ts';
import { WebStack } from './stacks/web.ts';
import { WorkflowStack } from './stacks/workflow.ts';

export interface HelpdeskOptions {
  /** Stage name, part of every stack name: `helpdesk-<stage>-data` … */
  stage: string;
  /** Domain mail is sent from (an SES domain identity is created for it). */
  mailDomain: string;
  mailFrom?: string;
  /** Domain of the tenants' own mail addresses (`{slug}@…`, issue 8). @default `in.<mailDomain>` */
  inboundMailDomain?: string;
  /** Public base URL of the app; @default the distribution URL `https://<id>.cloudfront.net` */
  publicUrl?: string;
  sessionTtlSeconds: number;
  env?: Environment;
  /** Folder of the function bundles. @default `dist/functions` */
  functionsDir?: string;
  /** Folder of the static web build. @default `web/build` */
  webBuildDir?: string;
}

export interface HelpdeskStacks {
  data: DataStack;
  mail: MailStack;
  apiGateway: ApiGatewayStack;
  web: WebStack;
  files: FilesStack;
  inbound: InboundMailStack;
  workflow: WorkflowStack;
  effects: EffectsStack;
  api: ApiStack;
  search: SearchStack;
}

export const DEFAULT_OPTIONS: HelpdeskOptions = {
  stage: 'dev',
  mailDomain: 'helpdesk.example.com',
  sessionTtlSeconds: 12 * 3600,
};

/** Reads the options from CDK context (`-c key=value` or cdk.json), with defaults. */
export function optionsFromContext(app: App): HelpdeskOptions {
  const ctx = (key: string): string | undefined => {
    const v: unknown = app.node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const stage = ctx('stage') ?? DEFAULT_OPTIONS.stage;
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`context stage=${stage}: use lower-case letters, digits and dashes`);
  const sessionTtlSeconds = Number(ctx('sessionTtlSeconds') ?? DEFAULT_OPTIONS.sessionTtlSeconds);
  if (!Number.isInteger(sessionTtlSeconds) || sessionTtlSeconds <= 0) throw new Error('context sessionTtlSeconds: a positive integer');
  const publicUrl = ctx('publicUrl')?.replace(/\/$/, '');
  if (publicUrl && !/^https:\/\/[^/]+$/.test(publicUrl)) throw new Error(`context publicUrl=${publicUrl}: expected https://host`);
  // Env-agnostic unless asked: the same templates for every account and region, synth needs no
  // credentials, and `cdk deploy` targets the CLI's current account and region.
  const account = ctx('account');
  const region = ctx('region');
  return {
    stage,
    mailDomain: ctx('mailDomain') ?? DEFAULT_OPTIONS.mailDomain,
    mailFrom: ctx('mailFrom'),
    inboundMailDomain: ctx('inboundMailDomain'),
    publicUrl,
    sessionTtlSeconds,
    env: account || region ? { account, region } : undefined,
  };
}

/** Defines every stack of one stage in `app`. Function bundles must exist (see buildFunctions). */
export function createStacks(app: App, o: HelpdeskOptions): HelpdeskStacks {
  const name = (part: string) => `helpdesk-${o.stage}-${part}`;
  const common = { env: o.env };

  const data = new DataStack(app, name('data'), { ...common, description: 'Helpdesk: the DynamoDB table' });
  const mail = new MailStack(app, name('mail'), {
    ...common,
    description: 'Helpdesk: SES identity and configuration set',
    mailDomain: o.mailDomain,
    mailFrom: o.mailFrom,
    configurationSetName: name('mail'),
    inboundMailDomain: o.inboundMailDomain,
  });
  const apiGateway = new ApiGatewayStack(app, name('api-gateway'), {
    ...common,
    description: 'Helpdesk: HTTP API and its stage',
    apiName: name('api'),
  });
  const web = new WebStack(app, name('web'), {
    ...common,
    description: 'Helpdesk: static web app (S3) and CloudFront for app and /api/*',
    apiDomainName: apiGateway.domainName,
    webBuildDir: o.webBuildDir,
    originSecret: apiGateway.originSecret,
    filesOrigin: filesBucketOrigin(o.stage),
  });
  const publicUrl = o.publicUrl ?? web.distributionUrl;
  const files = new FilesStack(app, name('files'), {
    ...common,
    description: 'Helpdesk: the private bucket of attachments and raw mail',
    stage: o.stage,
    webOrigin: publicUrl,
  });
  const workflow = new WorkflowStack(app, name('workflow'), {
    ...common,
    description: 'Helpdesk: ticket workflow (Step Functions) and its tasks',
    table: data.table,
    tenantAccess: data.tenantAccess,
    functionsDir: o.functionsDir,
  });
  const effects = new EffectsStack(app, name('effects'), {
    ...common,
    description: 'Helpdesk: side effects of every write, from the table stream',
    table: data.table,
    tenantAccess: data.tenantAccess,
    mail,
    files,
    stateMachine: workflow.stateMachine,
    publicUrl,
    functionsDir: o.functionsDir,
  });
  effects.addStackDependency(files);
  const api = new ApiStack(app, name('api'), {
    ...common,
    description: 'Helpdesk: HTTP API functions and routes',
    httpApi: apiGateway.httpApi,
    table: data.table,
    tenantAccess: data.tenantAccess,
    mail,
    stateMachine: workflow.stateMachine,
    publicUrl,
    sessionTtlSeconds: o.sessionTtlSeconds,
    originSecret: apiGateway.originSecret,
    files,
    functionsDir: o.functionsDir,
  });
  // Implied by the references above; explicit so the deploy order reads from here.
  web.addStackDependency(apiGateway);
  workflow.addStackDependency(web);
  effects.addStackDependency(web);
  api.addStackDependency(workflow);
  api.addStackDependency(files);
  // Inbound mail (issue 8): SES receipt rule → files bucket `inbound/` → the inbound function.
  const inbound = new InboundMailStack(app, name('inbound'), {
    ...common,
    description: 'Helpdesk: inbound mail (SES receipt rule, raw mail to S3, the inbound function)',
    table: data.table,
    tenantAccess: data.tenantAccess,
    files,
    mail,
    inboundMailDomain: mail.inboundMailDomain, // INBOUND_MAIL_DOMAIN: the tenants' addresses `{slug}@…` (ticket mail is sent from them too)
    publicUrl,
    functionsDir: o.functionsDir,
  });
  inbound.addStackDependency(files);
  // Search (issue 9): stream → FIFO queue per tenant → indexer → snapshots in the files bucket.
  const search = new SearchStack(app, name('search'), {
    ...common,
    description: 'Helpdesk: search indexing (stream forwarder, FIFO queue per tenant, indexer, snapshots)',
    table: data.table,
    tenantAccess: data.tenantAccess,
    files,
    functionsDir: o.functionsDir,
  });
  search.addStackDependency(files);

  Tags.of(app).add('app', 'helpdesk');
  Tags.of(app).add('stage', o.stage);
  return { data, mail, apiGateway, web, files, inbound, workflow, effects, api, search };
}

/** Registers the cdk-nag AwsSolutions pack: synthesis fails on any unacknowledged finding. */
export function addNagChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}

async function main(): Promise<void> {
  const app = new App();
  const options = optionsFromContext(app);
  await buildFunctions(options.functionsDir ? { outDir: options.functionsDir } : {});
  createStacks(app, options);
  addNagChecks(app);
  app.synth();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
