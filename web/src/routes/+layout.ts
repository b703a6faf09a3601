import { needTexts } from '#lib/state.svelte.ts';
import type { LayoutLoad } from './$types';

// A static single-page app: no server rendering, no prerendering; the fallback page boots every route.
export const ssr = false;
export const prerender = false;
// Keep addresses exactly as typed or mailed (`/{slug}/`, `/{slug}/verify?token=…`).
export const trailingSlash = 'ignore';

/**
 * The first page's texts (`base`). Inside a portal its layout does that, once the portal's
 * language is known; elsewhere (the landing page, sign-up, an unknown address) here.
 */
export const load: LayoutLoad = async ({ route, untrack }) => {
  if (!untrack(() => route.id)?.startsWith('/[slug]')) await needTexts();
};
