/**
 * What the search index learns of an article (issue 9, Q2/Q5): a published article is found for
 * its audience; a draft or an article in review is not found at all, and its key is the one the
 * indexer removes when an article is withdrawn.
 */
import { describe, expect, it } from 'vitest';
import { SEARCH_SOURCES } from '../../shared/search/sources.ts';

const source = SEARCH_SOURCES.find((s) => s.itemKinds.includes('article'));
const item = {
  kind: 'article',
  articleId: 'ticket-42',
  title: 'Drucker druckt nicht',
  body: '<p>Spooler <strong>neu</strong> starten</p>',
  text: 'Spooler neu starten',
  topicId: 'printers',
  tags: ['Drucker'],
  audience: 'customers',
  status: 'published',
  origin: { ticketNumber: 42, requesterName: 'Petra Müller', date: '2026-11-01T00:00:00Z' },
  updatedAt: '2026-11-28T10:00:00Z',
};

describe('the articles’ search source', () => {
  it('turns a published article into one document with its plain text, topic, tags and audience, and nothing of its origin', () => {
    const docs = source?.docsOf(item) ?? [];
    expect(docs).toEqual([
      {
        kind: 'article',
        key: 'article:ticket-42',
        ref: 'ticket-42',
        title: 'Drucker druckt nicht',
        body: 'Spooler neu starten',
        topicId: 'printers',
        tags: ['Drucker'],
        audience: 'customers',
        updatedAt: '2026-11-28T10:00:00Z',
      },
    ]);
    expect(JSON.stringify(docs)).not.toContain('Müller');
  });

  it('gives nothing for a draft or an article in review, and always names the key to remove', () => {
    for (const status of ['draft', 'review']) expect(source?.docsOf({ ...item, status })).toEqual([]);
    expect(source?.keysOf({ ...item, status: 'draft' })).toEqual(['article:ticket-42']);
  });
});
