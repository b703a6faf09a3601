/**
 * SES v2 on loopback (`aws-ses-v2-local`), with its web inbox (`GET /`) and JSON store
 * (`GET /store`, `POST /clear-store`). Mail is kept in memory of this process only.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:net';
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
  const server = await start({ host: '127.0.0.1', port: requested });
  if (!server.listening) {
    // Express 5 reports a listen error to the callback, so the promise resolves with a dead
    // server and no error: probe the port to tell a taken port (the common case) from the rest.
    const probe = createServer();
    await listen(probe, requested, '127.0.0.1', opts.portSetting ?? 'MAIL_PORT');
    await new Promise((r) => probe.close(r));
    throw new Error(`SES local could not listen on 127.0.0.1:${requested}`);
  }
  const { port } = server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  opts.log?.(`SES v2 local on ${endpoint}`);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    storeUrl: `${endpoint}/store`,
    stop: () => (stopped ??= closeServer(server)),
  };
}
