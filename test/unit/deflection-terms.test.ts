/**
 * What the answer suggestions look for in a request as typed (issue 9, Q7): its meaningful
 * words in both languages, stop words and small talk dropped, each once, in the order typed.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TERMS, meaningfulTerms } from '../../shared/deflection/terms.ts';

describe('the words a suggestion looks for', () => {
  it('keeps the words that say what the problem is, in German and English alike', () => {
    expect(meaningfulTerms('Der Drucker im 2. Stock druckt nicht mehr')).toEqual(['drucker', 'stock', 'druckt']);
    expect(meaningfulTerms('The printer does not print since Monday, please help')).toEqual(['printer', 'print', 'monday', 'help']);
  });

  it('keeps umlauts and mixed-language requests; each word once', () => {
    expect(meaningfulTerms('Störung: VPN Störung, VPN disconnects')).toEqual(['störung', 'vpn', 'disconnects']);
  });

  it('finds nothing in small talk, numbers or punctuation', () => {
    expect(meaningfulTerms('Hallo, bitte, danke! 1234 ... the and or')).toEqual([]);
  });

  it('takes at most the first few words (the subject says most)', () => {
    const long = Array.from({ length: 40 }, (_, i) => `wort${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
    expect(meaningfulTerms(long)).toHaveLength(MAX_TERMS);
    expect(meaningfulTerms(long)[0]).toBe('worta0');
  });
});
