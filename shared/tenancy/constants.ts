/** Tenancy facts without zod: shared by the server's schemas and the web app. */

/** Languages every user-facing text exists in. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
