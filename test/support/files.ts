/** Files for attachment specs, and uploading one the way the browser does (announce, then PUT). */
import { expect } from 'vitest';
import type { UserClient } from './api.ts';

/** A 1×1 PNG. */
export const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

/** A minimal one-page PDF. */
export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** HTML with a script: what an attacker would call `cat.png`. */
export const HTML = new TextEncoder().encode('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

/** Announce a file and upload its bytes to the presigned URL; returns its attachment id. */
export async function upload(client: UserClient, name: string, bytes: Uint8Array, contentType?: string): Promise<string> {
  const r = await client.post('/api/v1/attachments', { name, size: bytes.byteLength, contentType });
  expect(r.status, r.text).toBe(201);
  const put = await fetch(r.json.uploadUrl, { method: 'PUT', headers: r.json.headers, body: Buffer.from(bytes) });
  expect(put.status, await put.clone().text()).toBe(200);
  return r.json.attachmentId as string;
}
