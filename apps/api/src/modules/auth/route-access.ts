import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { RoleCode } from '@urbangrid/contracts';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/** One HTTP route of the application and who may call it. */
export interface RouteAccess {
  controller: string;
  handler: string;
  method: string;
  path: string;
  public: boolean;
  roles: RoleCode[] | null;
}

/** Every route handler of every controller, with its `@Public()` / `@Roles()` declaration. */
export function listRouteAccess(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): RouteAccess[] {
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | null;
    const instance = wrapper.instance as object | null;
    if (!type || !instance) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue; // not a route
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const targets = [handler, type];
      routes.push({
        controller: type.name,
        handler: name,
        method: RequestMethod[method],
        path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
        public: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true,
        roles: reflector.getAllAndOverride<RoleCode[] | undefined>(ROLES_KEY, targets) ?? null,
      });
    }
  }
  return routes;
}

/** Routes that declare neither `@Public()` nor `@Roles()`: the guard refuses them all (403). */
export function undeclaredRoutes(routes: readonly RouteAccess[]): RouteAccess[] {
  return routes.filter((r) => !r.public && (!r.roles || r.roles.length === 0));
}
