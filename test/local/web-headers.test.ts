/**
 * What the local server sends with the web app and the API, as CloudFront does in AWS: a strict
 * Content-Security-Policy whose only inline script is SvelteKit's bootstrap (by its hash), no
 * framing, nosniff on API answers, and the build's precompressed copies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');
const INDEX = readFileSync(join(import.meta.dirname, '../../web/build/index.html'), 'utf8');

/** A raw GET (no automatic decompression), so the bytes on the wire can be checked. */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Each directive of a CSP header by name. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the web app’s security headers', () => {
  it('allow scripts from our origin and the bootstrap script by its hash only, never inline code in general, and no framing', async () => {
    const res = await get('/acme/tickets/7');
    expect(res.status).toBe(200);
    const csp = directives(String(res.headers['content-security-policy']));
    const inline = [...INDEX.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(inline).toHaveLength(1);
    expect(csp['script-src']!.sort()).toEqual(["'self'", ...inline].sort());
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    // images and uploads also reach the local files stand-in (issue 8), by its one origin
    const files = new URL(inject('env').AWS_ENDPOINT_URL_S3!).origin;
    expect(csp['img-src']!.sort()).toEqual(["'self'", files, 'https:'].sort());
    expect(csp['connect-src']!.sort()).toEqual(["'self'", files].sort());
    // documents' videos play from there too (issue 9)
    expect(csp['media-src']!.sort()).toEqual(["'self'", files].sort());
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('API answers carry nosniff, no framing and a policy that loads nothing', async () => {
    for (const path of ['/api/v1/me', '/api/v1/portals/no-such-portal-here', '/api/v1/no-such-thing']) {
      const res = await get(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(directives(String(res.headers['content-security-policy']))).toMatchObject({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
    }
  });
});

describe('compressed assets', () => {
  const script = /<link href="(\/_app\/immutable\/entry\/start\.[^"]+\.js)"/.exec(INDEX)![1]!;
  const plain = readFileSync(join(import.meta.dirname, '../../web/build', script));

  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and the plain file otherwise', async () => {
    const br = await get(script, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.length);

    const gz = await get(script, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);

    const none = await get(script);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain)).toBe(true);
    for (const r of [br, gz, none]) expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding'); // field names are case-insensitive
  });

  it('compresses the SPA page itself, which names its content in a meta description', async () => {
    const res = await get('/acme/', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(res.body).toString('utf8');
    expect(html).toMatch(/<meta name="description" content="[^"]{20,}"/);
  });
});
