import { afterEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { viaTrustedProxy, viewerIp } from '../../functions/http/_lib/http.ts';

const event = (headers: Record<string, string>) => ({ headers, requestContext: { http: { sourceIp: '198.51.100.1' } } }) as unknown as APIGatewayProxyEventV2;

describe('the address a sign-in attempt is counted against', () => {
  afterEach(() => {
    delete process.env.VIEWER_IP_HEADER;
  });

  it('behind CloudFront is the viewer’s, which CloudFront stamps', () => {
    process.env.VIEWER_IP_HEADER = 'x-helpdesk-viewer-ip';
    expect(viewerIp(event({ 'x-helpdesk-viewer-ip': '203.0.113.7' }))).toBe('203.0.113.7');
  });

  it('without a trusted proxy is the connection’s own, whatever header a client invents', () => {
    expect(viewerIp(event({ 'x-helpdesk-viewer-ip': '203.0.113.7' }))).toBe('198.51.100.1');
  });
});

describe('requests that bypass CloudFront', () => {
  afterEach(() => {
    delete process.env.ORIGIN_SECRET_HEADER;
    delete process.env.ORIGIN_SECRET;
  });

  it('are refused where an origin secret is configured, unless they carry it', () => {
    process.env.ORIGIN_SECRET_HEADER = 'x-helpdesk-origin';
    process.env.ORIGIN_SECRET = 's3cr3t-value';
    expect(viaTrustedProxy(event({}))).toBe(false);
    expect(viaTrustedProxy(event({ 'x-helpdesk-origin': 'guess' }))).toBe(false);
    expect(viaTrustedProxy(event({ 'x-helpdesk-origin': 's3cr3t-value' }))).toBe(true);
  });

  it('get a 403 problem from any handler before anything is read', async () => {
    process.env.ORIGIN_SECRET_HEADER = 'x-helpdesk-origin';
    process.env.ORIGIN_SECRET = 's3cr3t-value';
    const { handler } = await import('../../functions/http/tenancy.ts');
    const e = {
      version: '2.0',
      routeKey: 'GET /api/v1/portals/{slug}',
      rawPath: '/api/v1/portals/demo',
      headers: {},
      pathParameters: { slug: 'demo' },
      requestContext: { requestId: 'r1', http: { method: 'GET', path: '/api/v1/portals/demo', sourceIp: '198.51.100.1' } },
    } as unknown as APIGatewayProxyEventV2;
    const r = (await handler(e, { awsRequestId: 'r1' } as never)) as { statusCode: number; body: string; headers: Record<string, string> };
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(r.body).code).toBe('forbidden');
    // Not even which paths exist: a path no operation has is refused the same way.
    const nowhere = { ...e, rawPath: '/api/v1/portals/demo/nothing/here' } as APIGatewayProxyEventV2;
    expect(((await handler(nowhere, { awsRequestId: 'r2' } as never)) as { statusCode: number }).statusCode).toBe(403);
  });

  it('are taken as they come on the local stack, which has no proxy', () => {
    expect(viaTrustedProxy(event({}))).toBe(true);
  });
});
