/**
 * The web hosting of the local server, as CloudFront and S3 do it in AWS: the static SvelteKit
 * build with SPA fallback to `index.html`, a precompressed copy when the client accepts one,
 * the app's security headers (its CSP from the built page), hashed assets cached for a year.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, posix, sep } from 'node:path';
import { appSecurityHeaders } from '../security-headers.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** A path segment decoded, or as it is when it is not valid percent-encoding. */
export function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function page(title: string, bodyHtml: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:.1rem .3rem}</style>
</head><body><h1>${title}</h1>${bodyHtml}</body></html>`;
}

/** Paths that name an asset: never answered with the SPA page when missing. */
const ASSET_EXT = /\.(js|mjs|css|map|json|webmanifest|txt|xml|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|wasm)$/i;

/** Answers a request for the web app from the build in `webRoot`. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, rawPath: string, webRoot: string): Promise<void> {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Method Not Allowed');
  }
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile)) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    return void res.end(
      head
        ? undefined
        : page(
            'The web app is not built',
            '<p>Run <code>npm run build:web</code>, then reload this page. The API is up meanwhile: see <a href="/api/docs">/api/docs</a>.</p>',
          ),
    );
  }
  const decoded = decode(rawPath);
  const rel = posix.normalize(decoded.replace(/\\/g, '/'));
  const hidden = rel.split('/').some((s) => s.startsWith('.') && s !== '.' && s !== '..');
  const file = join(webRoot, rel);
  const inside = file === webRoot || file.startsWith(webRoot.endsWith(sep) ? webRoot : webRoot + sep);
  if (!inside || hidden || decoded.includes('\0')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Not Found');
  }
  for (const candidate of [file, join(file, 'index.html'), ASSET_EXT.test(file) ? '' : `${file}.html`]) {
    if (!candidate) continue;
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return sendFile(req, res, webRoot, candidate, s.size, s.mtimeMs, rel.startsWith('/_app/immutable/'));
  }
  if (ASSET_EXT.test(rel) || rel.startsWith('/_app/')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Not Found');
  }
  const s = await stat(indexFile);
  return sendFile(req, res, webRoot, indexFile, s.size, s.mtimeMs, false); // SPA fallback
}

/** The precompressed copies the build writes beside each file (adapter-static `precompress`), best first. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/** The security headers of the app, read from the built index.html (its CSP carries the bootstrap script's hash). */
const appHeaders = new Map<string, { mtimeMs: number; headers: Record<string, string> }>();
async function appHeadersOf(webRoot: string): Promise<Record<string, string>> {
  const file = join(webRoot, 'index.html');
  const s = await stat(file).catch(() => undefined);
  const known = appHeaders.get(file);
  if (known && s && known.mtimeMs === s.mtimeMs) return known.headers;
  const headers = appSecurityHeaders(s ? await readFile(file, 'utf8') : undefined);
  if (s) appHeaders.set(file, { mtimeMs: s.mtimeMs, headers });
  return headers;
}

/** Sends a file of the build, as CloudFront does: a precompressed copy when the client accepts one. */
async function sendFile(req: IncomingMessage, res: ServerResponse, webRoot: string, file: string, size: number, mtimeMs: number, immutable: boolean) {
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const accepted = String(req.headers['accept-encoding'] ?? '');
  let body = file;
  let encoding: string | undefined;
  for (const e of ENCODINGS) {
    if (!new RegExp(`\\b${e.name}\\b`).test(accepted)) continue;
    const s = await stat(file + e.ext).catch(() => undefined);
    if (!s?.isFile()) continue;
    body = file + e.ext;
    encoding = e.name;
    size = s.size;
    break;
  }
  const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    ...(await appHeadersOf(webRoot)),
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    etag,
  };
  if (encoding) headers['content-encoding'] = encoding;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  headers['content-length'] = String(size);
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(body)
    .on('error', () => res.destroy())
    .pipe(res);
}
