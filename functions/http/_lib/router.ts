/**
 * An area's router: method and path of a request → the operation of the route table and its
 * path parameters. Matching is hono's TrieRouter (literal segments before parameters, as in
 * API Gateway); this file only translates the table's OpenAPI templates (`{number}`) into
 * hono's (`:number`) and tells 404 from 405.
 */
import { TrieRouter } from 'hono/router/trie-router';
import type { RouteDef } from '../../../shared/http/routes.ts';

export type Match =
  { kind: 'found'; route: RouteDef; params: Record<string, string> } | { kind: 'not_found' } | { kind: 'method_not_allowed'; allow: string[] };

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** A matcher over these routes (built once per function instance, used per request). */
export function routerOf(routes: readonly RouteDef[]): (method: string, path: string) => Match {
  const router = new TrieRouter<RouteDef>();
  for (const r of routes) router.add(r.method, r.path.replace(/\{(\w+)\}/g, ':$1'), r);
  const methods = [...new Set(routes.map((r) => r.method))];
  // hono lists every route that matches, in the order they were added: the most literal one
  // (fewest parameters) wins, so `/tickets/counts` is not read as ticket number "counts".
  const params = (r: RouteDef) => (r.path.match(/\{/g) ?? []).length;
  const lookup = (method: string, path: string) =>
    (router.match(method, path)[0] as [RouteDef, Record<string, string>][]).reduce<[RouteDef, Record<string, string>] | undefined>(
      (best, hit) => (!best || params(hit[0]) < params(best[0]) ? hit : best),
      undefined,
    );

  return (method, path) => {
    const hit = lookup(method, path);
    if (hit) return { kind: 'found', route: hit[0], params: Object.fromEntries(Object.entries(hit[1]).map(([k, v]) => [k, decode(v)])) };
    const allow = methods.filter((m) => m !== method && lookup(m, path));
    return allow.length > 0 ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
  };
}
