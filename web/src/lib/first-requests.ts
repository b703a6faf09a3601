/**
 * A tenant page's first two requests (the portal's face and who is signed in), started by the
 * root layout the moment the app boots: the tenant layout's own module arrives one round trip
 * later, and on a slow phone that round trip delays the first paint. The tenant layout takes
 * them once; its later runs (after sign-in, a branding change) ask again.
 */
import { api, ApiError } from '#lib/api.ts';
import { maybeSignedIn } from '#lib/session.ts';
import type { Me, Portal } from '#lib/types.ts';

export interface PortalRequests {
  portal: Promise<Portal>;
  /** Rejected with a 401 at once when no session marker exists: `/me` would only answer that. */
  me: Promise<Me>;
}

let started: { slug: string; requests: PortalRequests } | undefined;

function request(slug: string, fetch?: typeof globalThis.fetch): PortalRequests {
  const portal = api<Portal>(`/portals/${encodeURIComponent(slug)}`, { fetch, allow401: true });
  const me = maybeSignedIn() ? api<Me>('/me', { fetch, allow401: true }) : Promise.reject(new ApiError(401, {}));
  // whoever takes them handles their failures; until then they must not count as unhandled
  portal.catch(() => {});
  me.catch(() => {});
  return { portal, me };
}

/** Starts the requests of portal `slug` (the root layout, on the first page of a tenant). */
export function startPortalRequests(slug: string): void {
  const s = slug.toLowerCase();
  started = { slug: s, requests: request(s) };
}

/** The requests of portal `slug`: those already started for it, else new ones. */
export function portalRequests(slug: string, fetch: typeof globalThis.fetch): PortalRequests {
  const ready = started?.slug === slug ? started.requests : undefined;
  started = undefined;
  return ready ?? request(slug, fetch);
}
