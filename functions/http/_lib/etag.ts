/**
 * Conditional GETs: every successful GET answers with a strong ETag over its body and
 * `Cache-Control: private, no-cache`, so a browser keeps the body and revalidates it on every
 * fetch; `If-None-Match` with the current tag answers 304 without a body. Polling (the open
 * ticket, lists, counts, the bell) then costs one small response while nothing changed. The
 * body is computed either way (the tag is over what the caller may see); what is saved is the
 * transfer and the client's work.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A strong entity tag of a body (a hash of its bytes, quoted). */
export const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Whether an `If-None-Match` header names this tag (a list, `*`, or weak forms of it). */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === tag || v === `W/${tag}`;
  });
}

/** The middleware: only successful GETs; problems and writes keep `no-store`. */
export const conditionalGet = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  after: (request) => {
    const res = request.response;
    if (request.event.requestContext.http.method.toUpperCase() !== 'GET' || !res || res.statusCode !== 200) return;
    const tag = etagOf(typeof res.body === 'string' ? res.body : '');
    // A public page (issue 9's knowledge pages) keeps its own `public, …` caching for the CDN.
    const own = String(res.headers?.['cache-control'] ?? '');
    const cacheControl = own.startsWith('public') ? own : 'private, no-cache';
    const headers = { ...res.headers, etag: tag, 'cache-control': cacheControl };
    if (matches(request.event.headers?.['if-none-match'], tag)) {
      request.response = { ...res, statusCode: 304, headers: { etag: tag, 'cache-control': cacheControl }, body: '' };
    } else {
      request.response = { ...res, headers };
    }
  },
});
