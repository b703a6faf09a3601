/** The documents' search source (issue 9): what of a document is found, for whom, and under which key. */
import { describe, expect, it } from 'vitest';
import { SEARCH_SOURCES } from '../../shared/search/sources.ts';

const source = SEARCH_SOURCES.find((s) => s.itemKinds.includes('document'))!;
const item = {
  kind: 'document',
  documentId: 'd1',
  title: 'Druckerhandbuch',
  description: 'Einrichtung des Netzwerkdruckers',
  tags: ['setup', 'drucker'],
  topicId: 't1',
  docType: 'manual',
  audience: 'customers',
  file: { id: 'f1', name: 'handbuch-2024.pdf', contentType: 'application/pdf', size: 10 },
  updatedAt: '2026-11-01T10:00:00.000Z',
};

describe('documents search source', () => {
  it('finds a document by title, description, tags and file name, for its audience and topic', () => {
    expect(source.docsOf(item)).toEqual([
      {
        kind: 'document',
        key: 'document:d1',
        ref: 'd1',
        title: 'Druckerhandbuch',
        body: 'Einrichtung des Netzwerkdruckers\nhandbuch-2024.pdf',
        topicId: 't1',
        tags: ['setup', 'drucker'],
        audience: 'customers',
        updatedAt: '2026-11-01T10:00:00.000Z',
      },
    ]);
  });
  it('a staff-only document stays staff-only; without a description the file name is the body', () => {
    const [doc] = source.docsOf({ ...item, audience: 'staff', description: undefined, topicId: undefined, tags: undefined });
    expect(doc).toMatchObject({ audience: 'staff', body: 'handbuch-2024.pdf', tags: [] });
    expect(doc!.topicId).toBeUndefined();
  });
  it('one key per document, the same before and after a change', () => {
    expect(source.keysOf(item)).toEqual(['document:d1']);
    expect(source.keysOf({ ...item, title: 'Renamed' })).toEqual(['document:d1']);
  });
});
