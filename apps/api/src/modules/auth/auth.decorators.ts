import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ROLE_CODES, type RoleCode } from '@urbangrid/contracts';
import type { AuthUser } from './principal';

export const IS_PUBLIC_KEY = 'urbangrid:public';
export const ROLES_KEY = 'urbangrid:roles';

/** No token needed (health, login, refresh). Use sparingly: everything else is closed by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The roles allowed to call a route. Every route must carry `@Roles(...)` or `@Public()`; the
 * global AuthGuard refuses (403) a route without either, and a test walks all routes.
 */
export const Roles = (...roles: RoleCode[]): MethodDecorator & ClassDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return SetMetadata(ROLES_KEY, roles);
};

/** Every role of the system, for reads any signed-in user may make. */
export const ALL_ROLES: readonly RoleCode[] = ROLE_CODES;

/** Shorthand for `@Roles(...ALL_ROLES)`: any signed-in user. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles(...ALL_ROLES);

/** The request's authenticated user (set by the AuthGuard). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) throw new Error('@CurrentUser() used on a route without authentication');
  return request.user;
});
