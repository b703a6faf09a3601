/**
 * Reply tokens (issue 8, threading): every mail we send about a ticket carries a Reply-To
 * `{slug}+{number}-{sig}@{domain}` and a Message-ID `<t{number}.{random}.{sig}@{domain}>`, where
 * `sig` is an HMAC of tenant and ticket under the tenant's own secret (`mailSecret` on the
 * tenant item). A reply that names a ticket by token joins it; a guessed or copied token of
 * another tenant or ticket does not verify (FreeScout CVE-2026-47123: guessable reply ids).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Characters of the signature kept in an address (base32, 80 bits: not guessable, still short). */
const SIG_LENGTH = 16;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A new random per-tenant mail secret (stored once on the tenant item). */
export function newMailSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The signature of one ticket of one tenant. */
export function signTicket(secret: string, tenantId: string, number: number): string {
  return base32(createHmac('sha256', secret).update(`${tenantId}:${number}`).digest()).slice(0, SIG_LENGTH);
}

/** Whether `sig` is the signature of that ticket (constant time). */
export function verifyTicket(secret: string, tenantId: string, number: number, sig: string): boolean {
  const expected = Buffer.from(signTicket(secret, tenantId, number));
  const given = Buffer.from(sig.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The Reply-To address of mails about a ticket: `{slug}+{number}-{sig}@{domain}`. */
export function replyAddress(secret: string, tenant: { id: string; slug: string }, number: number, domain: string): string {
  return `${tenant.slug}+${number}-${signTicket(secret, tenant.id, number)}@${domain}`;
}

/** A Message-ID for a mail about a ticket; its token threads a reply that quotes it in In-Reply-To/References. */
export function ticketMessageId(secret: string, tenantId: string, number: number, domain: string): string {
  return `<t${number}.${randomBytes(6).toString('hex')}.${signTicket(secret, tenantId, number)}@${domain}>`;
}

/**
 * The ticket's thread root: one fixed Message-ID per ticket (`<t{number}.0.{sig}@{domain}>`,
 * parsed and verified like any of ours) that every mail about the ticket names first in its
 * `References`. Acknowledgement, answers, merge notice and notifications so share one root, and a
 * mail program shows one conversation even when no mail of the customer's started it (a portal
 * request) and our own earlier mails are not recorded on a message.
 */
export function ticketThreadId(secret: string, tenantId: string, number: number, domain: string): string {
  return `<t${number}.0.${signTicket(secret, tenantId, number)}@${domain}>`;
}

/** The slug and, when present, the ticket token of an address of ours (`slug` or `slug+number-sig`); undefined for another domain. */
export function parseInboundAddress(address: string, domain: string): { slug: string; number?: number; sig?: string } | undefined {
  const m = /^([a-z0-9-]+)(?:\+(\d{1,12})-([a-z2-7]+))?@(.+)$/i.exec(address.trim());
  if (!m || m[4]!.toLowerCase() !== domain.toLowerCase()) return undefined;
  return { slug: m[1]!.toLowerCase(), ...(m[2] && { number: Number(m[2]), sig: m[3]! }) };
}

/** The ticket token in a Message-ID of ours (from In-Reply-To or References), if any. */
export function parseTicketMessageId(messageId: string, domain: string): { number: number; sig: string } | undefined {
  const m = /^<?t(\d{1,12})\.[0-9a-f]+\.([a-z2-7]+)@([^>]+)>?$/i.exec(messageId.trim());
  if (!m || m[3]!.toLowerCase() !== domain.toLowerCase()) return undefined;
  return { number: Number(m[1]), sig: m[2]! };
}
