/**
 * How alike two ticket subjects are (issue 8, K16: duplicate suggestions). A small documented
 * measure instead of a library: the subjects are normalised (case, accents, reply/forward
 * prefixes, our `[#123]` tags, punctuation), then compared with the Sørensen–Dice coefficient
 * of their character bigrams — 1 for the same text, near 0 for unrelated ones, tolerant of a
 * typo or a reordered word. Pure; shared with nothing else.
 */

/** Subjects at least this alike count as "very similar" (a typo or an added word stays above it). */
export const SIMILAR_SUBJECT = 0.8;

/** Reply and forward prefixes of common mail clients, German and English (`Re:`, `AW:`, `Fwd:`, `WG:` …), repeated. */
const PREFIXES = /^(?:\s*(?:re|aw|antw|fwd?|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** A subject as compared: lower case, no accents, no prefixes or ticket tags, only letters and digits, single spaces. */
export function normaliseSubject(subject: string): string {
  return subject
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\[#\d+\]/g, ' ')
    .replace(PREFIXES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The character bigrams of a text, with how often each occurs. */
function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice similarity of two subjects after `normaliseSubject`, from 0 (nothing shared) to 1 (the same). */
export function subjectSimilarity(a: string, b: string): number {
  const x = normaliseSubject(a);
  const y = normaliseSubject(b);
  if (x === y) return x.length > 0 ? 1 : 0;
  if (x.length < 2 || y.length < 2) return 0;
  const bx = bigrams(x);
  const by = bigrams(y);
  let shared = 0;
  for (const [b, n] of bx) shared += Math.min(n, by.get(b) ?? 0);
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}
