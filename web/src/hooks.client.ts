/**
 * Runs once when the app boots in the browser, before the router has fetched the page's
 * modules: a tenant page's portal and session requests and its texts start here (see
 * first-requests.ts), a round trip before the tenant layout would start them.
 */
import type { ClientInit } from '@sveltejs/kit/hooks';
import { startPortalRequests } from '#lib/first-requests.ts';
import { maybeSignedIn, signedInLanguage } from '#lib/session.ts';
import { lang, preloadLanguage, wantTexts } from '#lib/state.svelte.ts';
import { hasSlugShape } from '#shared/tenancy/constants.ts';

export const init: ClientInit = () => {
  // a tenant page's first path segment is its slug; `signup` is the app's own page
  const slug = location.pathname.split('/')[1] ?? '';
  if (!hasSlugShape(slug) || slug.toLowerCase() === 'signup') return;
  startPortalRequests(slug);
  // and the texts the tenant layout will want (signed in: every page needs `more`)
  if (maybeSignedIn()) wantTexts('more');
  preloadLanguage(signedInLanguage() ?? lang());
};
