/** Tenancy facts without zod: shared by the server's schemas and the web app. */

/** Languages every user-facing text exists in. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A tenant's slug (the portal address `/{slug}/`) is 3 to 40 characters long… */
export const SLUG_LENGTH = { min: 3, max: 40 } as const;
/** …of lowercase letters, digits and inner hyphens. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Whether `s`, lowercased, has the shape of a slug (reserved words are the schema's concern). */
export function hasSlugShape(s: string): boolean {
  return s.length >= SLUG_LENGTH.min && s.length <= SLUG_LENGTH.max && SLUG_PATTERN.test(s.toLowerCase());
}
