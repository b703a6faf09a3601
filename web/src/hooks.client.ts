/**
 * Runs once when the app boots in the browser, before the router has fetched the page's
 * modules: a tenant page's portal and session requests and its texts start here (see
 * first-requests.ts), a round trip before the tenant layout would start them.
 */
import type { ClientInit } from '@sveltejs/kit/hooks';
import { startPortalRequests } from '#lib/first-requests.ts';
import { maybeSignedIn, signedInLanguage } from '#lib/session.ts';
import { lang, preloadLanguage, wantTexts } from '#lib/state.svelte.ts';

// what a tenant's address looks like (shared/tenancy/schemas.ts `Slug`); `signup` is the app's own page
const TENANT_PAGE = /^\/([a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9])(?:\/|$)/i;

export const init: ClientInit = () => {
  const slug = TENANT_PAGE.exec(location.pathname)?.[1];
  if (!slug || slug.toLowerCase() === 'signup') return;
  startPortalRequests(slug);
  // and the texts the tenant layout will want (signed in: every page needs `more`)
  if (maybeSignedIn()) wantTexts('more');
  preloadLanguage(signedInLanguage() ?? lang());
};
