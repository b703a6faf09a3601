/**
 * The whole product on one machine: DynamoDB Local, SES v2 local, S3 (s3rver), the Step Functions stand-in,
 * the stream consumer's poller and the HTTP server, wired through the same environment variables the CDK stacks set in AWS.
 * Used by `npm start` (start.ts) and by the test harness (test/setup/global.ts).
 */
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDb, type DynamoDbLocal } from './dynamodb.ts';
import { closeServer, listen } from './ports.ts';
import { createHttpServer } from './server.ts';
import { startSes, type SesLocal } from './ses.ts';
import { S3RVER_CREDENTIALS, startS3, type S3Local } from './s3.ts';
import { startSfn, type SfnLocal } from './sfn.ts';
import { startSmtp } from './smtp.ts';
import { startStreamPoller } from './streams.ts';
import { startSearchIndexing } from './search.ts';

export const STATE_MACHINE_ARN = 'arn:aws:states:eu-central-1:000000000000:stateMachine:ticket-workflow';

export interface LocalStackOptions {
  /** HTTP port; 0 = a free one. Default 3000. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Port of SES local and its mail inbox (loopback); default `port + 1`, or a free one when `port` is 0. */
  mailPort?: number;
  /** Port of the inbound SMTP server (issue 8); default `port + 2`, or a free one when `port` is 0. */
  smtpPort?: number;
  /**
   * Absolute data folder (DynamoDB files go to `<dataDir>/dynamodb`, the workflow execution
   * journal to `<dataDir>/stepfunctions`, the stream position to `<dataDir>/streams`, the bucket's
   * objects to `<dataDir>/s3`, search indexes to `<dataDir>/search`); null = in memory (objects
   * and search indexes in a temporary folder).
   */
  dataDir?: string | null;
  /** Seed the demo tenant when the table was just created. */
  demo?: boolean;
  demoPassword?: string;
  /** Static web build; default `web/build`. */
  webRoot?: string;
  log?: (line: string) => void;
}

/** What seeding the demo tenant reports: its portal and logins. */
export type DemoInfo = Awaited<ReturnType<typeof import('./seed.ts').seedDemo>>;

export interface LocalStack {
  url: string;
  mailInboxUrl: string;
  sesStoreUrl: string;
  /** The inbound SMTP server's port (mail to tenants' inbound addresses). */
  smtpPort: number;
  env: Record<string, string>;
  /** True when the table did not exist before this start. */
  tableCreated: boolean;
  /** What the demo seed returned, when it ran on this start. */
  demo?: DemoInfo;
  settleWorkflows(): Promise<void>;
  /** Resolves once the stream consumer has caught up with every write made before the call. */
  settleEffects(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch((err) => log(`stop failed: ${String(err)}`));
  };

  // Claim the port first: a taken port fails fast, before any Java starts.
  let markReady!: () => void;
  let markFailed!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => {});
  const server = createHttpServer({ ready, webRoot: opts.webRoot, log });
  const port = await listen(server, opts.port ?? 3000, host);
  started.push({ stop: () => closeServer(server) });
  const loopback = ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::'].includes(host);
  const url = `http://${loopback ? 'localhost' : host}:${port}`;
  const dataDir = opts.dataDir ? opts.dataDir.replace(/\/$/, '') : null;

  try {
    // SES before Java too: a taken mail port also fails fast. A fixed port keeps the inbox URL stable.
    const requestedPort = opts.port ?? 3000;
    const mailPort = opts.mailPort ?? (requestedPort === 0 || requestedPort >= 65535 ? 0 : requestedPort + 1);
    const ses: SesLocal = await startSes({ port: mailPort, log });
    started.push(ses);
    // Inbound mail (issue 8): a taken port fails fast too; mails are taken in once the stack is ready.
    const smtp = await startSmtp({ port: opts.smtpPort ?? (requestedPort === 0 || requestedPort >= 65534 ? 0 : requestedPort + 2), host, ready, log });
    started.push(smtp);
    const bucketName = process.env.BUCKET_NAME || 'helpdesk-files';
    const s3: S3Local = await startS3({ bucketName, webOrigins: [url], directory: dataDir && `${dataDir}/s3`, log });
    started.push(s3);
    const db: DynamoDbLocal = await startDynamoDb({ storage: dataDir ? { dataDir: `${dataDir}/dynamodb` } : 'inMemory', log });
    started.push(db);
    // Executions journalled as RUNNING are loaded now and re-run below, once the handlers' environment is set.
    const sfn: SfnLocal = await startSfn({ stateMachineArn: STATE_MACHINE_ARN, dataDir: dataDir && `${dataDir}/stepfunctions`, log });
    started.push(sfn);

    const env: Record<string, string> = {
      TABLE_NAME: process.env.TABLE_NAME || 'helpdesk',
      PUBLIC_URL: url,
      MAIL_FROM: process.env.MAIL_FROM || 'Helpdesk <no-reply@helpdesk.localhost>',
      STATE_MACHINE_ARN,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SFN: sfn.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      BUCKET_NAME: bucketName,
      // s3rver accepts only its own key (shared/files/storage.ts uses these with a local endpoint)
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    };
    // Before any handler is imported: they read these at call (and maybe import) time.
    Object.assign(process.env, env);
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;

    const tableCreated = await ensureTable(db.endpoint, env.TABLE_NAME!, log);
    log(tableCreated ? `table ${env.TABLE_NAME} created` : `table ${env.TABLE_NAME} found`);
    // Side effects follow the writes from here on; a table of an earlier run goes on where it stopped.
    const effects = await startStreamPoller({
      endpoint: db.endpoint,
      tableName: env.TABLE_NAME!,
      dataDir: dataDir && `${dataDir}/streams`,
      startAt: tableCreated ? 'TRIM_HORIZON' : 'LATEST',
      log,
    });
    started.push(effects);
    // Search (issue 9): the stream's second consumer, as in AWS, feeding one serial queue per tenant.
    const search = await startSearchIndexing({ endpoint: db.endpoint, tableName: env.TABLE_NAME!, dataDir, tableCreated, log });
    started.push(search);
    markReady();
    sfn.resume();

    let demo: DemoInfo | undefined;
    if (opts.demo && tableCreated) demo = await seed(opts.demoPassword);

    let stopping: Promise<void> | undefined;
    return {
      url,
      mailInboxUrl: ses.inboxUrl,
      sesStoreUrl: ses.storeUrl,
      smtpPort: smtp.port,
      env,
      tableCreated,
      demo,
      settleWorkflows: () => sfn.settle(),
      settleEffects: async () => {
        await effects.settle();
        await search.settle();
      },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    markFailed(err);
    await stopAll();
    throw err;
  }
}

async function seed(password: string | undefined): Promise<DemoInfo> {
  if (!password) throw new Error('a demo password is needed to seed the demo');
  // Loaded only when seeding: it pulls in the domain, which must see the environment set above.
  const { seedDemo } = await import('./seed.ts');
  return seedDemo({ password });
}
