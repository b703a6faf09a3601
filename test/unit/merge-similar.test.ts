import { describe, expect, it } from 'vitest';
import { normaliseSubject, SIMILAR_SUBJECT, subjectSimilarity } from '../../shared/merge/similar.ts';

describe('two subjects count as very similar', () => {
  it('when they differ only in case, accents, punctuation, reply prefixes or our ticket tag', () => {
    expect(normaliseSubject('AW: Re:  [#12] Drucker  druckt Streifen!!')).toBe('drucker druckt streifen');
    expect(subjectSimilarity('Drucker druckt Streifen', 'WG: drucker DRUCKT streifen?')).toBe(1);
    expect(subjectSimilarity('Café-Maschine kaputt', 'Cafe Maschine kaputt')).toBe(1);
  });

  it('with a typo or a word added', () => {
    expect(subjectSimilarity('Printer prints streaks', 'Printer prints straeks')).toBeGreaterThanOrEqual(SIMILAR_SUBJECT);
    expect(subjectSimilarity('Printer prints streaks', 'Printer prints streaks again')).toBeGreaterThanOrEqual(SIMILAR_SUBJECT);
  });

  it('but not when they ask about something else, or say nothing', () => {
    expect(subjectSimilarity('Printer prints streaks', 'VPN drops every hour')).toBeLessThan(SIMILAR_SUBJECT);
    expect(subjectSimilarity('Printer prints streaks', 'Scanner prints nothing')).toBeLessThan(SIMILAR_SUBJECT);
    expect(subjectSimilarity('Re:', 'Fwd:')).toBe(0);
  });
});
