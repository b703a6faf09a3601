/**
 * A file's type comes from its bytes, never from its name or a claimed type; markup is only
 * ever a download; only raster images are shown inline.
 */
import { describe, expect, it } from 'vitest';
import { cleanFileName, isInlineImage, sniffContentType } from '../../shared/attachments/sniff.ts';
import { HTML, PDF, PNG } from '../support/files.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffContentType', () => {
  it('recognises formats by their magic numbers', async () => {
    expect(await sniffContentType(PNG)).toBe('image/png');
    expect(await sniffContentType(PDF)).toBe('application/pdf');
    expect(await sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]))).toBe('image/jpeg');
  });

  it('plain UTF-8 text is text/plain, umlauts included', async () => {
    expect(await sniffContentType(text('Fehler E-42 beim Drucken, Grüße\n'))).toBe('text/plain');
  });

  it('HTML, SVG and XML are downloads (application/octet-stream), whatever they are called', async () => {
    expect(await sniffContentType(HTML)).toBe('application/octet-stream');
    expect(await sniffContentType(text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe('application/octet-stream');
    expect(await sniffContentType(text('<?xml version="1.0"?><a/>'))).toBe('application/octet-stream');
    expect(await sniffContentType(text('  <IFRAME src="x">'))).toBe('application/octet-stream');
  });

  it('unknown binary data and empty files are application/octet-stream', async () => {
    expect(await sniffContentType(new Uint8Array([0, 1, 2, 3, 254, 255]))).toBe('application/octet-stream');
    expect(await sniffContentType(new Uint8Array())).toBe('application/octet-stream');
  });
});

describe('what is shown inline', () => {
  it('only PNG, JPEG, GIF and WebP; never SVG or HTML', () => {
    for (const t of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) expect(isInlineImage(t)).toBe(true);
    for (const t of ['image/svg+xml', 'text/html', 'application/pdf', 'application/octet-stream']) expect(isInlineImage(t)).toBe(false);
  });
});

describe('cleanFileName', () => {
  it('drops paths and control characters, and shortens long names keeping the extension', () => {
    expect(cleanFileName('C:\\Users\\x\\report.pdf', 200)).toBe('report.pdf');
    expect(cleanFileName('../../etc/passwd', 200)).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n.txt', 200)).toBe('ab.txt');
    expect(cleanFileName(`${'x'.repeat(300)}.png`, 200)).toBe(`${'x'.repeat(196)}.png`);
    expect(cleanFileName('   ', 200)).toBe('file');
  });
});
