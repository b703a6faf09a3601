/**
 * SES v2 on loopback (`aws-ses-v2-local`), with its web inbox (`GET /`) and JSON store
 * (`GET /store`, `POST /clear-store`). Mail is kept in memory of this process only.
 *
 * The stand-in forgets a raw mail's headers (Message-ID, In-Reply-To, References, Auto-Submitted)
 * and its source: a thin proxy in front of it keeps the source of each raw send and adds
 * `headers` and `raw` (base64) to that mail in `/store`, so a test reads what a recipient gets.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { closeServer, listen } from './ports.ts';

export interface SesLocal {
  endpoint: string;
  /** Web UI listing the sent mail. */
  inboxUrl: string;
  /** JSON of every sent mail: `{ emails: [...] }`. */
  storeUrl: string;
  stop(): Promise<void>;
}

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;

export interface SesLocalOptions {
  /** Port of the API and the inbox; 0 (default) = a free one. */
  port?: number;
  /** Setting named in the error for a taken port. Default `MAIL_PORT`. */
  portSetting?: string;
  log?: (line: string) => void;
}

export async function startSes(opts: SesLocalOptions = {}): Promise<SesLocal> {
  const mod = await import('aws-ses-v2-local');
  // A CommonJS module with `exports.default`: from ESM the function sits one level deeper.
  const wrapped = mod.default as unknown as { default?: StartSes };
  const start = wrapped.default ?? (mod.default as unknown as StartSes);
  const requested = opts.port ?? 0;
  const upstream = await start({ host: '127.0.0.1', port: 0 });
  if (!upstream.listening) throw new Error('SES local could not listen on 127.0.0.1');
  const inner = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  const server = rawKeepingProxy(inner);
  try {
    await listen(server, requested, '127.0.0.1', opts.portSetting ?? 'MAIL_PORT');
  } catch (err) {
    await closeServer(upstream);
    throw err;
  }
  const { port } = server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  opts.log?.(`SES v2 local on ${endpoint}`);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    storeUrl: `${endpoint}/store`,
    stop: () => (stopped ??= Promise.all([closeServer(server), closeServer(upstream)]).then(() => undefined)),
  };
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The header fields of a raw mail (folded lines joined), as `/store` lists them for simple sends. */
function headersOf(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end))
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((l) => {
      const i = l.indexOf(':');
      return i > 0 ? [{ name: l.slice(0, i).trim(), value: l.slice(i + 1).trim() }] : [];
    });
}

/** Forwards every request to the stand-in; remembers each raw send's source by SES message id and adds it to `/store`. */
function rawKeepingProxy(inner: string): Server {
  const raws = new Map<string, string>();
  return createHttpServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k)),
      ) as Record<string, string>;
      const up = await fetch(`${inner}${req.url ?? '/'}`, { method: req.method, headers, ...(body.length > 0 && { body: new Uint8Array(body) }) });
      let out = Buffer.from(await up.arrayBuffer());
      const path = (req.url ?? '/').split('?')[0];
      if (up.ok && req.method === 'POST' && path === '/v2/email/outbound-emails') {
        const raw = (JSON.parse(body.toString('utf8')) as { Content?: { Raw?: { Data?: string } } }).Content?.Raw?.Data;
        const id = (JSON.parse(out.toString('utf8')) as { MessageId?: string }).MessageId;
        if (raw && id) raws.set(id, raw);
      }
      if (up.ok && req.method === 'POST' && path === '/clear-store') raws.clear();
      if (up.ok && req.method === 'GET' && path === '/store') {
        const store = JSON.parse(out.toString('utf8')) as { emails: { messageId: string; headers?: unknown; raw?: string }[] };
        for (const e of store.emails) {
          const raw = raws.get(e.messageId);
          if (raw) Object.assign(e, { raw, headers: headersOf(Buffer.from(raw, 'base64')) });
        }
        out = Buffer.from(JSON.stringify(store));
      }
      const type = up.headers.get('content-type');
      res.writeHead(up.status, type ? { 'content-type': type } : {});
      res.end(out);
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`SES local proxy: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
}
