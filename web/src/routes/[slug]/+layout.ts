import { ApiError } from '#lib/api.ts';
import { portalRequests } from '#lib/first-requests.ts';
import { maybeSignedIn, forgetSignedIn, signedInLanguage } from '#lib/session.ts';
import { lang, preloadLanguage, setAccountLanguage, setFallbackLanguage, setTimeZone, wantTexts } from '#lib/state.svelte.ts';
import type { Portal } from '#lib/types.ts';
import type { LayoutLoad } from './$types';

/**
 * Every tenant page: the portal's public face and who is signed in. A session of another
 * tenant counts as signed out here (`otherTenant` names it for a hint on the sign-in form).
 * Re-run with `invalidate('app:session')` after sign-in, sign-out or a branding change.
 * Resolves once the texts of the language shown are loaded.
 */
export const load: LayoutLoad = async ({ params, fetch, depends }) => {
  depends('app:session');
  const slug = params.slug.toLowerCase();
  const signedIn = maybeSignedIn();
  // The texts start with the API calls, in the language most likely shown (the account's last
  // known one, else the user's choice or the browser's); signed in, every page needs `more` too.
  if (signedIn) wantTexts('more');
  preloadLanguage(signedInLanguage() ?? lang());
  const first = portalRequests(slug, fetch);
  const [portalResult, meResult] = await Promise.allSettled([first.portal, first.me]);
  if (meResult.status === 'rejected' && meResult.reason instanceof ApiError && meResult.reason.status === 401) forgetSignedIn();

  let portal: Portal | null = null;
  let portalError: 'not_found' | 'unavailable' | null = null;
  if (portalResult.status === 'fulfilled') portal = portalResult.value;
  else if (portalResult.reason instanceof ApiError && (portalResult.reason.status === 404 || portalResult.reason.status === 400)) portalError = 'not_found';
  else portalError = 'unavailable';

  const anyMe = meResult.status === 'fulfilled' ? meResult.value : null;
  const me = anyMe && anyMe.tenant.slug === slug ? anyMe : null;
  const otherTenant = anyMe && !me ? anyMe.tenant.name : null;

  // Signed out, most visitors see only the sign-in page: its texts are `base`. The public pages
  // beyond it load `more` themselves (their +page.ts); signed in, every page needs `more`.
  if (me || portalError) wantTexts('more');
  // Signed in, the account's language wins over this device's earlier pick (it follows the user);
  // signed out here, this device's pick or the portal's.
  await Promise.all([setAccountLanguage(me?.user.language ?? null), setFallbackLanguage(portal?.defaultLanguage)]);
  setTimeZone(portal?.timeZone ?? me?.tenant.timeZone);

  return { slug, portal, portalError, me, otherTenant };
};
