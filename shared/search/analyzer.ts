/**
 * The one text analyzer of the search index (issue 9, Q5): the SAME function runs on what is
 * indexed and on what is searched, so a change here needs `npm run search:rebuild`.
 *
 * A word is lower-cased, German umlauts and ß are folded (ä→ae, ö→oe, ü→ue, ß→ss, other accents
 * dropped), so "Störung" and "Stoerung" are one word; then stemmed with Snowball German and
 * then Porter English (`@orama/stemmers`), so "Drucker"/"Druckern" and "printing"/"prints"
 * meet. Both stemmers run on every word because a ticket mixes the two languages freely.
 * Zod-free and free of Node APIs.
 */
import { stemmer as germanStem } from '@orama/stemmers/german';
import { stemmer as englishStem } from '@orama/stemmers/english';

const WORD = /[\p{L}\p{N}]+/gu;
/** Longer "words" are hashes, tokens or base64 noise: not worth indexing. */
const MAX_WORD = 40;

/** Lower case and German folding: "Störung" → "stoerung", "Straße" → "strasse", "café" → "cafe". */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}/gu, '');
}

/** The stem of one folded word: Snowball German, then Porter English; numbers stay as they are. */
export function stem(folded: string): string {
  if (folded.length < 3 || /^\p{N}+$/u.test(folded)) return folded;
  return englishStem(germanStem(folded));
}

/** The folded words of a text, in order (what a snippet's highlighter compares). */
export function words(text: string): string[] {
  return (fold(text).match(WORD) ?? []).filter((w) => w.length <= MAX_WORD);
}

/** The index terms of a text: its words, folded and stemmed. */
export function analyze(text: string): string[] {
  return words(text).map(stem);
}

/** The analysed text as FTS5 stores it: terms separated by spaces. */
export function analyzedText(text: string | undefined): string {
  return text ? analyze(text).join(' ') : '';
}

/** One word of a query: its stem, and whether it is the word being typed (searched as a prefix). */
export interface QueryTerm {
  stem: string;
  /** The folded word as typed (a prefix matches the unstemmed word too: "druckerp…"). */
  folded: string;
  prefix: boolean;
}

/**
 * The terms of a query. The last word is a prefix while typing (no space after it yet), so
 * "Netzwerkdr" finds "Netzwerkdrucker"; a word typed to its end is matched by its stem.
 */
export function queryTerms(q: string): QueryTerm[] {
  const list = words(q);
  const typing = list.length > 0 && !/[\s\p{P}]$/u.test(q);
  return list.map((folded, i) => ({ stem: stem(folded), folded, prefix: typing && i === list.length - 1 }));
}

/** Damerau–Levenshtein distance of two words, stopping early beyond `max` (returns max + 1). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Typos tolerated in a query word of this length: none below 4 letters, one from 4. */
export function typosAllowed(word: string): number {
  return word.length >= 4 ? 1 : 0;
}
