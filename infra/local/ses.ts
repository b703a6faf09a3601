/**
 * SES v2 on loopback (`aws-ses-v2-local`), with its web inbox (`GET /`) and JSON store
 * (`GET /store`, `POST /clear-store`). Mail is kept in memory of this process only.
 */
import type { Server } from 'node:http';

export interface SesLocal {
  endpoint: string;
  /** Web UI listing the sent mail. */
  inboxUrl: string;
  /** JSON of every sent mail: `{ emails: [...] }`. */
  storeUrl: string;
  stop(): Promise<void>;
}

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;

export async function startSes(opts: { port?: number; log?: (line: string) => void } = {}): Promise<SesLocal> {
  const mod = await import('aws-ses-v2-local');
  // A CommonJS module with `exports.default`: from ESM the function sits one level deeper.
  const wrapped = mod.default as unknown as { default?: StartSes };
  const start = wrapped.default ?? (mod.default as unknown as StartSes);
  const server = await start({ host: '127.0.0.1', port: opts.port ?? 0 });
  if (!server.listening) {
    // Express 5 reports a listen error to the callback, so the promise resolves with a dead server.
    throw new Error(`SES local could not listen on 127.0.0.1:${opts.port ?? 0}`);
  }
  const { port } = server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  opts.log?.(`SES v2 local on ${endpoint}`);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    storeUrl: `${endpoint}/store`,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
