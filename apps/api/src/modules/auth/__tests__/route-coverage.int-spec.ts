import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ROLE_CODES } from '@urbangrid/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import { listRouteAccess, type RouteAccess, undeclaredRoutes } from '../route-access';

/**
 * Walks every route of the real application: each must declare `@Roles(...)` or `@Public()`.
 * A new endpoint without either fails here (and the guard answers it 403 at run time).
 */
describe('every route declares who may call it', () => {
  let t: TestApp;
  let routes: RouteAccess[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = listRouteAccess(t.app.get(DiscoveryService), t.app.get(MetadataScanner), t.app.get(Reflector));
  });
  afterAll(async () => t?.close());

  it('finds the routes of every controller', () => {
    // Sanity: the walk sees the modules built so far (city, regions, classes, components, auth…).
    expect(routes.length).toBeGreaterThan(35);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/api/health', public: true }),
    );
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'PUT', path: '/regions/:level/:code', roles: ['admin'] }),
    );
  });

  it('has no route without @Roles() or @Public()', () => {
    expect(
      undeclaredRoutes(routes).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`),
    ).toEqual([]);
  });

  it('is public only for health, the sign-in endpoints and Open311 (its own API keys and per-IP limits)', () => {
    const open = routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`);
    expect(open.filter((r) => !r.includes('/open311/v2/')).sort()).toEqual([
      'GET /api/health',
      'POST /auth/login',
      'POST /auth/logout',
      'POST /auth/refresh',
    ]);
    // GeoReport v2 (spec 07): reads are open to citizens, writes take an API key checked by the module.
    expect(open.filter((r) => r.includes('/open311/v2/')).sort()).toEqual([
      'ALL /open311/v2/*',
      'GET /open311/v2/area.json,area.xml',
      'GET /open311/v2/discovery.json,discovery.xml',
      'GET /open311/v2/media/:id',
      'GET /open311/v2/requests.json,requests.xml',
      'GET /open311/v2/requests/:file',
      'GET /open311/v2/services.json,services.xml',
      'GET /open311/v2/services/:file',
      'GET /open311/v2/tokens/:file',
      'POST /open311/v2/media.json,media.xml',
      'POST /open311/v2/requests.json,requests.xml',
    ]);
  });

  it('names only known roles', () => {
    const roles = new Set(routes.flatMap((r) => r.roles ?? []));
    expect([...roles].filter((r) => !(ROLE_CODES as readonly string[]).includes(r))).toEqual([]);
  });

  it('answers a route without @Roles() with 403 for every role (fail closed)', async () => {
    // Prove the guard's own rule with the real app: strip the roles of one route at run time.
    const ctl = routes.find((r) => r.path === '/city' && r.method === 'GET');
    expect(ctl).toBeDefined();
    const { CityController } = await import('../../city/city.controller');
    const handler = CityController.prototype.info;
    const saved = Reflect.getMetadata('urbangrid:roles', handler) as unknown;
    Reflect.deleteMetadata('urbangrid:roles', handler);
    try {
      const res = await t.request({ url: '/api/v1/city', as: 'admin' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'AUTH.FORBIDDEN', message: 'this route declares no roles' });
    } finally {
      Reflect.defineMetadata('urbangrid:roles', saved, handler);
    }
    expect((await t.request({ url: '/api/v1/city', as: 'admin' })).statusCode).toBe(200);
  });
});
