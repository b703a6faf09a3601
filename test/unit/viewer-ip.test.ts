import { afterEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { viewerIp } from '../../functions/http/_lib/http.ts';

const event = (headers: Record<string, string>) => ({ headers, requestContext: { http: { sourceIp: '198.51.100.1' } } }) as unknown as APIGatewayProxyEventV2;

describe('the address a sign-in attempt is counted against', () => {
  afterEach(() => delete process.env.VIEWER_IP_HEADER);

  it('behind CloudFront is the viewer’s, which CloudFront stamps', () => {
    process.env.VIEWER_IP_HEADER = 'x-helpdesk-viewer-ip';
    expect(viewerIp(event({ 'x-helpdesk-viewer-ip': '203.0.113.7' }))).toBe('203.0.113.7');
  });

  it('without a trusted proxy is the connection’s own, whatever header a client invents', () => {
    expect(viewerIp(event({ 'x-helpdesk-viewer-ip': '203.0.113.7' }))).toBe('198.51.100.1');
  });
});
