/**
 * The middleware stack of every HTTP handler, from one factory: normalise the event, parse
 * JSON, validate with the route's zod schemas, resolve the session's tenant, map errors.
 */
import { timingSafeEqual } from 'node:crypto';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ZodError, type z } from 'zod';
import { config } from '../../../shared/config.ts';
import { DomainError, fieldErrorsOf, type FieldError } from '../../../shared/errors.ts';
import { resolveSession } from '../../../shared/auth/sessions.ts';
import type { Actor } from '../../../shared/auth/actor.ts';
import { routeOf, type RouteDef } from '../routes.ts';
import { readSessionCookie } from './cookies.ts';
import { problem } from './problem.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** What a handler receives: validated input and the caller. */
export interface HttpRequest {
  body: unknown;
  query: Record<string, unknown>;
  params: Record<string, unknown>;
  /** The signed-in caller; present on every route that is not public. */
  actor: Actor | undefined;
  /** The presented session token (for sign-out). */
  token: string | undefined;
  sourceIp: string;
  requestId: string;
}

/** What a handler returns: a body (sent with the route's status) and optional cookies. */
export interface HttpResult {
  body?: unknown;
  cookies?: string[];
}

/** The Lambda context, carrying this invocation's parsed request from middleware to handler. */
type HttpContext = Context & { req: HttpRequest };
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
    // The execute-api address would bypass CloudFront (and what it stamps, like the viewer's address).
    if (!viaTrustedProxy(e)) throw new DomainError('forbidden', 'Use the helpdesk through its public address');
    if (e.isBase64Encoded && e.body) {
      e.body = Buffer.from(e.body, 'base64').toString('utf8');
      e.isBase64Encoded = false;
    }
    const req: HttpRequest = {
      body: undefined,
      query: {},
      params: {},
      actor: undefined,
      token: undefined,
      sourceIp: viewerIp(e),
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
    req.params = parse(route.params, e.pathParameters ?? {}, 'path') as Record<string, unknown>;
    req.query = parse(route.query, e.queryStringParameters ?? {}, 'query') as Record<string, unknown>;
    req.body = parse(route.body, req.body, 'body');
  },
});

function allowedOrigin(origin: string, host: string | undefined): boolean {
  try {
    const o = new URL(origin);
    return o.origin === new URL(config.publicUrl).origin || (host !== undefined && o.host === host);
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
    if (unsafe && ((origin && !allowedOrigin(origin, e.headers['x-forwarded-host'] ?? e.headers.host)) || (viaCookie && route.auth !== 'public' && !origin))) {
      throw new DomainError('origin_mismatch', 'This request did not come from the helpdesk web app');
    }
    if (route.auth === 'public') return;
    const actor = await resolveSession(internal.req.token);
    if (!actor) throw new DomainError('unauthenticated', 'Please sign in');
    if (!route.auth.includes(actor.role)) throw new DomainError('forbidden', 'Your role may not do this');
    internal.req.actor = actor;
  },
});

/** Last in the stack: business errors become their problem; anything else a logged 500. */
const errors = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    const err = request.error;
    const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
    if (err instanceof DomainError) {
      request.response = problem(err.code, err.message, requestId, err.errors);
    } else if (err instanceof ZodError) {
      request.response = problem('validation_failed', 'Invalid input', requestId, fieldErrors(err));
    } else {
      console.error(JSON.stringify({ level: 'error', requestId, message: err?.message, stack: err?.stack }));
      request.response = problem('internal', 'Something went wrong on our side; the request id helps us find it', requestId);
    }
  },
});

/** Build the Lambda handler of one operation of `routes.ts`. */
export function httpHandler(operationId: string, fn: (req: HttpRequest) => Promise<HttpResult | void>) {
  const route = routeOf(operationId);
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use([normalise(), jsonBody(route), validate(route), authenticate(route), errors()])
    .handler(async (_event, context) => {
      const result = (await fn((context as HttpContext).req)) ?? {};
      return {
        statusCode: route.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: route.response && result.body !== undefined ? JSON.stringify(result.body) : '',
        cookies: result.cookies,
      };
    });
}
