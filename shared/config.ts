/**
 * Settings of the running code, read from the environment. The same names are set by the CDK
 * stacks in AWS and by the local stack on one machine.
 */
export const config = {
  /** The one DynamoDB table. */
  get tableName(): string {
    return process.env.TABLE_NAME ?? 'helpdesk';
  },
  /** Public base URL of the web app, for links in mails (no trailing slash). */
  get publicUrl(): string {
    return (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  },
  /** Sender of every outgoing mail. */
  get mailFrom(): string {
    return process.env.MAIL_FROM ?? 'Helpdesk <no-reply@helpdesk.localhost>';
  },
  get sesConfigurationSet(): string | undefined {
    return process.env.SES_CONFIGURATION_SET || undefined;
  },
  /** ARN of the ticket workflow state machine; unset means no workflow is started. */
  get stateMachineArn(): string | undefined {
    return process.env.STATE_MACHINE_ARN || undefined;
  },
  /**
   * Header carrying the viewer's address when a trusted proxy (CloudFront) stamps it; unset
   * means the connection's own address counts (the local stack).
   */
  get viewerIpHeader(): string | undefined {
    return process.env.VIEWER_IP_HEADER?.toLowerCase() || undefined;
  },
  /**
   * Header and value that prove a request came through the trusted proxy (CloudFront); unset
   * means requests are taken as they come (the local stack).
   */
  get originSecret(): { header: string; value: string } | undefined {
    const header = process.env.ORIGIN_SECRET_HEADER?.toLowerCase();
    const value = process.env.ORIGIN_SECRET;
    return header && value ? { header, value } : undefined;
  },
  /**
   * Role whose credentials, narrowed by a session policy to one tenant's keys, every tenant's
   * table call runs with (AWS); unset means the function's own credentials (the local stack).
   */
  get tenantAccessRoleArn(): string | undefined {
    return process.env.TENANT_ACCESS_ROLE_ARN || undefined;
  },
  /** Whether this function only reads the table (its session policies then allow reads only). */
  get tableAccess(): 'read' | 'write' {
    return process.env.TABLE_ACCESS === 'read' ? 'read' : 'write';
  },
  /** Organisations one address may sign up per hour (abuse guard). */
  get signupsPerHour(): number {
    return Number(process.env.SIGNUPS_PER_HOUR ?? 20);
  },
  /** Domain of the tenants' inbound addresses (`{slug}@…`) and of our reply tokens (issue 8). */
  get inboundMailDomain(): string {
    return (process.env.INBOUND_MAIL_DOMAIN ?? 'in.helpdesk.localhost').toLowerCase();
  },
  /** The private bucket of attachments and raw inbound mail (keys start with the tenant id). */
  get bucketName(): string {
    return process.env.BUCKET_NAME ?? 'helpdesk-files';
  },
  /**
   * Origin downloads are fetched from (`FILES_DOWNLOAD_ORIGIN`): in AWS the files stack's
   * CloudFront distribution in front of the bucket, which adds `X-Content-Type-Options: nosniff`
   * and a sandboxing CSP that S3 itself cannot send; unset, the bucket's own URL (locally the
   * S3 front adds the same headers).
   */
  get filesDownloadOrigin(): string | undefined {
    return process.env.FILES_DOWNLOAD_ORIGIN || undefined;
  },
  /** Open tickets one page of the SLA re-targeting sweep takes (one effect invocation each; small in tests). */
  get slaRetargetPageSize(): number {
    return Math.max(1, Number(process.env.SLA_RETARGET_PAGE_SIZE) || 100);
  },
  /** Lifetime of a sign-in session. */
  get sessionTtlSeconds(): number {
    return Number(process.env.SESSION_TTL_SECONDS ?? 12 * 3600);
  },
};

/** Absolute address of a page of a tenant's portal, for links in mails (`/{slug}/{page}`). */
export function portalUrl(slug: string, page = '', token?: string): string {
  return `${config.publicUrl}/${slug}/${page}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Endpoint override of an AWS service for the local stack (undefined in AWS). */
export function endpointFor(service: 'DYNAMODB' | 'SESV2' | 'SFN' | 'S3'): string | undefined {
  return process.env[`AWS_ENDPOINT_URL_${service}`] || undefined;
}
