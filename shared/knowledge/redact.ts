/**
 * Removing a customer's personal data from ticket text before it becomes knowledge (issue 9,
 * Q2): an article written from a solved ticket must not carry who asked, how to reach them, their
 * company or bank details. Pure, so the unit spec pins every case.
 */

/** The ticket's people and organisation, as the ticket knows them. */
export interface KnownPeople {
  /** Requester, contact and whoever else wrote on the ticket (customers and staff). */
  names: readonly string[];
  emails?: readonly string[];
  phones?: readonly string[];
  companies?: readonly string[];
}

/** What replaces each kind of personal data (language-neutral, readable in German and English). */
export const REDACTED = { name: '[Name]', email: '[E-Mail]', phone: '[Tel.]', company: '[Firma]', iban: '[IBAN]' } as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole word (letters of any script), so "Anna" does not hit "Annahme". */
const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s)}(?![\\p{L}\\p{N}])`, 'giu');

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// IBAN-like: two letters, two check digits, then 11–30 letters or digits, optionally in groups of four.
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
// Phone numbers: they start with +, 00, 0 or (0 (so dates, versions and addresses of machines
// are left alone), then at least six more digits with the usual separators between them.
const PHONE = /(?<![\w+])(?:\+\d|\(0|0)(?:[ \-/().]{0,2}\d){6,}(?!\w)/g;
/** A line that opens a signature or a closing: everything from it to the end is the writer's. */
const SIGNATURE_START =
  /^(?:--\s*|_{3,}|(?:mit )?(?:freundliche[nm]?|beste[nm]?|herzliche[nm]?|viele[nm]?|liebe[nm]?|schöne[nm]?) grü(?:ß|ss)(?:e|en)?.*|grü(?:ß|ss)e.*|gru(?:ß|ss).*|mfg.*|lg|(?:best|kind|warm)(?:est)? regards.*|regards.*|cheers.*|best wishes.*|thanks?(?: you)?(?: and regards)?,?|sincerely.*|yours (?:truly|sincerely).*)$/i;

/** A salutation line that opens a message ("Hallo Frau Müller,", "Dear Petra,"): it names the reader and helps no one else. */
const GREETING =
  /^(?:hallo|hi|hey|guten (?:morgen|tag|abend)|moin|servus|sehr geehrte[rs]?|liebe[rs]?|hello|dear|good (?:morning|afternoon|evening))\b[^\n,!]{0,60}[,!]\s*$/i;

/** Cuts a salutation line off the start of a message, when something follows it. */
function withoutGreeting(text: string): string {
  const [first, ...rest] = text.split('\n');
  return first !== undefined && rest.some((l) => l.trim()) && GREETING.test(first.trim()) ? rest.join('\n').trimStart() : text;
}

/** Cuts a closing and signature off a message: from its first line that opens one, when something precedes it. */
function withoutSignature(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i > 0 && SIGNATURE_START.test(l.trim()));
  return at === -1 ? text : lines.slice(0, at).join('\n').trimEnd();
}

/** Names to look for: each full name, and each of its parts of three letters or more (a first name alone, a family name alone). */
function nameVariants(names: readonly string[]): string[] {
  const all = new Set<string>();
  for (const n of names) {
    const full = n.trim();
    if (!full) continue;
    all.add(full);
    for (const part of full.split(/[\s,]+/)) if (part.replace(/\./g, '').length >= 3) all.add(part);
  }
  return [...all].sort((a, b) => b.length - a.length); // the full name first, before its parts
}

/**
 * `text` without personal data: the salutation, closing and signature cut off, e-mail addresses, IBAN-like
 * account numbers, phone numbers, the known people's names (whole and in parts) and their
 * companies replaced by placeholders (`REDACTED`). What is left is the problem and its solution.
 */
export function redactPersonalData(text: string, known: KnownPeople): string {
  let out = withoutGreeting(withoutSignature(text.replace(/\r\n?/g, '\n')));
  for (const e of known.emails ?? []) if (e.trim()) out = out.replace(word(e.trim()), REDACTED.email);
  out = out.replace(EMAIL, REDACTED.email);
  out = out.replace(IBAN, REDACTED.iban);
  for (const p of known.phones ?? []) if (p.trim()) out = out.replace(word(p.trim()), REDACTED.phone);
  out = out.replace(PHONE, REDACTED.phone);
  for (const c of [...(known.companies ?? [])].sort((a, b) => b.length - a.length)) if (c.trim()) out = out.replace(word(c.trim()), REDACTED.company);
  for (const n of nameVariants(known.names)) out = out.replace(word(n), REDACTED.name);
  return out;
}
