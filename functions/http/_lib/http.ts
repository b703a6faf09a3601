/**
 * The HTTP side of every area function, from one factory: the area's router picks the operation
 * (hono's router, over the route table), then one middleware stack per operation normalises the
 * event, resolves the session's tenant (before the body is even read: a caller without a session
 * learns nothing about the operation), parses JSON, validates with the route's zod schemas,
 * hands the handler typed input and maps errors.
 */
import { timingSafeEqual } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import { loggerFor } from '../../_lib/logger.ts';
import middy, { type MiddlewareObj } from '@middy/core';
import httpContentEncoding from '@middy/http-content-encoding';
import httpContentNegotiation from '@middy/http-content-negotiation';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ZodError, type z } from 'zod';
import { config } from '../../../shared/config.ts';
import { DomainError, fieldErrorsOf, type FieldError } from '../../../shared/errors.ts';
import { resolveSession } from '../../../shared/auth/sessions.ts';
import type { Actor } from '../../../shared/auth/actor.ts';
import { preferredLanguage } from '../../../shared/language.ts';
import { type Area, type OperationId, type OperationsOf, type RouteDef, type RouteInput, areaOf, routes } from '../../../shared/http/routes.ts';
import { readSessionCookie } from './cookies.ts';
import { withRequestReads } from '../../../shared/db/request-reads.ts';
import { conditionalGet } from './etag.ts';
import { problem } from './problem.ts';
import { type Match, routerOf } from './router.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Structured JSON logs, keys passed per call. Never log a body, a token or a password. */
export const logger = loggerFor('helpdesk-api');

/** What the handler of operation `Id` receives: input typed by its route's schemas, and the caller. */
export type HttpRequest<Id extends OperationId> = RouteInput<Id> & {
  /** The presented session token (for sign-out). */
  token: string | undefined;
  sourceIp: string;
  /** The caller's `Accept-Language` header (language of a new account, when it names none). */
  acceptLanguage: string | undefined;
  requestId: string;
};

/** The request while the middleware builds it. */
interface RawRequest {
  body: unknown;
  query: unknown;
  params: unknown;
  actor: Actor | undefined;
  token: string | undefined;
  sourceIp: string;
  /** The caller's `Accept-Language` header (language of a new account, when it names none). */
  acceptLanguage: string | undefined;
  requestId: string;
}

/** What a handler returns: a body (sent with the route's status) and optional cookies. */
export interface HttpResult {
  body?: unknown;
  cookies?: string[];
  /** A page rather than JSON (the public knowledge pages, issue 9): sent as is, with its own status and headers. */
  page?: { status?: number; contentType: string; body: string; headers?: Record<string, string> };
}

/** The Lambda context, carrying this invocation's parsed request from middleware to handler. */
type HttpContext = Context & { req: RawRequest; match: Extract<Match, { kind: 'found' }> };
const ctx = (request: { context: Context }) => request.context as HttpContext;

const fieldErrors = (e: ZodError): FieldError[] => fieldErrorsOf(e.issues);

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T | unknown {
  if (!schema) return value;
  const r = schema.safeParse(value);
  if (!r.success)
    throw new DomainError(
      'validation_failed',
      `Invalid ${where}: ${r.error.issues.map((i) => `${i.path.join('.') || where} ${i.message}`).join('; ')}`,
      fieldErrors(r.error),
    );
  return r.data;
}

/** The caller's address: stamped by CloudFront in AWS, the connection's own locally. */
export function viewerIp(e: APIGatewayProxyEventV2): string {
  const header = config.viewerIpHeader;
  const stamped = header ? e.headers?.[header] : undefined;
  return stamped || e.requestContext?.http?.sourceIp || 'unknown';
}

/** Whether a request came through the trusted proxy, where one is configured. */
export function viaTrustedProxy(e: APIGatewayProxyEventV2): boolean {
  const secret = config.originSecret;
  if (!secret) return true;
  const presented = e.headers?.[secret.header] ?? '';
  return presented.length === secret.value.length && timingSafeEqual(Buffer.from(presented), Buffer.from(secret.value));
}

/** Header names lower-cased and a base64 body decoded, whatever the caller sent; only requests through CloudFront. */
const normalise = (): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: (request) => {
    const e = request.event;
    e.headers = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (e.isBase64Encoded && e.body) {
      e.body = Buffer.from(e.body, 'base64').toString('utf8');
      e.isBase64Encoded = false;
    }
    const req: RawRequest = {
      body: undefined,
      query: {},
      params: {},
      actor: undefined,
      token: undefined,
      sourceIp: viewerIp(e),
      acceptLanguage: e.headers['accept-language'],
      requestId: e.requestContext?.requestId ?? request.context.awsRequestId,
    };
    Object.assign(request.context, { req });
  },
});

/** Size limit and JSON parsing of the body. */
const jsonBody = (route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: (request) => {
    const e = request.event;
    const raw = e.body ?? '';
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new DomainError('payload_too_large', 'The request body is larger than 1 MB');
    const internal = ctx(request);
    if (!route.body || raw.trim() === '') {
      internal.req.body = route.body ? {} : undefined;
      return;
    }
    const type = e.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new DomainError('unsupported_media_type', 'Send the body as application/json');
    try {
      internal.req.body = JSON.parse(raw);
    } catch {
      throw new DomainError('malformed_json', 'The request body is not valid JSON');
    }
  },
});

const validate = (route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: (request) => {
    const { req } = ctx(request);
    const e = request.event;
    // Path parameters come from the area's router: API Gateway only knows the area's prefix.
    req.params = parse(route.params, ctx(request).match.params, 'path');
    req.query = parse(route.query, e.queryStringParameters ?? {}, 'query');
    req.body = parse(route.body, req.body, 'body');
  },
});

// Only the configured public origin: Host and X-Forwarded-Host come from the caller.
function allowedOrigin(origin: string): boolean {
  try {
    return new URL(origin).origin === new URL(config.publicUrl).origin;
  } catch {
    return false;
  }
}

/** Resolve the session (cookie or bearer) into the tenant context, check role and origin. */
const authenticate = (route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: async (request) => {
    const internal = ctx(request);
    const e = request.event;
    const bearer = e.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = readSessionCookie(e.cookies);
    internal.req.token = bearer ?? cookie;
    const viaCookie = !bearer && !!cookie;
    const origin = e.headers.origin;
    const unsafe = e.requestContext.http.method !== 'GET';
    // Cookies ride along on cross-site requests; a write must come from our own origin.
    if (unsafe && ((origin && !allowedOrigin(origin)) || (viaCookie && route.auth !== 'public' && !origin))) {
      throw new DomainError('origin_mismatch', 'This request did not come from the helpdesk web app');
    }
    if (route.auth === 'public') return;
    const actor = await resolveSession(internal.req.token);
    if (!actor) throw new DomainError('unauthenticated', 'Please sign in');
    if (!route.auth.includes(actor.role)) throw new DomainError('forbidden', 'Your role may not do this');
    internal.req.actor = { ...actor, language: preferredLanguage(e.headers['accept-language']), via: viaCookie ? 'web' : 'api' };
  },
});

/** Who, where, what: the keys of every log line of a request (never a body or a token). */
function logKeys(request: { event: APIGatewayProxyEventV2; context: Context }, route: RouteDef) {
  const req = (request.context as Partial<HttpContext>).req;
  return {
    requestId: req?.requestId ?? request.event.requestContext?.requestId ?? request.context.awsRequestId,
    tenantId: req?.actor?.tenantId,
    operationId: route.operationId,
  };
}

/** Last in the stack: business errors become their problem; anything else a 500, logged once. */
const errors = (route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const err = request.error;
    const keys = logKeys(request, route);
    if (err instanceof DomainError) {
      request.response = problem(err.code, err.message, keys.requestId, err.errors, err.params);
    } else if (err instanceof ZodError) {
      request.response = problem('validation_failed', 'Invalid input', keys.requestId, fieldErrors(err));
    } else {
      logger.error('unhandled error', { ...keys, error: err ?? undefined });
      request.response = problem('internal', 'Something went wrong on our side; the request id helps us find it', keys.requestId);
    }
  },
});

/** One line per answered request: operation, status, tenant and request id (a 500 was logged as the error). */
const accessLog = (route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const line = (request: { event: APIGatewayProxyEventV2; context: Context; response: APIGatewayProxyStructuredResultV2 | null }) => {
    const status = request.response?.statusCode ?? 500;
    if (status < 500) logger.info('request', { ...logKeys(request, route), status });
  };
  return { after: line, onError: line };
};

/**
 * Answers compressed for clients that accept it (brotli first, at a quality cheap enough per
 * request): CloudFront cannot compress a response it does not cache, and a worklist's JSON is
 * tens of KB. Only `Accept-Encoding` is negotiated; a client without it gets plain JSON.
 */
const compressed = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] => [
  httpContentNegotiation({
    parseEncodings: true,
    availableEncodings: ['br', 'gzip'],
    parseCharsets: false,
    parseLanguages: false,
    parseMediaTypes: false,
    failOnMismatch: false,
  }),
  httpContentEncoding({
    br: { params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    overridePreferredEncoding: ['br', 'gzip'],
  }),
];

/** A handler of operation `Id`: parse → call shared/ → return. */
export type OperationHandler<Id extends OperationId> = (req: HttpRequest<Id>) => Promise<HttpResult | void>;

/** The middleware stack around one operation's handler. */
function operation(route: RouteDef, fn: (req: RawRequest) => Promise<HttpResult | void>) {
  return (
    middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>()
      // `after` runs in reverse: the ETag is taken from the plain body, then it is compressed.
      .use([accessLog(route), ...compressed(), conditionalGet(), normalise(), authenticate(route), jsonBody(route), validate(route), errors(route)])
      .handler(async (_event, context) => {
        const result = (await fn(context.req)) ?? {};
        if (result.page) {
          const { status, contentType, body, headers } = result.page;
          return { statusCode: status ?? route.status, headers: { 'content-type': contentType, 'cache-control': 'no-store', ...headers }, body };
        }
        return {
          statusCode: route.status,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          body: route.response && result.body !== undefined ? JSON.stringify(result.body) : '',
          cookies: result.cookies,
        };
      })
  );
}

/**
 * The Lambda handler of one area: every operation of the area gets its handler (the compiler
 * insists on all of them); the router picks one by method and path, or answers 404/405.
 */
export function areaHandler<A extends Area>(area: A, handlers: { [Id in OperationsOf<A>]: OperationHandler<Id> }) {
  const own: readonly RouteDef[] = routes.filter((r) => areaOf(r) === area);
  const byId = new Map<string, ReturnType<typeof operation>>(
    own.map((r) => [r.operationId, operation(r, handlers[r.operationId as OperationsOf<A>] as (req: RawRequest) => Promise<HttpResult | void>)]),
  );
  const router = routerOf(own);
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    // The execute-api address would bypass CloudFront (and what it stamps, like the viewer's
    // address): refused before routing, so it does not even learn which paths exist.
    if (!viaTrustedProxy(event)) return problem('forbidden', 'Use the helpdesk through its public address', requestId);
    const method = event.requestContext.http.method.toUpperCase();
    const found = router(method, event.rawPath);
    if (found.kind === 'not_found') return problem('not_found', `No API operation at ${event.rawPath}`, requestId);
    if (found.kind === 'method_not_allowed') {
      const r = problem('method_not_allowed', `${method} is not allowed here (allowed: ${found.allow.join(', ')})`, requestId);
      return { ...r, headers: { ...r.headers, allow: found.allow.join(', ') } };
    }
    Object.assign(context, { match: found });
    // One request, one store of the reads its steps share (the tenant, its teams, its SLA configuration).
    return withRequestReads(() => byId.get(found.route.operationId)!(event, context as HttpContext));
  };
}
