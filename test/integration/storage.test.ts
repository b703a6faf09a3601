/**
 * The S3 access of the product against the local stand-in (s3rver): bytes come back exactly
 * (no checksum framing), a presigned upload takes only the announced size, a presigned download
 * carries the name, type and disposition it was signed with. Keys start with the tenant.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { attachmentKey, getObjectBytes, headObject, presignGet, presignPut, putObject, rawMailKey } from '../../shared/files/storage.ts';
import { newId, newTenantId } from '../../shared/ids.ts';

describe('storage', () => {
  it('keys start with the tenant and refuse a malformed tenant id', () => {
    const t = newTenantId();
    expect(attachmentKey(t, 'abc')).toBe(`${t}/att/abc`);
    expect(rawMailKey(t, 'm1')).toBe(`${t}/raw/m1.eml`);
    expect(() => attachmentKey('../other', 'abc')).toThrow();
  });

  it('stores bytes and gives them back unchanged, with size and type', async () => {
    const key = attachmentKey(newTenantId(), newId());
    const bytes = new Uint8Array(randomBytes(200_000));
    await putObject(key, bytes, 'application/octet-stream');
    expect(Buffer.from(await getObjectBytes(key)).equals(Buffer.from(bytes))).toBe(true);
    expect(await headObject(key)).toEqual({ size: 200_000, contentType: 'application/octet-stream' });
    expect(await headObject(attachmentKey(newTenantId(), newId()))).toBeUndefined();
  });

  it('a presigned upload accepts exactly the announced size', async () => {
    const key = attachmentKey(newTenantId(), newId());
    const up = await presignPut(key, { size: 5, contentType: 'text/plain' });
    expect(new URL(up.url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host', 'x-amz-tagging']);
    const tooBig = await fetch(up.url, { method: 'PUT', headers: up.headers, body: 'hello world' });
    expect(tooBig.ok).toBe(false);
    expect(await headObject(key)).toBeUndefined();
    const ok = await fetch(up.url, { method: 'PUT', headers: up.headers, body: 'hello' });
    expect(ok.status).toBe(200);
    expect(await headObject(key)).toMatchObject({ size: 5 });
  });

  it('a presigned download answers with the signed name, type and disposition', async () => {
    const key = attachmentKey(newTenantId(), newId());
    await putObject(key, new TextEncoder().encode('<html>x</html>'), 'text/html');
    const down = await presignGet(key, { fileName: 'Bild ü.png', contentType: 'application/octet-stream', inline: false });
    const res = await fetch(down.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Bild _.png"; filename\*=UTF-8''Bild%20%C3%BC.png$/);
    expect(await res.text()).toBe('<html>x</html>');
    // what was signed cannot be changed: asking for it as HTML voids the signature
    const tampered = new URL(down.url);
    tampered.searchParams.set('response-content-type', 'text/html');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('with a download origin (CloudFront in AWS), a download URL names it and keeps the bucket’s path and signed query', async () => {
    const key = attachmentKey(newTenantId(), newId());
    await putObject(key, new TextEncoder().encode('plain text'), 'text/plain');
    const file = { fileName: 'notes.txt', contentType: 'text/plain', inline: false };
    const direct = new URL((await presignGet(key, file)).url);
    process.env.FILES_DOWNLOAD_ORIGIN = 'https://d111111abcdef8.cloudfront.net';
    try {
      const viaCdn = new URL((await presignGet(key, file)).url);
      expect(viaCdn.origin).toBe('https://d111111abcdef8.cloudfront.net');
      expect(viaCdn.pathname).toBe(direct.pathname);
      expect([...viaCdn.searchParams.keys()].sort()).toEqual([...direct.searchParams.keys()].sort());
      expect(viaCdn.searchParams.get('response-content-disposition')).toMatch(/^attachment; filename="notes.txt"/);
      expect(viaCdn.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      delete process.env.FILES_DOWNLOAD_ORIGIN;
    }
  });
});
