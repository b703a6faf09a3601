/**
 * Web: the SvelteKit app as a static SPA (`web/build`) in a private S3 bucket behind CloudFront,
 * and the HTTP API on the same origin under `/api/*`. One origin means first-party, HttpOnly
 * session cookies and no CORS; static hosting means no SSR Lambda (no cold starts) and a bill
 * of a few cents for a quiet tenant.
 *
 * - `/*`      → S3 through Origin Access Control; a CloudFront Function sends every path whose
 *               last segment has no file extension (`/acme/tickets/1042`) to `/index.html`, the
 *               SPA fallback. (Distribution-wide custom error responses would also rewrite the
 *               API's 403/404 problem responses, so they are not used.)
 * - `/api/*`  → the HTTP API, caching disabled, every viewer header, cookie and query string
 *               forwarded except Host (managed policy AllViewerExceptHostHeader).
 * - `/kb/*`   → the HTTP API too: the public knowledge pages (issue 9), cached by their own
 *               Cache-Control, keyed by their form fields, no cookies.
 *
 * If `web/build` does not exist at synth time a placeholder page is deployed, so synth never
 * depends on the web build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from './headers.ts';
import { REPO_ROOT } from '../build-functions.ts';
import { acknowledgeWildcardPolicies } from '../nag.ts';
import { API_CSP, appContentSecurityPolicy, knowledgePageCsp } from '../security-headers.ts';

/** Default location of the static SvelteKit build. */
export const DEFAULT_WEB_BUILD_DIR = path.join(REPO_ROOT, 'web', 'build');
/** The SPA fallback page every client-side route is served from. */
export const SPA_FALLBACK = '/index.html';
/** SvelteKit's content-hashed assets: cacheable forever. */
const IMMUTABLE_ASSETS = '_app/immutable/*';

/** CloudFront Function (viewer request): client-side routes get the SPA fallback page. */
export const SPA_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '${SPA_FALLBACK}';
  }
  return request;
}`;

export { VIEWER_IP_HEADER };

/**
 * CloudFront Function (viewer request) on `/api/*`: API Gateway only sees CloudFront's edge
 * address, so per-address limits (sign-in attempts) need the viewer's own.
 */
export const VIEWER_IP_FUNCTION = `function handler(event) {
  event.request.headers['${VIEWER_IP_HEADER}'] = { value: event.viewer.ip };
  return event.request;
}`;

/**
 * Security headers CloudFront sets on every answer of a behaviour (overriding the origin's):
 * the given CSP, nosniff, no framing, HSTS and a referrer policy. The app's CSP is read from the
 * build at synth time (see infra/security-headers.ts), so a deployment carries its own script hash.
 */
function securityHeadersPolicy(scope: Construct, id: string, csp: string, referrerPolicy: cloudfront.HeadersReferrerPolicy) {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: `Helpdesk ${id}: CSP, nosniff, no framing, HSTS`,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
    },
  });
}

export interface WebStackProps extends StackProps {
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`). */
  apiDomainName: string;
  /** Folder of the static web build. @default `web/build` */
  webBuildDir?: string;
  /** Sent to the API in ORIGIN_SECRET_HEADER, proving the request came through CloudFront. */
  originSecret: secretsmanager.ISecret;
  /** Origin of the files bucket (presigned uploads and downloads), allowed by the app's CSP. */
  filesOrigin?: string;
}

export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the app's public URL without a custom domain. */
  readonly distributionUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    // Access logs of the web bucket and of CloudFront. CloudFront standard logging writes
    // with ACLs, hence BUCKET_OWNER_PREFERRED.
    this.logBucket = new s3.Bucket(this, 'LogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own accesses into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'WebBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/web/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: `Client-side routes → ${SPA_FALLBACK}`,
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE_FUNCTION),
    });

    const viewerIp = new cloudfront.Function(this, 'ViewerIp', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Viewer address for per-address limits in the API',
      code: cloudfront.FunctionCode.fromInline(VIEWER_IP_FUNCTION),
    });

    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });

    const buildDir = props.webBuildDir ?? DEFAULT_WEB_BUILD_DIR;
    const indexFile = path.join(buildDir, 'index.html');
    const indexHtml = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined;
    const appHeaders = securityHeadersPolicy(
      this,
      'AppHeaders',
      appContentSecurityPolicy(indexHtml, props.filesOrigin),
      cloudfront.HeadersReferrerPolicy.SAME_ORIGIN,
    );
    const apiHeaders = securityHeadersPolicy(this, 'ApiHeaders', API_CSP, cloudfront.HeadersReferrerPolicy.NO_REFERRER);
    // The public knowledge pages show their articles' images (redirected to the files bucket).
    const knowledgeHeaders = securityHeadersPolicy(
      this,
      'KnowledgePageHeaders',
      knowledgePageCsp(props.filesOrigin),
      cloudfront.HeadersReferrerPolicy.NO_REFERRER,
    );

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${this.stackName}: web app and /api/*`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: appHeaders,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          compress: true,
          functionAssociations: [{ function: viewerIp, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        // The public knowledge pages (issue 9): server-rendered HTML from the knowledge function,
        // cached at the edge as long as it says (`Cache-Control: public, s-maxage=…`), keyed by
        // the page's own GET form fields only: no cookie or session ever reaches it.
        '/kb/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: new cloudfront.CachePolicy(this, 'KnowledgePages', {
            comment: 'Public knowledge pages: the origin’s Cache-Control, keyed by topic and language',
            queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList('topic', 'lang'),
            headerBehavior: cloudfront.CacheHeaderBehavior.none(),
            cookieBehavior: cloudfront.CacheCookieBehavior.none(),
            minTtl: Duration.seconds(0),
            defaultTtl: Duration.seconds(0),
            maxTtl: Duration.days(1),
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
          }),
          responseHeadersPolicy: knowledgeHeaders,
          compress: true,
          functionAssociations: [{ function: viewerIp, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.distributionUrl = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain in this template: the default *.cloudfront.net certificate is used, which does not allow choosing the minimum TLS version. Add a custom domain with an ACM certificate and TLSv1.2_2021 for production.',
      },
      {
        id: 'AwsSolutions-CFR1',
        reason: 'A helpdesk serves tenants and their customers worldwide; no geo restriction.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF web ACL by default (cost); API throttling is on the HTTP API stage. Attach a web ACL per deployment if needed.',
      },
    );

    this.deployContent(buildDir);

    new CfnOutput(this, 'Url', { description: 'Public URL of the web app and API', value: this.distributionUrl });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
  }

  private deployContent(buildDir: string): void {
    const hasBuild = existsSync(path.join(buildDir, 'index.html'));
    if (hasBuild) {
      // Content-hashed assets: cached for a year, never pruned (open tabs may still load old ones).
      new s3deploy.BucketDeployment(this, 'DeployImmutableAssets', {
        destinationBucket: this.bucket,
        sources: [s3deploy.Source.asset(buildDir)],
        include: [IMMUTABLE_ASSETS],
        exclude: ['*'],
        prune: false,
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      });
    }
    // Everything else (index.html and friends) must be revalidated, and is invalidated at the edge.
    new s3deploy.BucketDeployment(this, 'DeployApp', {
      destinationBucket: this.bucket,
      sources: hasBuild
        ? [s3deploy.Source.asset(buildDir, { exclude: [IMMUTABLE_ASSETS] })]
        : [
            s3deploy.Source.data(
              'index.html',
              '<!doctype html><html lang="en"><meta charset="utf-8"><title>Helpdesk</title><p>The web app has not been built yet: run <code>npm run build:web</code> and deploy again.</p></html>',
            ),
          ],
      exclude: hasBuild ? [IMMUTABLE_ASSETS] : [],
      cacheControl: [s3deploy.CacheControl.fromString('no-cache')],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });

    // BucketDeployment's singleton custom-resource Lambda is CDK's own (Python + AWS CLI layer).
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's BucketDeployment handler (CDK-managed, runs only during deployments) uses the AWSLambdaBasicExecutionRole managed policy.",
        },
        {
          id: 'AwsSolutions-L1',
          reason: "CDK's BucketDeployment handler runtime (Python) is chosen by aws-cdk-lib, not by this app.",
        },
      );
      acknowledgeWildcardPolicies(
        child,
        "CDK's BucketDeployment handler copies the web build from the CDK asset bucket into the web bucket (s3:GetObject*/List*/DeleteObject*/Abort* on <bucket>/*) and creates CloudFront invalidations (no resource-level permissions).",
      );
    }
  }
}
