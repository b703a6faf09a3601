/**
 * The files stack's downloads (issue 8, K17): attachments are fetched through a CloudFront
 * distribution of their own, which adds what S3 cannot send (`X-Content-Type-Options: nosniff`,
 * a sandboxing CSP) and hands the presigned query to the private bucket untouched (no cache, no
 * origin access control re-signing it); the API functions that presign downloads name its domain.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOWNLOAD_HEADERS } from '../../shared/files/storage.ts';
import { synthHelpdesk, type Synthesized } from './_app.ts';

describe('files stack: downloads', () => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synthHelpdesk({ context: { stage: 'qa' } });
  });

  it('answers with nosniff and a sandboxing CSP, whatever the bucket says', () => {
    s.templates.files.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentTypeOptions: { Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: DOWNLOAD_HEADERS['content-security-policy'], Override: true },
        }),
      }),
    });
  });

  it('passes the whole presigned query to the bucket, caches nothing, signs nothing of its own, serves GET and HEAD over HTTPS only', () => {
    s.templates.files.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({ QueryStringsConfig: { QueryStringBehavior: 'all' }, HeadersConfig: { HeaderBehavior: 'none' } }),
    });
    const [dist] = Object.values(s.templates.files.findResources('AWS::CloudFront::Distribution'));
    const config = dist!.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
    });
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].OriginAccessControlId).toBeUndefined();
    expect(JSON.stringify(config.Origins[0].DomainName)).toContain('RegionalDomainName');
  });

  it('the API functions that presign downloads name the distribution as the download origin', () => {
    const fns = Object.values(s.templates.api.findResources('AWS::Lambda::Function'));
    const withBucket = fns.filter((f) => f.Properties.Environment?.Variables?.BUCKET_NAME);
    expect(withBucket.length).toBeGreaterThan(0);
    for (const f of withBucket) expect(JSON.stringify(f.Properties.Environment.Variables.FILES_DOWNLOAD_ORIGIN)).toContain('DomainName');
  });
});
