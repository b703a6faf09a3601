import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../shared/tickets/pages.ts';

// Paging through real work lists (listTickets over DynamoDB Local): test/integration/paging.test.ts.
describe('list cursors', () => {
  it('a cursor gives back the positions it was made from', () => {
    const positions = { new: '1#2026#000000000001', open: null };
    expect(decodeCursor(encodeCursor(positions))).toEqual(positions);
    expect(decodeCursor(undefined)).toEqual({});
  });

  it('refuses a cursor that was not made by a previous page, naming the cursor', () => {
    const invalid = expect.objectContaining({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'cursor' })] });
    expect(() => decodeCursor('not-a-cursor')).toThrow(invalid);
    expect(() => decodeCursor(Buffer.from('{"new":42}').toString('base64url'))).toThrow(invalid);
  });
});
