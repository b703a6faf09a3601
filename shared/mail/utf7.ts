/**
 * UTF-7 in inbound mail (RFC 2152; old Outlook and Exchange still send it), in every MIME part
 * and every encoded word. mailparser deliberately decodes UTF-7 as if it were UTF-8 (decoded
 * markup could slip past a filter that ran before it), so `+APw-` would reach the ticket as is.
 * Here the raw mail is rewritten before it is parsed: each text part in UTF-7 becomes the same
 * text in UTF-8 (an attached file keeps its bytes), each `=?utf-7?…?=` word a UTF-8 one. What comes out
 * of it only ever reaches `content.ts`'s sanitiser afterwards, so decoding is safe. Parsing and
 * re-joining MIME is mailsplit's (the splitter mailparser itself is built on), not ours.
 */
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Joiner, Rewriter, Splitter, type MimeNode } from '@zone-eu/mailsplit';

/** The names UTF-7 goes by (compared without case or punctuation, as iconv does). */
const isUtf7Name = (charset: string | false | undefined) => /^(?:(?:cs)?unicode11)?utf7$/.test((charset || '').toLowerCase().replace(/[^a-z0-9]/g, ''));

/** RFC 2152 UTF-7 text (its bytes read as ASCII) → the text it stands for. */
export function decodeUtf7(s: string): string {
  return s.replace(/\+([A-Za-z0-9+/]*)-?/g, (_m, b64: string) => {
    if (b64 === '') return '+';
    const bytes = Buffer.from(b64, 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  });
}

/** RFC 2047 encoded words in UTF-7, e.g. `=?utf-7?Q?M+APw-nchen?=`. */
const UTF7_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?([qb])\?([^?]*)\?=/gi;

/** A header line with its UTF-7 encoded words re-encoded as UTF-8 words (others left as they are). */
export function utf7WordsToUtf8(line: string): string {
  return line.replace(UTF7_WORD, (word, charset: string, enc: string, text: string) => {
    if (!isUtf7Name(charset)) return word;
    const bytes =
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    return `=?UTF-8?B?${Buffer.from(decodeUtf7(bytes.toString('latin1')), 'utf8').toString('base64')}?=`;
  });
}

/** Whether the raw mail may contain UTF-7 at all (a cheap look before a rewrite). */
export const mentionsUtf7 = (raw: Buffer) => /utf-?7/i.test(raw.toString('latin1'));

/**
 * The raw mail with every UTF-7 text part and encoded word in UTF-8; unchanged (the same buffer)
 * when it names no UTF-7, or when it is too broken to split (mailparser then reads what it can).
 */
export async function utf7ToUtf8(raw: Buffer): Promise<Buffer> {
  if (!mentionsUtf7(raw)) return raw;
  try {
    return await rewriteUtf7(raw);
  } catch {
    return raw;
  }
}

async function rewriteUtf7(raw: Buffer): Promise<Buffer> {
  // Encoded words can sit in any part's headers (the subject, an attachment's name).
  const words = new Transform({
    objectMode: true,
    transform(chunk: { type?: string } & Partial<MimeNode>, _enc, done) {
      if (chunk.type === 'node' && chunk.headers) {
        for (const line of chunk.headers.getList()) {
          const fixed = utf7WordsToUtf8(line.line);
          if (fixed !== line.line) {
            line.line = fixed;
            chunk.headers.changed = true;
          }
        }
      }
      done(null, chunk);
    },
  });
  // The text of the mail, not its files: an attached file keeps its bytes.
  const rewriter = new Rewriter((node: MimeNode) => isUtf7Name(node.charset) && /^text\//i.test(node.contentType || '') && node.disposition !== 'attachment');
  rewriter.on('node', ({ node, decoder, encoder }) => {
    const parts: Buffer[] = [];
    decoder.on('data', (b: Buffer) => parts.push(b));
    decoder.on('end', () => {
      node.setCharset('utf-8');
      encoder.end(Buffer.from(decodeUtf7(Buffer.concat(parts).toString('latin1')), 'utf8'));
    });
  });
  const out: Buffer[] = [];
  await pipeline(
    Readable.from([raw]),
    new Splitter(),
    words,
    rewriter,
    new Joiner(),
    new Transform({
      transform(b: Buffer, _enc, done) {
        out.push(b);
        done();
      },
    }),
  );
  return Buffer.concat(out);
}
