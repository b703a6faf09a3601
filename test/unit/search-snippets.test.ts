/**
 * Every suggested answer shows why it was found (issue 9, Q5/Q7): the demo's "Netzwerkdrucker
 * druckt nicht" once suggested "Wie richte ich einen Netzwerkdrucker ein?" with a snippet without
 * a single highlighted word — the compound matched in the question, and the answer (where the
 * snippet comes from) says "Drucker". Now a part of a compound the user typed is marked, and a
 * hit whose words are only in its title (or tags) takes its snippet from there. A typed text
 * ranks the entries sharing more of its words first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FtsIndex, type Viewer } from '../../shared/search/fts.ts';
import type { SearchDoc } from '../../shared/search/sources.ts';
import { MARK_END, MARK_START } from '../../shared/search/marks.ts';

const AT = '2026-11-01T10:00:00.000Z';
const faq = (ref: string, title: string, body: string, tags?: string[]): SearchDoc => ({
  kind: 'faq',
  key: `faq:${ref}`,
  ref,
  title,
  body,
  audience: 'public',
  updatedAt: AT,
  ...(tags ? { tags } : {}),
});
const CUSTOMER: Viewer = { role: 'customer', userId: 'anna' };
const marked = (snippet: string) => [...snippet.matchAll(new RegExp(`${MARK_START}(.*?)${MARK_END}`, 'gu'))].map((m) => m[1]);

let index: FtsIndex;
beforeAll(() => {
  index = new FtsIndex(':memory:');
  index.apply(
    [
      // the demo's FAQ entries (infra/local/seed-knowledge.ts)
      faq(
        'setup',
        'Wie richte ich einen Netzwerkdrucker ein?',
        'Öffnen Sie Einstellungen → Drucker und wählen Sie Drucker hinzufügen. Drucker aus der Liste wählen. Treiber bestätigen. Testseite drucken.',
      ),
      faq(
        'stripes',
        'Der Drucker druckt Streifen – was kann ich tun?',
        'Reinigen Sie die Druckköpfe über das Menü des Druckers. Hilft das nicht, ist meist der Toner leer: bitte melden Sie sich mit der Gerätenummer.',
      ),
      faq('fax', 'Wie versende ich ein Fax?', 'Legen Sie das Blatt ein und wählen Sie die Nummer.', ['Faxgerät']),
      faq('wifi', 'Warum ist das WLAN so langsam?', 'Starten Sie den Router neu.'),
    ].map((upsert) => ({ upsert })),
  );
});

const suggest = (q: string) => index.search({ q, viewer: CUSTOMER, limit: 5, offset: 0, kinds: ['faq', 'article'], match: 'any' }).hits;

describe('snippets of suggested answers', () => {
  it('"Netzwerkdrucker druckt nicht" suggests both printer entries, each with a highlighted word', () => {
    const hits = suggest('Netzwerkdrucker druckt nicht ');
    expect(hits.map((h) => h.ref).sort()).toEqual(['setup', 'stripes']);
    for (const hit of hits) expect(marked(hit.snippet), hit.ref).not.toEqual([]);
    // the compound's part "Drucker" is what the set-up answer says
    expect(marked(hits.find((h) => h.ref === 'setup')!.snippet)).toContain('Drucker');
  });

  it('a hit whose words are only in its title shows the title as snippet, marked', () => {
    const [hit] = suggest('versende ');
    expect(hit!.ref).toBe('fax');
    expect(hit!.snippet).toBe(`Wie ${MARK_START}versende${MARK_END} ich ein Fax?`);
  });

  it('a hit found by a tag shows the tag, marked', () => {
    const [hit] = suggest('Faxgerät ');
    expect(hit!.ref).toBe('fax');
    expect(marked(hit!.snippet)).toEqual(['Faxgerät']);
  });

  it('only the matching word is marked', () => {
    const [hit] = suggest('WLAN ');
    expect(hit!.ref).toBe('wifi');
    expect(marked(hit!.snippet)).toEqual(['WLAN']);
  });
});

describe('a typed text in one query', () => {
  it('ranks the entry sharing more of its words first, even against a better single match', () => {
    // "Toner" and "Gerätenummer" are both in the stripes entry's answer; "Netzwerkdrucker" in the set-up entry's question,
    // which alone would weigh more (a title match counts ten times a body match)
    expect(suggest('Netzwerkdrucker Toner Gerätenummer ').map((h) => h.ref)).toEqual(['stripes', 'setup']);
  });
});
