import { describe, expect, it } from 'vitest';
import { TABLE_READ_ACTIONS, TABLE_READ_WRITE_ACTIONS, tenantSessionPolicy } from '../../shared/db/tenant-access.ts';

const A = '0123456789abcdef';
const B = 'fedcba9876543210';
const leadingKeys = (p: Record<string, unknown>) =>
  (p.Statement as { Condition: Record<string, Record<string, string[]>> }[])[0]!.Condition['ForAllValues:StringLike']!['dynamodb:LeadingKeys']!;
const actions = (p: Record<string, unknown>) => (p.Statement as { Action: string[] }[])[0]!.Action;

/** What IAM's StringLike does with `*` (any characters) in a LeadingKeys pattern. */
const allows = (patterns: string[], key: string) =>
  patterns.some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key));

describe('the session policy of a tenant’s credentials', () => {
  it('reaches that tenant’s items and nothing of another tenant or the platform', () => {
    const keys = leadingKeys(tenantSessionPolicy(A, 'write'));
    for (const own of [A, `${A}#TICKET#000000000001`, `${A}#USERS`, `${A}#EFFECTS`]) expect(allows(keys, own), own).toBe(true);
    for (const other of [B, `${B}#TICKET#000000000001`, `${A}0#x`, `~slug#acme`, `~rate#signup#1.2.3.4#1`]) expect(allows(keys, other), other).toBe(false);
  });

  it('allows writes only to functions that write', () => {
    expect(actions(tenantSessionPolicy(A, 'read'))).toEqual([...TABLE_READ_ACTIONS]);
    expect(actions(tenantSessionPolicy(A, 'write'))).toEqual([...TABLE_READ_WRITE_ACTIONS]);
    expect(actions(tenantSessionPolicy(A, 'write'))).not.toContain('dynamodb:Scan');
  });

  it('adds exactly the platform keys a call names (the slug sign-up claims), never another tenant', () => {
    const keys = leadingKeys(tenantSessionPolicy(A, 'write', ['~slug#acme']));
    expect(allows(keys, '~slug#acme')).toBe(true);
    expect(allows(keys, '~slug#other')).toBe(false);
    expect(() => tenantSessionPolicy(A, 'write', [`${B}#USERS`])).toThrow('only platform keys');
  });

  it('is never built for a malformed tenant id (which could match other tenants’ keys)', () => {
    for (const bad of ['', '*', `${A.slice(0, 15)}*`, 'ABCDEF0123456789', `${A}#x`])
      expect(() => tenantSessionPolicy(bad, 'read'), bad).toThrow('invalid tenant id');
  });
});
