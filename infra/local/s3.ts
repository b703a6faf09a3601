/**
 * S3 on loopback (`s3rver`): the attachment bucket `config.bucketName`, created at start with a
 * CORS rule for the web origin (browsers PUT uploads to presigned URLs). Objects live under
 * `<dataDir>/s3` (kept between starts) or in a temporary folder removed at stop.
 * Its access key must be `S3RVER`; clients use path style (../../shared/files/storage.ts).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { DOWNLOAD_HEADERS } from '../../shared/files/storage.ts';
import { closeServer, listen } from './ports.ts';

/** The only credentials s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3Local {
  /** e.g. `http://127.0.0.1:41234` (also the origin the browser uploads to and downloads from). */
  endpoint: string;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  bucketName: string;
  /** Origins allowed to PUT and GET from a browser (the web app). */
  webOrigins: string[];
  /** Folder of the objects; null = a temporary one, removed at stop. */
  directory: string | null;
  log?: (line: string) => void;
}

interface S3rverInstance {
  configureBuckets(): Promise<void>;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  logger: { close(): void; exceptions: { unhandle(): void } };
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** The bucket's CORS rule: uploads (PUT with the signed content type) and downloads from the web app. */
export function corsXml(origins: string[]): string {
  const rules = origins.map(
    (o) =>
      `<CORSRule><AllowedOrigin>${o}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
  );
  return `<CORSConfiguration>${rules.join('')}</CORSConfiguration>`;
}

const bytes = (d: string | ArrayBuffer | ArrayBufferView) =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** SHA-256 (plain or keyed) in the shape the SDK's signer wants. */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

/**
 * Whether a presigned (query-signed) request carries a valid, unexpired SigV4 signature over
 * exactly the headers it signed. s3rver does not check V4 signatures at all; S3 does, and a
 * presigned upload relies on it (its Content-Length is signed), so the stand-in must too.
 * Requests signed in the Authorization header (the SDK's own calls) pass through.
 */
export async function presignedRequestValid(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): Promise<boolean> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const q = url.searchParams;
  const signature = q.get('X-Amz-Signature');
  // A CORS preflight names the presigned URL but carries none of its signed headers.
  if (!signature || req.method === 'OPTIONS') return true;
  const date = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  const [, , region, service] = (q.get('X-Amz-Credential') ?? '').split('/');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m || !Number.isFinite(expires) || !region) return false;
  const signingDate = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  if (Date.now() > signingDate.getTime() + expires * 1000) return false;
  const signed = (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  const headers: Record<string, string> = {};
  for (const h of signed) {
    const v = req.headers[h];
    if (v === undefined) return false;
    headers[h] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of q) if (!PRESIGN_PARAMS.includes(k)) query[k] = v;
  const presigner = new S3RequestPresigner({ credentials: S3RVER_CREDENTIALS, region, sha256: NodeSha256, signingName: service });
  const again = await presigner.presign(
    { method: req.method ?? 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port) || undefined, path: url.pathname, query, headers },
    { signingDate, expiresIn: expires, signableHeaders: new Set(signed), unhoistableHeaders: new Set(signed.filter((h) => h !== 'host')) },
  );
  return again.query?.['X-Amz-Signature'] === signature;
}

function refuse(res: ServerResponse): void {
  res.writeHead(403, { 'content-type': 'application/xml' });
  res.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>',
  );
}

export async function startS3(opts: S3LocalOptions): Promise<S3Local> {
  const mod = await import('s3rver');
  const S3rver = ((mod as { default?: unknown }).default ?? mod) as unknown as S3rverClass;
  const temporary = opts.directory === null;
  const directory = opts.directory ?? mkdtempSync(path.join(tmpdir(), 'helpdesk-s3-'));
  mkdirSync(directory, { recursive: true });
  const s3rver = new S3rver({
    silent: true,
    directory,
    configureBuckets: [{ name: opts.bucketName, configs: [corsXml(opts.webOrigins)] }],
  });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  // s3rver behind a check of presigned signatures (see presignedRequestValid); CORS preflights carry none.
  // Downloads get the headers CloudFront adds in AWS (nosniff, a sandboxing CSP: DOWNLOAD_HEADERS).
  const server = createServer((req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') for (const [name, value] of Object.entries(DOWNLOAD_HEADERS)) res.setHeader(name, value);
    presignedRequestValid(req).then(
      (ok) => (ok ? handle(req, res) : refuse(res)),
      () => refuse(res),
    );
  });
  const port = await listen(server, 0, '127.0.0.1', 'S3 port');
  const endpoint = `http://127.0.0.1:${port}`;
  opts.log?.(`S3 (s3rver) on ${endpoint}, bucket ${opts.bucketName} in ${directory}`);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    stop: () =>
      (stopped ??= (async () => {
        await closeServer(server);
        s3rver.logger.exceptions.unhandle();
        s3rver.logger.close();
        if (temporary) rmSync(directory, { recursive: true, force: true });
      })()),
  };
}
