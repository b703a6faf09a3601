import { describe, expect, it } from 'vitest';
import { preferredLanguage } from '../../shared/language.ts';

describe('the language a browser asks for', () => {
  it('is the most preferred of ours, regions and weights understood', () => {
    expect(preferredLanguage('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(preferredLanguage('fr-FR,fr;q=0.9,en-GB;q=0.8,de;q=0.7')).toBe('en');
    expect(preferredLanguage('en;q=0.3, de;q=0.6')).toBe('de');
  });

  it('is none when the header names none of ours, names none at all, or is missing', () => {
    expect(preferredLanguage('fr-FR,fr;q=0.9')).toBeUndefined();
    expect(preferredLanguage('*')).toBeUndefined();
    expect(preferredLanguage('')).toBeUndefined();
    expect(preferredLanguage(undefined)).toBeUndefined();
  });
});
