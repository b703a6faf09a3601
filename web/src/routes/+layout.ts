// A static single-page app: no server rendering, no prerendering; the fallback page boots every route.
export const ssr = false;
export const prerender = false;
// Keep addresses exactly as typed or mailed (`/{slug}/`, `/{slug}/verify?token=…`).
export const trailingSlash = 'ignore';
