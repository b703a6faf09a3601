/**
 * The local HTTP server, standing in for API Gateway (HTTP API) and the web hosting:
 * - `/api/v1/*`: matched, as API Gateway does, against the gateway routes of
 *   `shared/http/routes.ts` (`ANY` on an area's prefixes), turned into the same payload format
 *   2.0 event API Gateway sends, handed to the area's handler (`functions/http/<area>.ts`, whose
 *   router picks the operation or answers 404/405); its v2 result written back.
 * - `/api/openapi.json`, `/api/docs`: from `shared/http/openapi.ts` (when it exists).
 * - everything else: the static SvelteKit build (`web/build`), served by `static.ts`.
 * A failing handler never takes the server down: it answers 500 problem+json with a request id.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Method } from '../../shared/http/routes.ts';
import { lambdaContext } from './lambda-context.ts';
import { API_SECURITY_HEADERS, knowledgePageCsp } from '../security-headers.ts';
import { decode, serveStatic } from './static.ts';

/** A route as API Gateway knows it: a method (or `ANY`), a path template (`{proxy+}` last), the function. */
export interface RouteSpec {
  method: Method | 'ANY';
  path: string;
  handler: string;
}
export type HttpHandler = (event: ApiGatewayV2Event, context: unknown) => Promise<unknown>;

export interface ApiGatewayV2Event {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

export interface HttpServerOptions {
  /** Folder of the static web build; default `web/build`. */
  webRoot?: string;
  /** Default: `gatewayRoutes` of `shared/http/routes.ts`, each to its area. */
  routes?: readonly RouteSpec[];
  /** Default: `handler` export of `functions/http/<area>.ts`, imported once. */
  loadHandler?: (name: string) => Promise<HttpHandler>;
  /** Request body limit in bytes (default 1 MB; API Gateway allows 10 MB, we allow 1 MB). */
  maxBodyBytes?: number;
  /** Like API Gateway's integration timeout (default 30 s). */
  handlerTimeoutMs?: number;
  /** Requests wait for this (the rest of the stack starting up). */
  ready?: Promise<unknown>;
  log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_WEB_ROOT = join(ROOT, 'web', 'build');
const MB = 1024 * 1024;

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|[\w.+-]+\+xml|javascript|graphql))/i;

interface CompiledRoute {
  route: RouteSpec;
  segments: string[];
  params: number;
  greedy: boolean;
}

/** Routes in API Gateway's order of preference: exact before greedy, literal segments before parameters. */
export function compileRoutes(list: readonly RouteSpec[]): CompiledRoute[] {
  return list
    .map((route) => {
      const segments = route.path.split('/');
      return { route, segments, params: segments.filter((s) => s.startsWith('{')).length, greedy: segments.at(-1)!.endsWith('+}') };
    })
    .sort((a, b) => Number(a.greedy) - Number(b.greedy) || a.params - b.params);
}

/** The routes whose path template matches this path, most specific first (any method). */
export function matchingRoutes(compiled: readonly CompiledRoute[], rawPath: string): CompiledRoute[] {
  const segments = rawPath.split('/');
  const all = compiled.filter((c) => matchPath(c.segments, segments));
  // As in API Gateway, a greedy path only serves what no exact path matches.
  const exact = all.filter((c) => !c.greedy);
  return exact.length > 0 ? exact : all.slice(0, 1);
}

export function createHttpServer(opts: HttpServerOptions = {}): Server {
  const log = opts.log ?? ((line: string) => console.error(line));
  const webRoot = opts.webRoot ?? DEFAULT_WEB_ROOT;
  const maxBody = opts.maxBodyBytes ?? MB;
  const timeoutMs = opts.handlerTimeoutMs ?? 30_000;
  const handlers = new Map<string, Promise<HttpHandler>>();
  let compiled: Promise<CompiledRoute[]> | undefined;
  let docs: Promise<{ json: string; html: string }> | undefined;

  /** The OpenAPI document and its page, built once on first request (they never change while running). */
  const apiDocs = () =>
    (docs ??= (async () => {
      const [{ openApiDocument, docsPage }, { routes }] = await Promise.all([import('../../shared/http/openapi.ts'), import('../../shared/http/routes.ts')]);
      const doc = openApiDocument(routes);
      return { json: JSON.stringify(doc), html: docsPage(doc) };
    })().catch((err: unknown) => {
      docs = undefined;
      throw err;
    }));

  const compiledRoutes = () =>
    (compiled ??= (async () => {
      const list = opts.routes ?? (await import('../../shared/http/routes.ts')).gatewayRoutes.map((g) => ({ method: g.method, path: g.path, handler: g.area }));
      return compileRoutes(list);
    })());

  const loadHandler = (name: string): Promise<HttpHandler> => {
    let p = handlers.get(name);
    if (!p) {
      p = (opts.loadHandler ?? importHandler)(name);
      handlers.set(name, p);
      p.catch(() => handlers.delete(name)); // retry next time, e.g. after fixing the file
    }
    return p;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    await opts.ready;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQueryString = q < 0 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();

    if (rawPath === '/api/openapi.json' || rawPath === '/api/docs') return serveDocs(req, res, rawPath, requestId);
    // `/kb/*`: the public knowledge pages (issue 9), served by the API as CloudFront's `/kb/*` behaviour does.
    if (rawPath !== '/api' && !rawPath.startsWith('/api/') && !rawPath.startsWith('/kb/')) return serveStatic(req, res, rawPath, webRoot);

    const pathSegments = rawPath.split('/');
    const candidates = matchingRoutes(await compiledRoutes(), rawPath);
    if (candidates.length === 0) {
      return problem(res, 404, 'not_found', 'Not Found', `No API operation at ${rawPath}`, requestId);
    }
    const hit = candidates.find((c) => c.route.method === method || c.route.method === 'ANY');
    if (!hit) {
      const allow = [...new Set(candidates.map((c) => c.route.method))].join(', ');
      return problem(res, 405, 'method_not_allowed', 'Method Not Allowed', `${method} is not allowed here (allowed: ${allow})`, requestId, { allow });
    }

    const body = await readBody(req, maxBody);
    if (body === 'too_large') {
      // The rest of the body is drained (not kept), so the client can read this answer.
      return problem(res, 413, 'payload_too_large', 'Payload Too Large', `The request body exceeds ${maxBody} bytes`, requestId);
    }
    const event = buildEvent(req, hit, pathSegments, rawPath, rawQueryString, body, requestId);
    const handler = await loadHandler(hit.route.handler);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const context = lambdaContext(`helpdesk-${hit.route.handler}`, timeoutMs, requestId);
      const result = await Promise.race([handler(event, context), timedOut]);
      if (result === 'timeout') {
        log(`[${requestId}] ${event.routeKey}: no answer within ${timeoutMs} ms`);
        return problem(res, 504, 'internal', 'Gateway Timeout', `The handler did not answer within ${timeoutMs / 1000} s`, requestId);
      }
      // `/kb/*` pages show the articles' images, as CloudFront's `/kb/*` policy allows (infra/stacks/web.ts).
      const security = rawPath.startsWith('/kb/') ? { ...API_SECURITY_HEADERS, 'content-security-policy': knowledgePageCsp() } : API_SECURITY_HEADERS;
      writeResult(res, result, requestId, method === 'HEAD', security);
    } finally {
      clearTimeout(timer);
    }
  }

  async function serveDocs(req: IncomingMessage, res: ServerResponse, rawPath: string, requestId: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return problem(res, 405, 'method_not_allowed', 'Method Not Allowed', 'Only GET is allowed here', requestId, { allow: 'GET, HEAD' });
    }
    const { json, html } = await apiDocs();
    res.writeHead(200, {
      ...API_SECURITY_HEADERS,
      'content-type': rawPath === '/api/openapi.json' ? 'application/json' : 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : rawPath === '/api/openapi.json' ? json : html);
  }

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    res.on('error', (err) => log(`[${requestId}] response error: ${err.message}`));
    handle(req, res, requestId).catch((err: unknown) => {
      log(`[${requestId}] ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (res.headersSent) return void res.destroy();
      problem(res, 500, 'internal', 'Internal Server Error', `Something went wrong; request id ${requestId}`, requestId);
    });
  });
  server.on('clientError', clientError);
  return server;
}

/** A request Node could not even parse (headers over `maxHeaderSize`, garbage) still gets problem+json. */
function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const [status, code, title, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'header_too_large', 'Request Header Fields Too Large', 'The request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'Request Timeout', 'The request took too long to arrive']
        : [400, 'malformed_request', 'Bad Request', 'The request could not be read'];
  const requestId = randomUUID();
  const body = JSON.stringify({ type: `urn:helpdesk:problem:${code}`, title, status, code, detail, instance: requestId });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncache-control: no-store\r\napigw-requestid: ${requestId}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

async function importHandler(name: string): Promise<HttpHandler> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad area name ${name}`);
  const mod = (await import(pathToFileURL(join(ROOT, 'functions', 'http', `${name}.ts`)).href)) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new Error(`functions/http/${name}.ts exports no handler`);
  return mod.handler as HttpHandler;
}

function matchPath(template: string[], actual: string[]): boolean {
  const greedy = template.at(-1)!.endsWith('+}');
  if (greedy ? actual.length < template.length : template.length !== actual.length) return false;
  if (greedy && actual.slice(template.length - 1).join('/') === '') return false;
  return template.every((t, i) => (t.endsWith('+}') ? true : t.startsWith('{') ? actual[i] !== '' : t === actual[i]));
}

/** Reads the body, refusing (without buffering the rest) once it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const drainAway = () => {
      // Let the client finish sending so it can read our 413, but never buffer, and not forever.
      let drained = 0;
      req.removeAllListeners('data');
      req.on('data', (c: Buffer) => {
        drained += c.length;
        if (drained > 16 * limit) req.destroy();
      });
      req.resume();
      resolve('too_large');
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return drainAway();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) drainAway();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function buildEvent(
  req: IncomingMessage,
  hit: CompiledRoute,
  pathSegments: string[],
  rawPath: string,
  rawQueryString: string,
  body: Buffer,
  requestId: string,
): ApiGatewayV2Event {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    // API Gateway moves Cookie headers into `cookies`; read them there, not in `headers`.
    if (name === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    else headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');

  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const pathParameters: Record<string, string> = {};
  hit.segments.forEach((t, i) => {
    if (t.endsWith('+}')) pathParameters[t.slice(1, -2)] = decode(pathSegments.slice(i).join('/'));
    else if (t.startsWith('{')) pathParameters[t.slice(1, -1)] = decode(pathSegments[i]!);
  });

  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || contentType === '' || TEXT_TYPES.test(contentType);
  const routeKey = `${hit.route.method} ${hit.route.path}`;
  const now = new Date();
  const domainName = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: {
        method: (req.method ?? 'GET').toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 && { body: isText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: !isText,
  };
}

/** `12/Mar/2020:19:03:58 +0000`, as in `requestContext.time`. */
function apiGatewayTime(d: Date): string {
  const [, day, mon, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(d.toUTCString()) ?? [];
  return `${day}/${mon}/${year}:${time} +0000`;
}

/** Writes a payload format 2.0 result (or, like API Gateway, any other value as JSON with 200). */
function writeResult(res: ServerResponse, result: unknown, requestId: string, head: boolean, security: Readonly<Record<string, string>>): void {
  const r = result as { statusCode?: unknown; headers?: Record<string, unknown>; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
  // What CloudFront's response-headers policy adds to every /api/* (and /kb/*) answer in AWS.
  const headers: Record<string, string | string[]> = { ...security, 'apigw-requestid': requestId };
  let status = 200;
  let body: Buffer;
  if (r && typeof r === 'object' && typeof r.statusCode === 'number') {
    status = r.statusCode;
    for (const [k, v] of Object.entries(r.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    if (Array.isArray(r.cookies) && r.cookies.length > 0) {
      const existing = headers['set-cookie'];
      headers['set-cookie'] = [...(existing ? [existing].flat() : []), ...r.cookies.map(String)];
    }
    const text = r.body === undefined || r.body === null ? '' : String(r.body);
    body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  } else {
    headers['content-type'] = 'application/json';
    body = Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null), 'utf8');
  }
  const noBody = status === 204 || status === 304 || head;
  if (!noBody) headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(noBody ? undefined : body);
}

function problem(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): void {
  // Same shape as functions/http/_lib/problem.ts; `instance` is the request id.
  const body = JSON.stringify({ type: `urn:helpdesk:problem:${code}`, title, status, code, detail, instance: requestId });
  res.writeHead(status, {
    ...API_SECURITY_HEADERS,
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    'apigw-requestid': requestId,
    ...extraHeaders,
  });
  res.end(body);
}
