/**
 * The search terms of a request as typed (issue 9, Q7): what the suggestions look for while a
 * customer writes subject and description. Stop words of both languages go (a request mixes
 * "der Drucker" with "the printer"), so does anything too short to mean something; the rest is
 * OR-ed by the caller, so one matching word is enough and more matching words rank higher.
 */
import { deu, eng } from 'stopword';

/**
 * Words of a request that find everything: request small talk and the auxiliaries and negations
 * `stopword`'s short English list (~100 words) leaves in.
 */
const REQUEST_WORDS = [
  'not',
  'does',
  'doesn',
  'don',
  'can',
  'cannot',
  'won',
  'since',
  'anymore',
  'please',
  'hello',
  'thanks',
  'thank',
  'bitte',
  'danke',
  'hallo',
  'mehr',
  'seit',
];

/** German and English stop words from `stopword` (well kept: ~600 German, ~100 English words), plus `REQUEST_WORDS`. */
const STOP = new Set([...deu, ...eng, ...REQUEST_WORDS].map((w) => w.toLowerCase()));

/** At most this many terms per query: the first ones typed (the subject) say most. */
export const MAX_TERMS = 12;

/** The meaningful distinct words of `text`, in the order typed, lower case, at most `MAX_TERMS`. */
export function meaningfulTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 3 || /^\d+$/.test(raw) || STOP.has(raw) || out.includes(raw)) continue;
    out.push(raw);
    if (out.length === MAX_TERMS) break;
  }
  return out;
}
