/**
 * The web hosting of the local server, as CloudFront and S3 do it in AWS: the static SvelteKit
 * build with SPA fallback to `index.html`, a precompressed copy when the client accepts one,
 * the app's security headers (its CSP from the built page), hashed assets cached for a year.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import sirv from 'sirv';
import { appSecurityHeaders } from '../security-headers.ts';

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
  // The app's headers on every file; hashed assets are cached for a year, everything else revalidated.
  for (const [k, v] of Object.entries(await appHeadersOf(webRoot))) res.setHeader(k, v);
  res.setHeader('cache-control', rel.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  const files = filesOf(webRoot);
  files(req, res, () => {
    if (ASSET_EXT.test(rel) || rel.startsWith('/_app/')) return notFound(res);
    // SPA fallback: the app's page for every other path (client-side routes)
    res.setHeader('cache-control', 'no-cache');
    req.url = '/index.html';
    files(req, res, () => notFound(res));
  });
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not Found');
}

/**
 * sirv over the build: content types, ETags and revalidation, and the precompressed `.br` / `.gz`
 * copies the build writes (adapter-static `precompress`) for clients that accept them. `dev` mode
 * looks files up per request, so a rebuild while running is served at once.
 */
const servers = new Map<string, ReturnType<typeof sirv>>();
function filesOf(webRoot: string): ReturnType<typeof sirv> {
  let files = servers.get(webRoot);
  if (!files) {
    files = sirv(webRoot, { dev: true, etag: true, brotli: true, gzip: true, extensions: ['html'] });
    servers.set(webRoot, files);
  }
  return files;
}

/** The security headers of the app, read from the built index.html (its CSP carries the bootstrap script's hash). */
const appHeaders = new Map<string, { mtimeMs: number; headers: Record<string, string> }>();
async function appHeadersOf(webRoot: string): Promise<Record<string, string>> {
  const file = join(webRoot, 'index.html');
  const s = await stat(file).catch(() => undefined);
  const known = appHeaders.get(file);
  if (known && s && known.mtimeMs === s.mtimeMs) return known.headers;
  // the local files stand-in (s3rver) is the files origin here
  const headers = appSecurityHeaders(
    s ? await readFile(file, 'utf8') : undefined,
    process.env.AWS_ENDPOINT_URL_S3 && new URL(process.env.AWS_ENDPOINT_URL_S3).origin,
  );
  if (s) appHeaders.set(file, { mtimeMs: s.mtimeMs, headers });
  return headers;
}
