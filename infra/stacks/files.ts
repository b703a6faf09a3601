/**
 * Files (issue 8, K17): the private bucket of attachments and raw inbound mail. Keys start with
 * the tenant (`{tenantId}/att/{id}`, `{tenantId}/raw/{id}.eml`), so a session policy can narrow
 * a caller to its tenant's prefix. Browsers upload to presigned PUT URLs (CORS from the app's
 * origin only) and download from presigned GET URLs; nothing is public. An upload nobody
 * attached keeps its `upload=pending` tag and expires by the lifecycle rule.
 *
 * Downloads go through a CloudFront distribution of their own (`downloads`, not the app's: a file
 * never shares the app's origin): S3 cannot add `X-Content-Type-Options: nosniff` or a CSP to an
 * object's answer, a response headers policy can (`DOWNLOAD_HEADERS`). It forwards path and query
 * string to the bucket under the bucket's own host name, without caching and without an origin
 * access control, so S3 checks the presigned URL's signature exactly as if it came directly; the
 * API functions name its domain in the URLs they sign (`FILES_DOWNLOAD_ORIGIN`). Uploads still go
 * straight to the bucket.
 *
 * The bucket's name is derived from stage, account and region (`filesBucketName`), so the web
 * stack can name its origin in the app's CSP without a reference (which would be a cycle: the
 * bucket's CORS names the web app's URL).
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct, IConstruct } from 'constructs';
import { ATTACHMENT_LIMITS } from '../../shared/attachments/constants.ts';
import { DOWNLOAD_HEADERS, PENDING_TAG } from '../../shared/files/storage.ts';
import { INBOUND_OBJECT_PREFIX, INBOUND_RAW_DAYS } from './inbound.ts';

/** `helpdesk-<stage>-files-<account>-<region>` (tokens resolved at deploy time, the same in every stack). */
export function filesBucketName(stage: string): string {
  return `helpdesk-${stage}-files-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** The origin browsers reach the bucket at (presigned URLs, virtual-hosted style). */
export function filesBucketOrigin(stage: string): string {
  return `https://${filesBucketName(stage)}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
}

/** What a function may do with the bucket: `read` gets (incl. HEAD), `write` also puts and re-tags. */
export const BUCKET_ACTIONS = {
  read: ['s3:GetObject'],
  write: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
} as const;

export interface FilesStackProps extends StackProps {
  stage: string;
  /** Origin of the web app (uploads come from there). */
  webOrigin: string;
}

export class FilesStack extends Stack {
  readonly bucket: s3.Bucket;
  /** The bucket's name, spelled without a reference (usable in any stack of the stage). */
  readonly bucketName: string;
  /** CloudFront in front of the bucket for downloads (headers S3 cannot send). */
  readonly downloads: cloudfront.Distribution;
  /** `https://<downloads domain>`: the origin presigned download URLs name. */
  readonly downloadOrigin: string;

  constructor(scope: Construct, id: string, props: FilesStackProps) {
    super(scope, id, props);
    this.bucketName = filesBucketName(props.stage);

    // Also the downloads distribution's standard logs, which CloudFront writes with ACLs: hence BUCKET_OWNER_PREFERRED.
    const logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own accesses into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Files', {
      bucketName: this.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/files/',
      cors: [
        {
          allowedOrigins: [props.webOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['content-type', 'x-amz-tagging'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'unattached-uploads',
          tagFilters: { [PENDING_TAG.key]: PENDING_TAG.value },
          expiration: Duration.days(ATTACHMENT_LIMITS.pendingDays),
        },
        { id: 'incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // SES's raw inbound mail, once taken in (the tenant's copy under {T}/raw/ has no expiry).
        { id: 'inbound-raw-mail', prefix: INBOUND_OBJECT_PREFIX, expiration: Duration.days(INBOUND_RAW_DAYS) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const downloadHeaders = new cloudfront.ResponseHeadersPolicy(this, 'DownloadHeaders', {
      comment: 'Helpdesk downloads: nosniff, a sandboxing CSP, no framing, no referrer, HSTS',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        contentSecurityPolicy: { contentSecurityPolicy: DOWNLOAD_HEADERS['content-security-policy'], override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    // The presigned query (signature, expiry, response-content-* overrides) must reach S3 whole; no viewer header does.
    const passQuery = new cloudfront.OriginRequestPolicy(this, 'PresignedQuery', {
      comment: 'Helpdesk downloads: the presigned query string to S3, nothing else',
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.none(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });
    this.downloads = new cloudfront.Distribution(this, 'Downloads', {
      comment: `${this.stackName}: downloads of attachments (presigned, headers S3 cannot send)`,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/downloads/',
      defaultBehavior: {
        // No origin access control: the request is authorised by its presigned query, as if it came directly.
        origin: origins.S3BucketOrigin.withBucketDefaults(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: passQuery,
        responseHeadersPolicy: downloadHeaders,
      },
    });
    this.downloadOrigin = `https://${this.downloads.distributionDomainName}`;
    Validations.of(this.downloads).acknowledge(
      {
        id: 'AwsSolutions-CFR4',
        reason: 'Default *.cloudfront.net certificate (no custom domain in this template), which does not allow choosing the minimum TLS version.',
      },
      { id: 'AwsSolutions-CFR1', reason: 'Tenants and their customers are worldwide; no geo restriction.' },
      { id: 'AwsSolutions-CFR2', reason: 'No WAF web ACL by default (cost); every request carries a short-lived presigned signature S3 checks.' },
      {
        id: 'AwsSolutions-CFR7',
        reason:
          'Deliberately no origin access control: the bucket stays private and S3 authorises each request by its presigned signature; OAC would re-sign the request and replace it.',
      },
    );

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'DownloadOrigin', { value: this.downloadOrigin });
  }

  /**
   * Exactly the bucket actions of `access` on the bucket's objects, named by ARN (no cross-stack
   * reference; deploy this stack first). `scope` (the function's construct) carries the
   * acknowledgement of the one wildcard: the object keys, which are the tenants' files.
   */
  grant(grantee: iam.IGrantable, scope: IConstruct, access: keyof typeof BUCKET_ACTIONS): iam.Grant {
    const objects = `arn:${Aws.PARTITION}:s3:::${this.bucketName}/*`;
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(objects))}]`,
      reason:
        'Object keys of the files bucket are created at run time (tenant/att/id, tenant/raw/id.eml); the function needs exactly these object actions on them, nothing on the bucket itself (no listing).',
    });
    return iam.Grant.addToPrincipal({ grantee, actions: [...BUCKET_ACTIONS[access]], resourceArns: [objects] });
  }

  /**
   * `s3:DeleteObject` on exactly the objects of one kind in every tenant's prefix (issue 9):
   * `att` (files knowledge items dropped, from the stream) or `search` (old snapshot generations).
   */
  grantDelete(grantee: iam.IGrantable, scope: IConstruct, kind: 'att' | 'search'): iam.Grant {
    const objects = `arn:${Aws.PARTITION}:s3:::${this.bucketName}/*/${kind}/*`;
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(objects))}]`,
      reason: `The tenants' ${kind === 'att' ? 'files' : 'search snapshots'} (tenant/${kind}/…), created at run time; only deleting them, nothing else in the bucket.`,
    });
    return iam.Grant.addToPrincipal({ grantee, actions: ['s3:DeleteObject'], resourceArns: [objects] });
  }
}
