/**
 * The search analyzer (issue 9, Q5): one function for what is indexed and what is searched, so
 * the forms a user types meet the forms a text holds.
 */
import { describe, expect, it } from 'vitest';
import { analyze, editDistance, fold, queryTerms, typosAllowed } from '../../shared/search/analyzer.ts';
import { snippetParts, MARK_END, MARK_START } from '../../shared/search/marks.ts';

describe('fold', () => {
  it('lower-cases and spells umlauts and ß out, drops other accents', () => {
    expect(fold('Störung Übergröße ÄRGER Straße Café')).toBe('stoerung uebergroesse aerger strasse cafe');
  });
});

describe('analyze', () => {
  it('gives "Störung" and "Stoerung" the same term', () => {
    expect(analyze('Störung')).toEqual(analyze('Stoerung'));
  });

  it('meets German inflections: Drucker, Druckern, Druckers', () => {
    const [a] = analyze('Drucker');
    expect(analyze('Druckern Druckers')).toEqual([a, a]);
  });

  it('meets English inflections: printing, prints, printed', () => {
    const [a] = analyze('print');
    expect(analyze('printing prints printed')).toEqual([a, a, a]);
  });

  it('keeps numbers and splits on punctuation; drops overlong noise', () => {
    expect(analyze('Ticket #4711, Raum B-12')).toEqual(['ticket', '4711', 'raum', 'b', '12']);
    expect(analyze('x'.repeat(41))).toEqual([]);
  });
});

describe('queryTerms', () => {
  it('treats the last word as a prefix while it is typed, not once a space follows', () => {
    expect(queryTerms('Netzwerk drucker').map((t) => t.prefix)).toEqual([false, true]);
    expect(queryTerms('Netzwerk drucker ').map((t) => t.prefix)).toEqual([false, false]);
  });

  it('analyses query words exactly like indexed words', () => {
    expect(queryTerms('Störungen ').map((t) => t.stem)).toEqual(analyze('Störungen'));
  });
});

describe('typo tolerance', () => {
  it('counts one insertion, deletion, substitution or swap as one edit', () => {
    expect(editDistance('pasword', 'password', 1)).toBe(1);
    expect(editDistance('pasword', 'passwrod', 2)).toBe(2);
    expect(editDistance('drukcer', 'drucker', 1)).toBe(1);
    expect(editDistance('drucker', 'drucker', 1)).toBe(0);
    expect(editDistance('maus', 'haushalt', 1)).toBe(2);
  });

  it('tolerates no typo in words under four letters', () => {
    expect(typosAllowed('vpn')).toBe(0);
    expect(typosAllowed('pasword')).toBe(1);
  });
});

describe('snippet marks', () => {
  it('split into plain and marked parts, so the web renders them without HTML strings', () => {
    expect(snippetParts(`Der ${MARK_START}Drucker${MARK_END} <b>streikt</b>`)).toEqual([
      { text: 'Der ', marked: false },
      { text: 'Drucker', marked: true },
      { text: ' <b>streikt</b>', marked: false },
    ]);
  });
});
