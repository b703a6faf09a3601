/**
 * What the area functions log (Powertools Logger, structured JSON): one line per request with
 * the request id and the caller's tenant, never a password, token or message body; an unknown
 * error once, with the request id, and nothing of it in the answer. The handlers run in this
 * process against the local stack's DynamoDB Local, with the event API Gateway would send.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../shared/db/client.ts';

type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let tenancy: Handler;
let tickets: Handler;
beforeAll(async () => {
  // As in Lambda, where every request is worth a line (on one machine only warnings are).
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  tenancy = (await import('../../functions/http/tenancy.ts')).handler;
  tickets = (await import('../../functions/http/tickets.ts')).handler;
});
afterEach(() => vi.restoreAllMocks());

function event(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: `ANY ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId, http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.9', userAgent: 'spec' } },
  } as unknown as APIGatewayProxyEventV2;
}

/** Runs a handler and collects the JSON lines it wrote to stdout and stderr meanwhile. */
async function logged(handler: Handler, e: APIGatewayProxyEventV2) {
  const out: string[] = [];
  const capture = (chunk: unknown) => {
    out.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await handler(e, { awsRequestId: 'lambda-id' } as Context);
  } finally {
    for (const s of spies) s.mockRestore();
  }
  const text = out.join('');
  const lines = text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.requestId === e.requestContext.requestId);
  return { result, lines, text };
}

describe('logging of the area functions', () => {
  const slug = `log-${randomBytes(4).toString('hex')}`;
  const password = `secret-${randomBytes(6).toString('hex')}`;
  let token: string;
  let tenantId: string;

  it('a request is one JSON line with its request id and operation, without the password or the new token', async () => {
    const e = event('POST', '/api/v1/signup', {
      organisationName: `Org ${slug}`,
      slug,
      adminName: 'Lou Logger',
      email: `admin@${slug}.example`,
      password,
      language: 'en',
    });
    const { result, lines, text } = await logged(tenancy, e);
    expect(result.statusCode, String(result.body)).toBe(201);
    ({ token } = JSON.parse(String(result.body)) as { token: string });
    ({ id: tenantId } = (JSON.parse(String(result.body)) as { tenant: { id: string } }).tenant);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'INFO', service: 'helpdesk-api', operationId: 'signup', status: 201 });
    expect(text).not.toContain(password);
    expect(text).not.toContain(token);
  });

  it('a signed-in request names the caller’s tenant, never the token or the message', async () => {
    const subject = `Printer on fire ${randomBytes(4).toString('hex')}`;
    const e = event('POST', '/api/v1/tickets', { subject, description: 'It smells of toner.' }, { authorization: `Bearer ${token}` });
    const { result, lines, text } = await logged(tickets, e);
    expect(result.statusCode, String(result.body)).toBe(201);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'INFO', operationId: 'createTicket', status: 201, tenantId });
    for (const secret of [token, subject, 'toner']) expect(text).not.toContain(secret);
  });

  it('an unknown error is logged once with the request id, and the answer carries the id but no stack', async () => {
    vi.spyOn(db(null), 'send').mockRejectedValue(new Error('socket hang up at DynamoDB (spec-4711)'));
    const e = event('GET', `/api/v1/portals/${slug}`);
    const { result, lines } = await logged(tenancy, e);
    expect(result.statusCode).toBe(500);
    const body = JSON.parse(String(result.body)) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'internal', instance: e.requestContext.requestId });
    expect(String(result.body)).not.toContain('spec-4711');
    expect(String(result.body)).not.toMatch(/\bat .*:\d+/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'ERROR', operationId: 'getPortal', requestId: e.requestContext.requestId });
    expect(JSON.stringify(lines[0])).toContain('spec-4711');
  });
});
