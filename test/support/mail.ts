/**
 * Reading what the product sent, from SES local's store (`GET /store`).
 *
 *   const mail = await waitForMail('anna@example.com', { subject: /verify/i });
 *   const link = linkIn(mail, '/auth/verify');   // first link whose path starts so
 */
import { inject } from 'vitest';

export interface SentMail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  headers?: { name: string; value: string }[];
  /** A raw send's source, base64 (the local stack's proxy in front of the stand-in keeps it). */
  raw?: string;
  /** Epoch seconds. */
  at: number;
}

/** A header of a sent mail (first of that name, case-insensitive), as written. */
export function headerOf(mail: SentMail, name: string): string | undefined {
  return mail.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** A raw sent mail as the recipient's mail program reads it (mailparser): headers, text, attachments with their bytes. */
export async function parsedMail(mail: SentMail) {
  if (!mail.raw) throw new Error(`mail "${mail.subject}" was not sent raw`);
  const { simpleParser } = await import('mailparser');
  return simpleParser(Buffer.from(mail.raw, 'base64'));
}

const addressOf = (s: string) => (/<([^>]+)>/.exec(s)?.[1] ?? s).trim().toLowerCase();

/** Every mail in the store, oldest first. */
export async function allMail(storeUrl: string = inject('sesStoreUrl')): Promise<SentMail[]> {
  const res = await fetch(storeUrl);
  if (!res.ok) throw new Error(`SES store answered ${res.status}`);
  return ((await res.json()) as { emails: SentMail[] }).emails;
}

/** Mail to `address` (to, cc or bcc), newest first. */
export async function mailTo(address: string, storeUrl?: string): Promise<SentMail[]> {
  const want = address.toLowerCase();
  const all = await allMail(storeUrl);
  return all.filter((m) => [...m.destination.to, ...m.destination.cc, ...m.destination.bcc].some((a) => addressOf(a) === want)).reverse();
}

export interface WaitOptions {
  /** Only mail whose subject matches. */
  subject?: RegExp | string;
  /** Only mail not in this list (e.g. the ids seen before the action). */
  notIn?: readonly SentMail[];
  /** Polls at most this many times (default 300: a loaded machine's stream consumer may take a while), `intervalMs` apart (default 100). */
  tries?: number;
  intervalMs?: number;
  storeUrl?: string;
}

/** The newest mail to `address` that matches, polling until it arrives (bounded). */
export async function waitForMail(address: string, opts: WaitOptions = {}): Promise<SentMail> {
  const tries = opts.tries ?? 300;
  const seen = new Set((opts.notIn ?? []).map((m) => m.messageId));
  const subjectOk = (s: string) => (opts.subject === undefined ? true : typeof opts.subject === 'string' ? s.includes(opts.subject) : opts.subject.test(s));
  for (let i = 0; i < tries; i++) {
    const found = (await mailTo(address, opts.storeUrl)).find((m) => !seen.has(m.messageId) && subjectOk(m.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  throw new Error(`no mail to ${address}${opts.subject ? ` with subject ${String(opts.subject)}` : ''} after ${tries} tries`);
}

/** Every link in a mail (HTML hrefs first, then URLs in the text part), decoded. */
export function linksIn(mail: SentMail): string[] {
  const html = [...(mail.body.html ?? '').matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const text = [...(mail.body.text ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]);
  return [...html, ...text];
}

/** The first link whose path starts with `pathPrefix` (or matches the RegExp); throws if none. */
export function linkIn(mail: SentMail, path: string | RegExp): URL {
  for (const l of linksIn(mail)) {
    let url: URL;
    try {
      url = new URL(l);
    } catch {
      continue;
    }
    if (typeof path === 'string' ? url.pathname.startsWith(path) : path.test(url.pathname + url.search)) return url;
  }
  throw new Error(`no link to ${String(path)} in mail "${mail.subject}": ${linksIn(mail).join(', ') || '(no links)'}`);
}
