import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RoleCode } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { verifyJwt } from './jwt';
import type { AuthUser } from './principal';
import { PrincipalService } from './principal.service';

/**
 * The global guard (APP_GUARD): closed by default. A route runs only when it is `@Public()`, or
 * the request carries a valid bearer access token of a live session AND the route's `@Roles()`
 * include the caller's role. No token or a bad one → 401; wrong role or a route without
 * `@Roles()` → 403 (fail closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | string[] | undefined>;
      method: string;
      url: string;
      user?: AuthUser;
    }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header) : null;
    if (!match) {
      throw new ApiError('AUTH.UNAUTHENTICATED', 'sign in first: send Authorization: Bearer <access token>');
    }
    const claims = verifyJwt(match[1], this.config.jwtSecret, Math.floor(Date.now() / 1000));
    if (!claims) throw new ApiError('AUTH.TOKEN_INVALID', 'the access token is invalid or expired');
    const user = await this.principals.resolve(claims);
    if (!user) throw new ApiError('AUTH.TOKEN_INVALID', 'the session has ended; sign in again');

    const roles = this.reflector.getAllAndOverride<RoleCode[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(user.role)) {
      // ASVS 16.3.2: failed authorisation is a security event (ids only, no user text).
      this.logger.warn({ event: 'auth.forbidden', userId: user.id, role: user.role, method: request.method, route: request.url.split('?')[0] });
      throw new ApiError(
        'AUTH.FORBIDDEN',
        roles ? `this action is not allowed for the role ${user.role}` : 'this route declares no roles',
      );
    }
    request.user = user;
    return true;
  }
}
