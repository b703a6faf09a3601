import { describe, expect, it } from 'vitest';
import { compileRoutes, matchingRoutes } from '../../infra/local/server.ts';
import { AREAS, areaOf, gatewayRoutes, routes } from '../../shared/http/routes.ts';

/** API Gateway's routes, matched as API Gateway matches them (the local server's matcher). */
const gateway = compileRoutes(gatewayRoutes.map((g) => ({ method: g.method, path: g.path, handler: g.area })));
const areaFor = (path: string) => matchingRoutes(gateway, path).map((c) => c.route.handler);
const example = (template: string) => template.replace(/\{\w+\}/g, '42');

describe('the route table as API Gateway sees it: a few prefixes per area', () => {
  it('sends every operation to the function of its own area, and only there', () => {
    for (const r of routes) expect(areaFor(example(r.path)), r.operationId).toEqual([areaOf(r)]);
  });

  it('a portal’s own page goes to tenancy, what happens under it (sign-in, registration) to auth', () => {
    expect(areaFor('/api/v1/portals/acme')).toEqual(['tenancy']);
    expect(areaFor('/api/v1/portals/acme/login')).toEqual(['auth']);
    expect(areaFor('/api/v1/portals/acme/some/deeper/thing')).toEqual(['auth']);
  });

  it('every gateway route serves at least one operation, every area has one', () => {
    for (const g of gatewayRoutes) {
      expect(
        routes.some((r) => areaOf(r) === g.area && matchingRoutes(compileRoutes([{ ...g, handler: g.area }]), example(r.path)).length > 0),
        g.path,
      ).toBe(true);
    }
    expect(new Set(gatewayRoutes.map((g) => g.area))).toEqual(new Set(AREAS));
  });

  it('a path outside every prefix reaches no function', () => {
    for (const p of ['/api/v1/nowhere', '/api/v1', '/api/v2/tickets', '/api/v1/tickets/']) expect(areaFor(p), p).toEqual([]);
  });

  it('every operation has a unique id and a unique method and path', () => {
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
  });
});
