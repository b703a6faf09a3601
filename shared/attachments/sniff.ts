/**
 * What a file is, told from its bytes, never from its name or the type a browser or mail
 * claimed (osTicket CVE-2019-13397, FreeScout #1359: an HTML or SVG "image" run in our origin).
 */
import { fileTypeFromBuffer } from 'file-type';
import { INLINE_IMAGE_TYPES, INLINE_VIDEO_TYPES } from './constants.ts';

/** Bytes enough to tell a type (file-type reads at most a few KiB; text checks the start). */
export const SNIFF_BYTES = 64 * 1024;

/** Types a browser would run or render as a document: never served as such. */
const ACTIVE =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|application\/xml|text\/xml|text\/javascript|application\/javascript|application\/x-shockwave-flash)$/;

/** Text that a browser would treat as markup if it ever sniffed it. */
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|style|a\s|img\s|div|form)/i;

/** The start of an object may end inside a UTF-8 sequence: stream mode tolerates exactly that. */
function isUtf8Text(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    // NUL and most C0 controls (not tab, line feeds, form feed, escape) do not occur in text files
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The content type of a file from its first bytes: what `file-type` recognises, else
 * `text/plain` for UTF-8 text, else `application/octet-stream`. Markup (HTML, SVG, XML, scripts)
 * is stored as `application/octet-stream`: it is only ever a download.
 */
export async function sniffContentType(start: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(start);
  if (found) return ACTIVE.test(found.mime) ? 'application/octet-stream' : found.mime;
  if (start.byteLength > 0 && isUtf8Text(start)) {
    const head = new TextDecoder().decode(start.subarray(0, 4096));
    return MARKUP.test(head) ? 'application/octet-stream' : 'text/plain';
  }
  return 'application/octet-stream';
}

/** Whether a (sniffed) type may be shown inline: the few raster image types only. */
export function isInlineImage(contentType: string): boolean {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(contentType);
}

/** Whether a (sniffed) type is a video a page may play (issue 9): mp4 and webm only. */
export function isInlineVideo(contentType: string): boolean {
  return (INLINE_VIDEO_TYPES as readonly string[]).includes(contentType);
}

/** A file name safe to store and to put in a header: no paths, no controls, not too long (extension kept). */
export function cleanFileName(name: string, max: number): string {
  const base =
    name
      .replace(/^.*[\\/]/, '')
      .replace(/\p{Cc}/gu, '')
      .trim() || 'file';
  if (base.length <= max) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
  return base.slice(0, max - ext.length) + ext;
}
