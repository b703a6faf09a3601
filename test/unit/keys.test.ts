import { describe, expect, it } from 'vitest';
import { keys, indexKeys } from '../../shared/db/keys.ts';
import { newTenantId } from '../../shared/ids.ts';

describe('table keys', () => {
  const a = newTenantId();
  const b = newTenantId();

  it('every tenant-owned key starts with the tenant id', () => {
    for (const k of [keys.tenant(a), keys.user(a, 'u1'), keys.ticket(a, 7), keys.session(a, 'h'), keys.oneTimeToken(a, 'h'), keys.userEmail(a, 'x@y.z')]) {
      expect(k.pk.startsWith(a)).toBe(true);
    }
    expect(indexKeys.statusQueue(a, 'new', 'high', '2026-01-01T00:00:00Z', 1).gsi1pk.startsWith(a)).toBe(true);
    expect(indexKeys.requesterTickets(a, 'u', '2026-01-01T00:00:00Z', 1).gsi2pk.startsWith(a)).toBe(true);
  });

  it('the same ticket number of two tenants lives under two different keys', () => {
    expect(keys.ticket(a, 1).pk).not.toBe(keys.ticket(b, 1).pk);
  });

  it('refuses a malformed tenant id instead of building a key that could reach another tenant', () => {
    expect(() => keys.ticket(`${a}#TICKET#000000000001`, 1)).toThrow('invalid tenant id in key');
    expect(() => keys.user('', 'u')).toThrow('invalid tenant id in key');
  });

  it('orders a status queue by priority first, then by age', () => {
    const urgentLate = indexKeys.statusQueue(a, 'new', 'urgent', '2026-02-01T00:00:00.000Z', 2).gsi1sk;
    const lowEarly = indexKeys.statusQueue(a, 'new', 'low', '2026-01-01T00:00:00.000Z', 1).gsi1sk;
    const urgentEarly = indexKeys.statusQueue(a, 'new', 'urgent', '2026-01-01T00:00:00.000Z', 3).gsi1sk;
    expect([lowEarly, urgentLate, urgentEarly].sort()).toEqual([urgentEarly, urgentLate, lowEarly]);
  });
});
