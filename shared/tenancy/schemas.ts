import { LANGUAGES, SLUG_LENGTH, SLUG_PATTERN } from './constants.ts';
import * as z from 'zod';
import { config } from '../config.ts';
import { singleLine } from '../text.ts';

/** Languages every user-facing text exists in. */
export const Language = z.enum(LANGUAGES).meta({ id: 'Language' });
export type Language = z.infer<typeof Language>;

const RESERVED_SLUGS = new Set(['api', 'app', 'admin', 'assets', 'signup', 'login', 'static', 'www', 'docs', 'mail', '_app', 'verify', 'reset', 'invite']);

/** URL slug of a tenant: becomes the portal address `/{slug}/`. */
export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(SLUG_LENGTH.min)
  .max(SLUG_LENGTH.max)
  .regex(SLUG_PATTERN, 'lowercase letters, digits and inner hyphens only')
  .refine((s) => !RESERVED_SLUGS.has(s), 'this address is reserved')
  .meta({ id: 'Slug', example: 'acme' });

export const TimeZone = z
  .string()
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'unknown IANA time zone', params: { code: 'unknown_time_zone' } },
  )
  .meta({ example: 'Europe/Berlin' });

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const Password = z.string().min(10, 'at least 10 characters').max(200);
export const PersonName = singleLine(1, 120);

/**
 * A logo loads from the portal's own origin or over https. Parsed as a browser would resolve it
 * on the portal (backslashes count as slashes, tabs vanish), so `/\\host` or `//host` cannot
 * pass for a path; an absolute address must be written out as `https://`.
 */
function logoUrlAllowed(u: string): boolean {
  if (u === '') return true;
  const own = new URL(config.publicUrl);
  let url: URL;
  try {
    url = new URL(u, own);
  } catch {
    return false;
  }
  if (u.toLowerCase().startsWith('https://')) return url.protocol === 'https:';
  return u.startsWith('/') && url.origin === own.origin;
}

const BrandingFields = {
  title: singleLine(1, 80),
  logoUrl: z
    .string()
    .trim()
    .max(2048)
    .refine(logoUrlAllowed, { message: 'https URL or a path on this site', params: { code: 'logo_url' } }),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'hex colour like #1f6feb'),
};

export const Branding = z.object(BrandingFields).meta({ id: 'Branding' });
/** A change of branding: only the fields sent are changed (no defaults that would wipe others). */
export const BrandingPatch = z.object(BrandingFields).partial().meta({ id: 'BrandingPatch' });
export type Branding = z.infer<typeof Branding>;

/** Body of `signup`: a new organisation with its first admin. */
export const SignupInput = z
  .object({
    organisationName: singleLine(2, 100),
    slug: Slug,
    adminName: PersonName,
    email: Email,
    password: Password,
    language: Language.default('de'),
    timeZone: TimeZone.default('Europe/Berlin'),
  })
  .meta({ id: 'SignupInput' });
export type SignupInput = z.infer<typeof SignupInput>;

/** Body of `updateTenant`: branding and defaults, every field optional. */
export const TenantSettingsInput = z
  .object({
    name: singleLine(2, 100).optional(),
    branding: BrandingPatch.optional(),
    defaultLanguage: Language.optional(),
    timeZone: TimeZone.optional(),
    publicKnowledge: z.boolean().optional().describe('Knowledge (issue 9): FAQ and public articles readable without signing in'),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        '`version` of the settings as the admin saw them: a change made meanwhile is refused (409 `conflict`). Without it, the change applies to the current settings',
      ),
  })
  .meta({ id: 'TenantSettingsInput' });
export type TenantSettingsInput = z.infer<typeof TenantSettingsInput>;

/** What anybody may know of a tenant: its public portal face. */
export const Portal = z
  .object({
    slug: z.string(),
    name: z.string(),
    branding: Branding,
    defaultLanguage: Language,
    timeZone: z.string(),
    publicKnowledge: z.boolean().describe('Knowledge (issue 9): FAQ and public articles readable without signing in'),
    version: z.number().int().describe('Version of the settings: send it back with a change'),
  })
  .meta({ id: 'Portal' });
export type Portal = z.infer<typeof Portal>;

export const SlugParam = z.object({ slug: Slug });
