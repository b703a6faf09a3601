/**
 * The S3 access of the whole product (attachments, raw inbound mail): one private bucket
 * (`config.bucketName`), keys starting with the tenant id so an IAM session policy can narrow
 * a caller to its tenant's prefix. In AWS the function's role; locally `s3rver` through
 * AWS_ENDPOINT_URL_S3 (path style, see ../../infra/local/s3.ts).
 */
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ATTACHMENT_LIMITS } from '../attachments/constants.ts';
import { config, endpointFor } from '../config.ts';
import { isTenantId } from '../ids.ts';

let client: S3Client | undefined;

function s3(): S3Client {
  const endpoint = endpointFor('S3');
  return (client ??= new S3Client({
    endpoint,
    // The local stand-in accepts only its own key (infra/local/s3.ts); in AWS the function's role.
    ...(endpoint && process.env.S3_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? '' } }
      : {}),
    // the local stand-in has no virtual-hosted buckets
    forcePathStyle: Boolean(endpoint),
    // Default checksums make the SDK stream uploads with aws-chunked framing, which s3rver
    // stores verbatim (corrupted files); S3 itself needs none for a plain PUT either.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }));
}

function tenantPrefix(tenantId: string): string {
  // A malformed tenant id could run into another tenant's prefix: refuse it outright.
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id in key');
  return tenantId;
}

/** Object key of an attachment: `${tenantId}/att/${attachmentId}`. */
export function attachmentKey(tenantId: string, attachmentId: string): string {
  return `${tenantPrefix(tenantId)}/att/${attachmentId}`;
}

/** Object key of the raw source of an inbound mail: `${tenantId}/raw/${id}.eml`. */
export function rawMailKey(tenantId: string, id: string): string {
  return `${tenantPrefix(tenantId)}/raw/${id}.eml`;
}

/**
 * The tag a presigned upload must carry; the bucket's lifecycle rule expires objects still
 * tagged so (nobody attached them). Attaching re-tags the object (`markAttached`).
 */
export const PENDING_TAG = { key: 'upload', value: 'pending' } as const;

/** Take an upload out of the lifecycle rule's reach: it is attached now. */
export async function markAttached(key: string): Promise<void> {
  await s3().send(new PutObjectTaggingCommand({ Bucket: config.bucketName, Key: key, Tagging: { TagSet: [{ Key: PENDING_TAG.key, Value: 'attached' }] } }));
}

/** Store bytes under a key (server side: inbound mail, seeds). */
export async function putObject(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: config.bucketName, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
}

/** Remove an object; removing one that is not there succeeds too (so an effect may run again). */
export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: config.bucketName, Key: key }));
}

/** Remove objects, a thousand per request (S3's limit; missing ones count as removed); throws if S3 refused any. */
export async function deleteObjects(keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
    const res = await s3().send(new DeleteObjectsCommand({ Bucket: config.bucketName, Delete: { Objects, Quiet: true } }));
    if (res.Errors?.length) throw new Error(`could not remove ${res.Errors.map((e) => `${e.Key}: ${e.Code}`).join(', ')}`);
  }
}

/** The whole object (attachments of outgoing mail, sniffing an upload's type). */
export async function getObjectBytes(key: string): Promise<Uint8Array> {
  const res = await s3().send(new GetObjectCommand({ Bucket: config.bucketName, Key: key }));
  return res.Body!.transformToByteArray();
}

/** The first `length` bytes of an object (enough to tell its type), or undefined if it is missing. */
export async function getObjectStart(key: string, length: number): Promise<Uint8Array | undefined> {
  try {
    const res = await s3().send(new GetObjectCommand({ Bucket: config.bucketName, Key: key, Range: `bytes=0-${length - 1}` }));
    return await res.Body!.transformToByteArray();
  } catch (err) {
    if (err instanceof NoSuchKey || missing(err)) return undefined;
    throw err;
  }
}

/** Size and stored type of an object, or undefined if it does not exist. */
export async function headObject(key: string): Promise<{ size: number; contentType?: string } | undefined> {
  try {
    const res = await s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }));
    return { size: res.ContentLength ?? 0, contentType: res.ContentType };
  } catch (err) {
    if (err instanceof NotFound || missing(err)) return undefined;
    throw err;
  }
}

/**
 * Whether S3 says the object is not there. Without s3:ListBucket (which the functions do not
 * get: it would list every tenant's keys) S3 answers a missing key with 403, not 404.
 */
function missing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404 || e.$metadata?.httpStatusCode === 403;
}

const expiry = () => {
  const seconds = ATTACHMENT_LIMITS.urlMinutes * 60;
  return { seconds, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
};

/**
 * A presigned PUT for exactly `size` bytes: Content-Length (and Content-Type) are signed, so
 * the upload is refused with any other length. The caller must send `headers` with the PUT.
 */
export async function presignPut(
  key: string,
  { size, contentType }: { size: number; contentType: string },
): Promise<{ url: string; headers: Record<string, string>; expiresAt: string }> {
  const { seconds, expiresAt } = expiry();
  const tagging = `${PENDING_TAG.key}=${PENDING_TAG.value}`;
  const command = new PutObjectCommand({ Bucket: config.bucketName, Key: key, ContentLength: size, ContentType: contentType, Tagging: tagging });
  const signed = ['content-length', 'content-type', 'x-amz-tagging'];
  const url = await getSignedUrl(s3(), command, {
    expiresIn: seconds,
    signableHeaders: new Set(signed),
    // keep them out of the query string: as signed headers the PUT must really carry them
    unhoistableHeaders: new Set(signed),
  });
  // Content-Length is set by the browser (a forbidden header name) from the body itself.
  return { url, headers: { 'content-type': contentType, 'x-amz-tagging': tagging }, expiresAt };
}

/**
 * A presigned GET whose answer carries the given name, type and disposition (S3's
 * `response-content-*` overrides, signed so they cannot be changed). With a download origin
 * (`config.filesDownloadOrigin`, CloudFront in AWS) the URL names that origin instead of the
 * bucket's: the distribution passes path and query on to the bucket under the bucket's own host
 * name, so S3 checks the very signature made here, and adds the headers S3 cannot.
 */
export async function presignGet(
  key: string,
  { fileName, contentType, inline }: { fileName: string; contentType: string; inline: boolean },
): Promise<{ url: string; expiresAt: string }> {
  const { seconds, expiresAt } = expiry();
  const command = new GetObjectCommand({
    Bucket: config.bucketName,
    Key: key,
    ResponseContentType: contentType,
    ResponseContentDisposition: contentDisposition(inline ? 'inline' : 'attachment', fileName),
    ResponseCacheControl: 'private, max-age=300',
  });
  const signed = new URL(await getSignedUrl(s3(), command, { expiresIn: seconds }));
  const origin = config.filesDownloadOrigin;
  const url = origin ? new URL(`${signed.pathname}${signed.search}`, origin).href : signed.href;
  return { url, expiresAt };
}

/**
 * Headers every download carries besides S3's own (the files stack's CloudFront response
 * headers policy, and the local S3 front): the type S3 was told is final (no sniffing a text
 * file into a page), and a file opened in a tab runs nothing and loads nothing.
 */
export const DOWNLOAD_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  'referrer-policy': 'no-referrer',
} as const;

/** RFC 6266 disposition with an ASCII fallback name and the UTF-8 name (RFC 5987). */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
