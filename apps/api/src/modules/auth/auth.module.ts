import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { DepartmentsController } from './departments.controller';
import { PrincipalService } from './principal.service';
import { listRouteAccess, undeclaredRoutes } from './route-access';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Warns at start about routes that declare no access (the guard refuses them with 403). */
@Injectable()
class RouteAccessAudit implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    for (const r of undeclaredRoutes(listRouteAccess(this.discovery, this.scanner, this.reflector))) {
      new Logger('Security').warn(
        `${r.method} ${r.path} (${r.controller}.${r.handler}) has neither @Roles() nor @Public(): it always answers 403`,
      );
    }
  }
}

/** 用户与权限 users, login, tokens and the global role guard. */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, UsersController, DepartmentsController],
  providers: [
    AuthRepository,
    UsersRepository,
    PrincipalService,
    AuthService,
    UsersService,
    RouteAccessAudit,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PrincipalService],
})
export class AuthModule {}
