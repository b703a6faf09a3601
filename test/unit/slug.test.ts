/**
 * The web app tells a tenant page by its first path segment before anything is fetched
 * (web/src/hooks.client.ts): it asks `hasSlugShape`, which must accept what the `Slug` schema
 * accepts (reserved words aside) and refuse what it refuses.
 */
import { describe, expect, it } from 'vitest';
import { hasSlugShape } from '../../shared/tenancy/constants.ts';
import { Slug } from '../../shared/tenancy/schemas.ts';

describe('the shape of a slug', () => {
  it.each(['acme', 'a1b', 'ACME', 'print-shop-24', 'x'.repeat(40)])('%s is a slug as the web app and the schema see it', (s) => {
    expect(hasSlugShape(s)).toBe(true);
    expect(Slug.safeParse(s).success).toBe(true);
  });

  it.each(['', 'ab', '-acme', 'acme-', 'ac_me', 'acmé', 'x'.repeat(41), 'acme/tickets'])('“%s” is none for either', (s) => {
    expect(hasSlugShape(s)).toBe(false);
    expect(Slug.safeParse(s).success).toBe(false);
  });
});
