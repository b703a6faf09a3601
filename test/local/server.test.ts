/**
 * The local HTTP server: API Gateway-like routing and v2 events, limits, and static web
 * hosting with SPA fallback. Routing/limit checks run against the shared test stack; event
 * and static checks against a private server with stub handlers and a temporary web root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listen } from '../../infra/local/ports.ts';
import { createHttpServer, type ApiGatewayV2Event, type HttpHandler } from '../../infra/local/server.ts';

const MB = 1024 * 1024;

describe('the API side of the shared local stack', () => {
  const base = inject('baseUrl');

  it('an unknown API path answers 404 problem+json', async () => {
    const res = await fetch(`${base}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status: 404, code: 'not_found', title: 'Not Found' });
    expect(typeof body.type).toBe('string');
  });

  it('a known path with the wrong method answers 405 problem+json with Allow', async () => {
    const res = await fetch(`${base}/api/v1/tickets`, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
    expect((await res.json()).code).toBe('method_not_allowed');
  });

  it('a body over 1 MB is refused with 413 (declared length)', async () => {
    const res = await fetch(`${base}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'big', text: 'x'.repeat(MB + 10) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
  });

  it('a streamed body over 1 MB (no length) is refused with 413 too', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(120);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
  });

  it('headers too large for the server are refused with 431 problem+json, not plain text', async () => {
    const res = await fetch(`${base}/api/v1/me`, { headers: { 'x-padding': 'a'.repeat(64 * 1024) } });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 431, code: 'header_too_large', title: 'Request Header Fields Too Large' });
    // the server is still there for the next caller
    expect((await fetch(`${base}/api/v1/me`)).status).toBe(401);
  });

  it('runs the real handlers with the stack environment', async () => {
    const res = await fetch(`${base}/api/v1/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('apigw-requestid')).toBeTruthy();
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await fetch(`${base}/api/openapi.json`);
    expect(doc.status).toBe(200);
    expect((await doc.json()).openapi).toMatch(/^3\./);
    const page = await fetch(`${base}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});

describe('a private server with stub handlers and a temporary web root', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const seen: ApiGatewayV2Event[] = [];
  const handlers: Record<string, HttpHandler> = {
    echo: async (event, context) => {
      seen.push(event);
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/json',
          'x-remaining': String((context as { getRemainingTimeInMillis(): number }).getRemainingTimeInMillis() > 0),
        },
        cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
        body: JSON.stringify({ ok: true }),
      };
    },
    bytes: async () => ({
      statusCode: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
    }),
    plain: async () => ({ items: [1, 2] }),
    boom: async () => {
      throw new Error('kaputt');
    },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hd-web-'));
    mkdirSync(join(dir, 'web', '_app', 'immutable', 'entry'), { recursive: true });
    writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>SPA</title>');
    writeFileSync(join(dir, 'web', '_app', 'immutable', 'entry', 'app.abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'web', 'robots.txt'), 'User-agent: *');
    server = createHttpServer({
      webRoot: join(dir, 'web'),
      routes: [
        { method: 'POST', path: '/api/v1/tenants/{tenant}/things/{id}', handler: 'echo' },
        { method: 'GET', path: '/api/v1/bytes', handler: 'bytes' },
        { method: 'GET', path: '/api/v1/plain', handler: 'plain' },
        { method: 'GET', path: '/api/v1/boom', handler: 'boom' },
        { method: 'ANY', path: '/api/v1/areas/{proxy+}', handler: 'echo' },
      ],
      loadHandler: async (name) => handlers[name]!,
      log: () => {},
    });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands the handler an API Gateway payload format 2.0 event', async () => {
    seen.length = 0;
    const res = await fetch(`${base}/api/v1/tenants/t-alpha/things/a%20b?x=1&x=2&y=z`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Cookie: 'hd_session=s1; theme=dark', 'X-Custom': 'Yes' },
      body: '{"hello":"world"}',
    });
    expect(res.status).toBe(200);
    const e = seen[0]!;
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/v1/tenants/{tenant}/things/{id}',
      rawPath: '/api/v1/tenants/t-alpha/things/a%20b',
      rawQueryString: 'x=1&x=2&y=z',
      cookies: ['hd_session=s1', 'theme=dark'],
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { tenant: 't-alpha', id: 'a b' },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/api/v1/tenants/t-alpha/things/a%20b' },
        stage: '$default',
        routeKey: 'POST /api/v1/tenants/{tenant}/things/{id}',
      },
    });
    expect(e.headers['x-custom']).toBe('Yes');
    expect(e.headers.cookie).toBeUndefined(); // like API Gateway: cookies live in `cookies`
    expect(e.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.requestContext.timeEpoch).toBeGreaterThan(0);
    expect(res.headers.get('x-remaining')).toBe('true');
  });

  it('a greedy ANY route takes every method and passes the rest of the path as `proxy`, like API Gateway', async () => {
    seen.length = 0;
    for (const method of ['GET', 'DELETE']) expect((await fetch(`${base}/api/v1/areas/t-alpha/things/7`, { method })).status).toBe(200);
    expect(seen.map((e) => [e.routeKey, e.requestContext.http.method, e.pathParameters])).toEqual([
      ['ANY /api/v1/areas/{proxy+}', 'GET', { proxy: 't-alpha/things/7' }],
      ['ANY /api/v1/areas/{proxy+}', 'DELETE', { proxy: 't-alpha/things/7' }],
    ]);
    // one segment at least: the bare prefix is no match
    expect((await fetch(`${base}/api/v1/areas`)).status).toBe(404);
  });

  it('base64-encodes a binary request body for a second tenant too', async () => {
    seen.length = 0;
    await fetch(`${base}/api/v1/tenants/t-beta/things/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 159, 146, 150]),
    });
    expect(seen[0]).toMatchObject({
      pathParameters: { tenant: 't-beta', id: '1' },
      isBase64Encoded: true,
      body: Buffer.from([0, 159, 146, 150]).toString('base64'),
    });
  });

  it('writes v2 results: several cookies, base64 bodies, bare values as JSON', async () => {
    const res = await fetch(`${base}/api/v1/tenants/t-alpha/things/1`, { method: 'POST' });
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    const bytes = await fetch(`${base}/api/v1/bytes`);
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    const plain = await fetch(`${base}/api/v1/plain`);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.json()).toEqual({ items: [1, 2] });
  });

  it('a throwing handler gives 500 problem+json with a request id, and the server lives on', async () => {
    const res = await fetch(`${base}/api/v1/boom`);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toMatchObject({ status: 500, code: 'internal' });
    expect(body.instance).toBe(res.headers.get('apigw-requestid'));
    expect(JSON.stringify(body)).not.toContain('kaputt');
    expect((await fetch(`${base}/api/v1/plain`)).status).toBe(200);
  });

  it('the SPA fallback serves index.html for a portal path, uncached', async () => {
    for (const path of ['/', '/demo/', '/demo/tickets/42', '/signup', '/demo/users/jane.doe']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>SPA</title>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and 404s for a missing asset', async () => {
    const js = await fetch(`${base}/_app/immutable/entry/app.abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/_app/immutable/entry/gone.js`)).status).toBe(404);
    expect((await fetch(`${base}/missing.png`)).status).toBe(404);
    expect(await (await fetch(`${base}/robots.txt`)).text()).toBe('User-agent: *');
  });

  it('never serves files outside the web root', async () => {
    const res = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('without a web build, pages say to run npm run build:web', async () => {
    const bare = createHttpServer({ webRoot: join(dir, 'nothing-here'), routes: [], log: () => {} });
    const url = `http://127.0.0.1:${await listen(bare, 0, '127.0.0.1')}`;
    try {
      const res = await fetch(`${url}/demo/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:web');
    } finally {
      await new Promise((r) => bare.close(r));
    }
  });
});
