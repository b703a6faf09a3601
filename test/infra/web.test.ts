import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPA_FALLBACK, SPA_REWRITE_FUNCTION, VIEWER_IP_FUNCTION, VIEWER_IP_HEADER } from '../../infra/stacks/web.ts';
import { resourcesOfType, type Synthesized, synthHelpdesk, tempDir } from './_app.ts';

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId?: string;
  OriginRequestPolicyId?: string;
  AllowedMethods?: string[];
  ViewerProtocolPolicy: string;
  FunctionAssociations?: unknown[];
}
interface DistributionConfig {
  Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: Record<string, unknown>; OriginAccessControlId?: unknown }[];
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  CustomErrorResponses?: unknown[];
  Logging?: unknown;
}
type SecurityHeaders = Record<string, Record<string, unknown> | undefined>;
// Managed policy ids (AWS-wide constants).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let s: Synthesized;
let dist: DistributionConfig;
beforeAll(async () => {
  s = await synthHelpdesk();
  const [d] = Object.values(resourcesOfType(s.templates.web, 'AWS::CloudFront::Distribution'));
  dist = d!.Properties!.DistributionConfig as DistributionConfig;
});

/** Runs the CloudFront Function on a request for `uri`; returns the rewritten uri. */
function rewrite(uri: string): string {
  const handler = new Function(`${SPA_REWRITE_FUNCTION}; return handler;`)() as (e: unknown) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('web stack: static SPA on S3 behind CloudFront, API on the same origin', () => {
  it('the web bucket blocks public access, enforces SSL and logs access', () => {
    const buckets = Object.values(resourcesOfType(s.templates.web, 'AWS::S3::Bucket'));
    expect(buckets.length).toBeGreaterThan(0);
    for (const b of buckets) {
      expect(b.Properties!.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    s.templates.web.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 's3/web/' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    for (const p of Object.values(resourcesOfType(s.templates.web, 'AWS::S3::BucketPolicy'))) {
      expect(JSON.stringify(p.Properties!.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('CloudFront reads the bucket through Origin Access Control only', () => {
    s.templates.web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = dist.Origins.find((o) => o.Id === dist.DefaultCacheBehavior.TargetOriginId)!;
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    s.templates.web.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]),
      },
    });
  });

  it('CloudFront forwards /api/* to the HTTP API: every method, no caching, all viewer headers/cookies/query but Host', () => {
    const api = dist.CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
    expect(api).toBeDefined();
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    const origin = dist.Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toMatch(/HttpApi.*\.execute-api\./);
  });

  it('sends client-side routes to the SPA fallback, and files as they are', () => {
    expect(SPA_FALLBACK).toBe('/index.html');
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/acme/tickets/1042')).toBe('/index.html');
    expect(rewrite('/agent/')).toBe('/index.html');
    expect(rewrite('/_app/immutable/entry/start.Bx1.js')).toBe('/_app/immutable/entry/start.Bx1.js');
    expect(rewrite('/favicon.png')).toBe('/favicon.png');
  });

  it('runs that rewrite on viewer requests of the default behaviour only, and has no error-page rewrites (API errors stay API errors)', () => {
    expect(dist.DefaultCacheBehavior.FunctionAssociations).toEqual(
      [{ EventType: 'viewer-request', FunctionARN: Match.anyValue() as unknown }].map(() => expect.objectContaining({ EventType: 'viewer-request' })),
    );
    expect(dist.CacheBehaviors.map((b) => (b.FunctionAssociations ?? []).length)).toEqual([1, 1]);
    expect(dist.CustomErrorResponses).toBeUndefined();
    expect(dist.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(dist.Logging).toBeDefined();
  });

  it('stamps the viewer’s own address on every /api/* request, replacing whatever the client sent', () => {
    const handler = new Function(`${VIEWER_IP_FUNCTION}; return handler;`)() as (e: unknown) => { headers: Record<string, { value: string }> };
    const out = handler({ viewer: { ip: '203.0.113.7' }, request: { uri: '/api/v1/me', headers: { [VIEWER_IP_HEADER]: { value: '1.2.3.4' } } } });
    expect(out.headers[VIEWER_IP_HEADER]).toEqual({ value: '203.0.113.7' });
    const api = dist.CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
    expect(api.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
  });

  it('sends the public knowledge pages (/kb/*, issue 9) to the API, cached by their own Cache-Control, without cookies', () => {
    const kb = dist.CacheBehaviors.find((b) => b.PathPattern === '/kb/*')! as unknown as { AllowedMethods: string[]; CachePolicyId: unknown };
    expect(kb.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
    s.templates.web.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          CookiesConfig: { CookieBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['topic', 'lang'] },
        }),
      }),
    });
  });

  it('proves to the API with a secret origin header that a request came through CloudFront', () => {
    const api = dist.Origins.find((o) => o.CustomOriginConfig)! as unknown as { OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] };
    expect(api.OriginCustomHeaders).toEqual([{ HeaderName: 'x-helpdesk-origin', HeaderValue: expect.anything() }]);
    expect(JSON.stringify(api.OriginCustomHeaders)).toMatch(/resolve:secretsmanager:/);
  });

  it('deploys a placeholder page when web/build does not exist, so synth never fails', () => {
    s.templates.web.resourceCountIs('Custom::CDKBucketDeployment', 1);
    s.templates.web.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
  });

  it('deploys a real build with immutable assets cached for a year and the rest revalidated', async () => {
    const build = tempDir('web-build');
    mkdirSync(path.join(build, '_app', 'immutable'), { recursive: true });
    writeFileSync(path.join(build, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(build, '_app', 'immutable', 'start.abc.js'), 'export {}');
    const withBuild = await synthHelpdesk({ webBuildDir: build });
    withBuild.templates.web.resourceCountIs('Custom::CDKBucketDeployment', 2);
    withBuild.templates.web.hasResourceProperties('Custom::CDKBucketDeployment', {
      Include: ['_app/immutable/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    withBuild.templates.web.hasResourceProperties('Custom::CDKBucketDeployment', {
      Exclude: ['_app/immutable/*'],
      DistributionPaths: ['/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
  });

  /** The security-headers config of the policy a behaviour uses. */
  function headersOf(t: Synthesized['templates']['web'], d: DistributionConfig, pattern?: string): SecurityHeaders {
    const b = pattern ? d.CacheBehaviors.find((x) => x.PathPattern === pattern)! : d.DefaultCacheBehavior;
    const ref = (b as unknown as { ResponseHeadersPolicyId?: { Ref?: string } }).ResponseHeadersPolicyId?.Ref;
    expect(ref, `behaviour ${pattern ?? 'default'} has its own response-headers policy`).toBeDefined();
    const policy = resourcesOfType(t, 'AWS::CloudFront::ResponseHeadersPolicy')[ref!]!;
    return (policy.Properties!.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: SecurityHeaders }).SecurityHeadersConfig;
  }

  it('the app gets a strict CSP: the built page’s own policy (its bootstrap script by hash) plus no framing, and nosniff, DENY, HSTS', async () => {
    const build = tempDir('web-build-csp');
    mkdirSync(path.join(build, '_app', 'immutable'), { recursive: true });
    writeFileSync(
      path.join(build, 'index.html'),
      `<!doctype html><head><meta http-equiv="content-security-policy" content="default-src 'self'; img-src 'self' https:; script-src 'self' 'sha256-Zm9vYmFy'; style-src 'self' 'unsafe-inline'"></head><script>boot()</script>`,
    );
    const withBuild = await synthHelpdesk({ webBuildDir: build });
    const [d] = Object.values(resourcesOfType(withBuild.templates.web, 'AWS::CloudFront::Distribution'));
    const app = headersOf(withBuild.templates.web, d!.Properties!.DistributionConfig as DistributionConfig);
    expect(app.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy:
        "default-src 'self'; img-src 'self' https:; script-src 'self' 'sha256-Zm9vYmFy'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      Override: true,
    });
    expect(app.ContentTypeOptions).toEqual({ Override: true });
    expect(app.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(app.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
  });

  it('without a build (placeholder page, no scripts) the app policy still allows scripts from our origin only', () => {
    const csp = flat(headersOf(s.templates.web, dist).ContentSecurityPolicy?.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe-inline'; frame");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("img-src 'self' https:");
    expect(csp.endsWith("frame-ancestors 'none'")).toBe(true);
  });

  it('the app may reach the files bucket (uploads, thumbnails) by its own origin, not any S3 endpoint (issue 8)', () => {
    const csp = flat(headersOf(s.templates.web, dist).ContentSecurityPolicy?.ContentSecurityPolicy);
    const files = 'https://helpdesk-dev-files-<AWS::AccountId>-<AWS::Region>.s3.<AWS::Region>.<AWS::URLSuffix>';
    expect(csp).toContain(`connect-src 'self' ${files};`);
    expect(csp).toContain(`img-src 'self' https: ${files};`);
    expect(csp).not.toContain('*.amazonaws.com');
    expect(csp).not.toContain('127.0.0.1');
  });

  it('API answers get nosniff, DENY and a policy that loads nothing and may not be framed', () => {
    const api = headersOf(s.templates.web, dist, '/api/*');
    expect(api.ContentTypeOptions).toEqual({ Override: true });
    expect(api.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(api.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      Override: true,
    });
    expect(api.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
  });

  it('outputs the public URL', () => {
    s.templates.web.hasOutput('Url', { Value: Match.anyValue() });
  });
});

/** A template string value with its references spelled `<Name>` (CSP values hold the files bucket's pseudo parameters). */
function flat(v: unknown): string {
  if (typeof v === 'string') return v;
  const o = v as { 'Fn::Join'?: [string, unknown[]]; Ref?: string };
  if (o?.Ref) return `<${o.Ref}>`;
  if (o?.['Fn::Join']) return o['Fn::Join'][1].map(flat).join(o['Fn::Join'][0]);
  return String(v);
}
