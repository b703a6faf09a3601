/** Who an internal note names with `@` (N1): full names first (the longest), else a first name; only unique matches. */
import { describe, expect, it } from 'vitest';
import { mentionedIn } from '../../shared/notifications/produce.ts';

const staff = [
  { userId: 'alex', name: 'Alex Agent' },
  { userId: 'alexa', name: 'Alex Agentur' },
  { userId: 'jue', name: 'Jürgen Groß' },
  { userId: 'sam1', name: 'Sam One' },
  { userId: 'sam2', name: 'Sam Two' },
];

describe('mentions in a note', () => {
  it('finds a full name, case-insensitive, and prefers the longest that matches', () => {
    expect(mentionedIn('please @alex agent look', staff)).toEqual(['alex']);
    expect(mentionedIn('@Alex Agentur, bitte', staff)).toEqual(['alexa']);
  });

  it('finds a unique first name, also with umlauts, and each person once', () => {
    expect(mentionedIn('@Jürgen: and again @jürgen.', staff)).toEqual(['jue']);
  });

  it('names nobody for an ambiguous first name, an unknown name or an email address', () => {
    expect(mentionedIn('@Sam? @Alex? @Nobody', staff)).toEqual([]);
    expect(mentionedIn('write to sam.one@example.com', staff)).toEqual([]);
    expect(mentionedIn('no at sign here', staff)).toEqual([]);
  });

  it('does not take a longer word for a name', () => {
    expect(mentionedIn('@Samuel please', staff)).toEqual([]);
    expect(mentionedIn('@Sam One and @Sam Two', staff).sort()).toEqual(['sam1', 'sam2']);
  });
});
