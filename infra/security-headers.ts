/**
 * The security headers of the web app and of the API, in one place for CloudFront's
 * response-headers policies (infra/stacks/web.ts) and the local server (infra/local/server.ts).
 *
 * The app's Content-Security-Policy: scripts only from our origin plus the one inline bootstrap
 * script SvelteKit writes into index.html, whose hash SvelteKit puts into a CSP `<meta>` there
 * (`kit.csp`, web/vite.config.ts). A `<meta>` cannot carry `frame-ancestors`, so the header is
 * that same policy read back from the built page, plus `frame-ancestors 'none'`.
 * Images: our own origin or `https:` (the logo rule; the logo is an https URL or a path here).
 * Attachments (issue 8): images and uploads reach the files bucket. The built page cannot know
 * its deployment, so its `<meta>` allows any S3 endpoint and the local stand-in on loopback
 * (`FILES_ORIGIN_PATTERNS`); the header names the one bucket origin instead, and since a browser
 * enforces both policies, that one is what holds.
 */

/** Where files may live, as the build-time policy allows them (narrowed by the header). */
export const FILES_ORIGIN_PATTERNS = ['https://*.amazonaws.com', 'http://127.0.0.1:*'] as const;

/** The app's CSP directives (SvelteKit adds the bootstrap script's hash to `script-src`). */
export const APP_CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  // Svelte sets the tenant's colours as inline custom properties.
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'https:', ...FILES_ORIGIN_PATTERNS],
  'font-src': ['self'],
  // Issue 9: documents' videos play from the files bucket (`<video>` on a presigned URL).
  'media-src': ['self', ...FILES_ORIGIN_PATTERNS],
  'connect-src': ['self', ...FILES_ORIGIN_PATTERNS],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
} as const satisfies Record<string, readonly string[]>;

const quoted = new Set(['self', 'none', 'unsafe-inline']);

/** A CSP string from directives (keywords quoted as CSP wants them). */
export function cspString(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values.map((v) => (quoted.has(v) || v.startsWith('sha256-') ? `'${v}'` : v))].join(' '))
    .join('; ');
}

/**
 * The app's CSP header for a built index.html: the policy of its CSP `<meta>` (which carries the
 * bootstrap script's hash) and `frame-ancestors 'none'`. Without a build (a placeholder page,
 * no scripts) the directives alone. `filesOrigin`: the files bucket's origin, which replaces
 * the build's `FILES_ORIGIN_PATTERNS` (none given: the patterns stay).
 */
export function appContentSecurityPolicy(indexHtml: string | undefined, filesOrigin?: string): string {
  const meta = indexHtml && /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(indexHtml)?.[1];
  let policy = meta ? meta.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&') : cspString(APP_CSP_DIRECTIVES);
  if (filesOrigin) {
    policy = policy
      .split(';')
      .map((d) => {
        const parts = d.trim().split(/\s+/);
        if (!parts.some((p) => (FILES_ORIGIN_PATTERNS as readonly string[]).includes(p))) return d.trim();
        return [...parts.filter((p) => !(FILES_ORIGIN_PATTERNS as readonly string[]).includes(p)), filesOrigin].join(' ');
      })
      .filter(Boolean)
      .join('; ');
  }
  return `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}

/** API answers (JSON, problem+json, the docs page with its inline style): nothing to load, never framed. */
export const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/**
 * The public knowledge pages (`/kb/*`, issue 9): the API's policy, plus the articles' inline
 * images, which load from our origin (the public file route) and are redirected to the files
 * bucket (`filesOrigin`; without it the build-time patterns, as locally).
 */
export function knowledgePageCsp(filesOrigin?: string): string {
  const files = filesOrigin ? [filesOrigin] : FILES_ORIGIN_PATTERNS;
  return `${API_CSP.replace('; frame-ancestors', `; img-src 'self' ${files.join(' ')}; frame-ancestors`)}`;
}

/** Headers on every answer of the web app (HTML and assets). */
export function appSecurityHeaders(indexHtml: string | undefined, filesOrigin?: string): Record<string, string> {
  return {
    'content-security-policy': appContentSecurityPolicy(indexHtml, filesOrigin),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
}

/** Headers on every API answer. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': API_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
