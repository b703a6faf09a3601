/** Small port helpers shared by the local stand-ins. */
import type * as http from 'node:http';
import { createServer, type Server } from 'node:net';

/** Thrown when a requested port is taken; its message is the one line to show. */
export class PortInUseError extends Error {
  readonly port: number;
  /** The setting that chose the port: `PORT`, `MAIL_PORT`. */
  constructor(port: number, setting = 'PORT') {
    super(`Port ${port} is in use: stop the other process or set ${setting}=${port + 1}`);
    this.name = 'PortInUseError';
    this.port = port;
  }
}

/** A loopback port free right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/** `server.listen` as a promise; EADDRINUSE becomes a `PortInUseError` naming `setting`. Resolves the bound port. */
export function listen(server: Pick<Server, 'listen' | 'once' | 'off' | 'address'>, port: number, host: string, setting = 'PORT'): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, setting) : err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** Stop a server and drop its open connections (keep-alive ones would hold it open). */
export function closeServer(server: Pick<http.Server, 'close' | 'closeAllConnections'>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
