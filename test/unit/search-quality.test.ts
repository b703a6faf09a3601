/**
 * Search quality on a fixed German/English corpus (issue 9, Q5): what a user types finds what
 * they mean — umlauts spelled out, parts of compound words, one typo, a word half typed — the
 * kind and topic filters narrow, a title match ranks above a body match, and who searches
 * decides what can be found at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FtsIndex, type Viewer } from '../../shared/search/fts.ts';
import type { SearchDoc } from '../../shared/search/sources.ts';
import { MARK_END, MARK_START } from '../../shared/search/marks.ts';

const AT = '2026-11-01T10:00:00.000Z';
const doc = (d: Partial<SearchDoc> & Pick<SearchDoc, 'key' | 'kind' | 'ref' | 'title' | 'body'>): SearchDoc => ({ audience: 'public', updatedAt: AT, ...d });

const CORPUS: SearchDoc[] = [
  doc({
    kind: 'faq',
    key: 'faq:print',
    ref: 'print',
    title: 'Netzwerkdrucker druckt nicht',
    body: 'Prüfen Sie, ob der Drucker eingeschaltet und mit dem Netzwerk verbunden ist.',
    topicId: 'hardware',
  }),
  doc({
    kind: 'faq',
    key: 'faq:pw',
    ref: 'pw',
    title: 'Reset your password',
    body: 'Open the sign-in page and choose "Forgot password". You get a mail with a link.',
    topicId: 'accounts',
  }),
  doc({
    kind: 'faq',
    key: 'faq:pw-de',
    ref: 'pw-de',
    title: 'Passwort vergessen',
    body: 'Auf der Anmeldeseite „Passwort vergessen“ wählen.',
    topicId: 'accounts',
  }),
  doc({
    kind: 'article',
    key: 'article:outage',
    ref: 'outage',
    title: 'Störung im Rechenzentrum',
    body: 'Am Montag fiel die Stromversorgung aus; alle Dienste liefen nach zwei Stunden wieder.',
    topicId: 'hardware',
  }),
  doc({
    kind: 'article',
    key: 'article:vpn',
    ref: 'vpn',
    title: 'VPN einrichten',
    body: 'Laden Sie den Client herunter. Bei einer Störung hilft ein Neustart.',
    topicId: 'network',
    audience: 'customers',
  }),
  doc({
    kind: 'document',
    key: 'document:manual',
    ref: 'manual',
    title: 'Handbuch Farblaserdrucker',
    body: 'Bedienungsanleitung des Farblaserdruckers im zweiten Stock.',
    topicId: 'hardware',
    tags: ['Toner'],
  }),
  doc({
    kind: 'article',
    key: 'article:internal',
    ref: 'internal',
    title: 'Drucker-Admin-Zugang',
    body: 'Das Admin-Passwort der Drucker liegt im Tresor.',
    audience: 'staff',
  }),
  doc({
    kind: 'ticket',
    key: 'ticket:1',
    ref: '1',
    title: 'Drucker im Empfang streikt',
    body: 'Seit heute früh kein Ausdruck.',
    audience: 'customers',
    ownerId: 'cora',
    extra: '#1 1 Cora Kundin ACME GmbH',
  }),
  doc({ kind: 'ticket', key: 'ticket:1:msg:a', ref: '1', title: '', body: 'Interne Notiz: Fixierer tauschen.', audience: 'staff' }),
  doc({ kind: 'ticket', key: 'ticket:1:msg:b', ref: '1', title: '', body: 'Wir haben den Drucker neu gestartet.', audience: 'customers' }),
  doc({
    kind: 'ticket',
    key: 'ticket:2',
    ref: '2',
    title: 'Laptop startet nicht',
    body: 'Der Laptop piept dreimal.',
    audience: 'customers',
    ownerId: 'nils',
    extra: '#2 2 Nils Nachbar',
  }),
];

const STAFF: Viewer = { role: 'staff' };
const CORA: Viewer = { role: 'customer', userId: 'cora' };
let index: FtsIndex;

const find = (q: string, viewer: Viewer = STAFF, more: { kinds?: ('faq' | 'article' | 'document' | 'ticket')[]; topicId?: string } = {}) =>
  index.search({ q, viewer, limit: 20, offset: 0, ...more }).hits.map((h) => `${h.kind}:${h.ref}`);

beforeAll(() => {
  index = new FtsIndex(':memory:');
  index.apply(CORPUS.map((upsert) => ({ upsert })));
});

describe('what a user types finds what they mean', () => {
  it('"Stoerung" finds "Störung" (and the other way round)', () => {
    expect(find('Stoerung ')).toEqual(expect.arrayContaining(['article:outage', 'article:vpn']));
    expect(find('Störung ').sort()).toEqual(find('Stoerung ').sort());
  });

  it('"Drucker" finds "Netzwerkdrucker" and "Farblaserdrucker" (compound parts)', () => {
    expect(find('Drucker ')).toEqual(expect.arrayContaining(['faq:print', 'document:manual', 'ticket:1']));
  });

  it('one typo is tolerated: "Pasword" finds the password FAQ', () => {
    expect(find('Pasword ')).toContain('faq:pw');
    expect(find('Pasword')).toContain('faq:pw'); // also while typing
  });

  it('a word half typed is a prefix: "Rechenz" finds "Rechenzentrum"', () => {
    expect(find('Rechenz')).toEqual(['article:outage']);
    expect(find('Rechenz ')).toEqual([]);
  });

  it('English inflections meet: "passwords" finds "password"', () => {
    expect(find('passwords ')).toContain('faq:pw');
  });

  it('every word must match (AND), in any field: title, body, tags, requester', () => {
    expect(find('Drucker Toner ')).toEqual(['document:manual']);
    expect(find('Kundin Empfang ')).toEqual(['ticket:1']);
    expect(find('ACME ')).toEqual(['ticket:1']);
  });
});

describe('ranking and snippets', () => {
  it('a title match ranks above a body match', () => {
    const hits = find('Störung ');
    expect(hits.indexOf('article:outage')).toBeLessThan(hits.indexOf('article:vpn'));
  });

  it('one hit per ticket, titled with its subject, however many of its rows match', () => {
    const hits = index.search({ q: 'Drucker ', viewer: STAFF, limit: 20, offset: 0 }).hits.filter((h) => h.kind === 'ticket');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.title).toBe('Drucker im Empfang streikt');
  });

  it('marks the matching words as written, never as stems', () => {
    const [hit] = index.search({ q: 'Rechenzentrum Stromversorgung ', viewer: STAFF, limit: 1, offset: 0 }).hits;
    expect(hit!.snippet).toContain(`${MARK_START}Stromversorgung${MARK_END}`);
  });
});

describe('filters and pages', () => {
  it('kinds narrow the hits', () => {
    expect(find('Drucker ', STAFF, { kinds: ['document'] })).toEqual(['document:manual']);
    expect(find('Drucker ', STAFF, { kinds: ['faq', 'ticket'] }).sort()).toEqual(['faq:print', 'ticket:1']);
  });

  it('a topic narrows the hits', () => {
    expect(find('Störung ', STAFF, { topicId: 'network' })).toEqual(['article:vpn']);
    expect(find('Passwort ', STAFF, { topicId: 'accounts' })).toEqual(expect.arrayContaining(['faq:pw-de']));
  });

  it('pages follow one another without gaps or repeats', () => {
    const all = find('Drucker ');
    const pages: string[] = [];
    for (let offset = 0, more = true; more; offset += 2) {
      const page = index.search({ q: 'Drucker ', viewer: STAFF, limit: 2, offset });
      pages.push(...page.hits.map((h) => `${h.kind}:${h.ref}`));
      more = page.more;
    }
    expect(pages).toEqual(all);
  });
});

describe('who finds what', () => {
  it('staff find staff-only knowledge and internal notes', () => {
    expect(find('Tresor ')).toEqual(['article:internal']);
    expect(find('Fixierer ')).toEqual(['ticket:1']);
  });

  it('a customer finds public and customer knowledge and their own ticket, with its public answers', () => {
    expect(find('Störung ', CORA)).toEqual(expect.arrayContaining(['article:outage', 'article:vpn']));
    expect(find('gestartet ', CORA)).toEqual(['ticket:1']);
  });

  it('a customer never finds staff-only knowledge, an internal note or another customer’s ticket', () => {
    expect(find('Tresor ', CORA)).toEqual([]);
    expect(find('Fixierer ', CORA)).toEqual([]);
    expect(find('Laptop ', CORA)).toEqual([]);
    expect(find('Nils ', CORA)).toEqual([]);
  });

  it('without signing in: public knowledge only, no tickets', () => {
    const anonymous: Viewer = { role: 'anonymous' };
    expect(find('Störung ', anonymous)).toEqual(['article:outage']);
    expect(find('Drucker ', anonymous).some((h) => h.startsWith('ticket:'))).toBe(false);
  });
});

describe('a typed text (answers suggested while a customer types)', () => {
  it('with match "any", a long description finds the entries that share its words, best first', () => {
    const q = 'Hallo, mein Netzwerkdrucker im Büro druckt seit gestern nicht mehr, was kann ich tun?';
    expect(index.search({ q, viewer: CORA, limit: 5, offset: 0, kinds: ['faq', 'article'] }).hits).toEqual([]);
    const hits = index.search({ q, viewer: CORA, limit: 5, offset: 0, kinds: ['faq', 'article'], match: 'any' }).hits.map((h) => `${h.kind}:${h.ref}`);
    expect(hits[0]).toBe('faq:print');
    expect(hits).not.toContain('article:internal');
  });
});
