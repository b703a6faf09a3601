import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/**
 * The `?token=` of a mailed link (verify, reset, invite), read once when the page starts.
 * Call `dropLinkToken()` from `onMount` afterwards: the token must not stay in the address bar,
 * where it would remain in the history, be bookmarked or be sent on in `Referer` headers.
 */
export function linkToken(): string | null {
  return page.url.searchParams.get('token');
}

/**
 * Takes `token` out of the address bar without navigating (the current history entry is
 * replaced; the page, its loaded data and the token already read stay as they are).
 * `replaceState` (shallow routing) rather than `history.replaceState`, which SvelteKit's router
 * does not know about; it runs no navigation hooks, so it cannot cut into the navigation that
 * has just mounted the page, as `goto(…, { shallow: true })` could.
 */
export function dropLinkToken(): void {
  const url = new URL(page.url.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- the page's own URL (the router resolved it) minus the token
  void replaceState(url, page.state).catch(() => {
    // the router refused (it should not): the address bar then keeps the token, nothing breaks
  });
}
