import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@urbangrid/contracts';
import type { FastifyReply } from 'fastify';
import { Database, migrationState } from '../../database/database';
import { APP_VERSION } from '../../version';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Database reachability, PostGIS version and migration state' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const body: HealthResponse = {
      status: 'ok',
      database: { driver: this.db.driver, reachable: false, postgisVersion: null, serverVersion: null },
      migrations: { applied: 0, pending: [], latest: null },
      version: APP_VERSION,
      uptimeSeconds: Math.round(process.uptime()),
    };
    try {
      const [row] = await this.db.query<{ postgis: string; server: string }>(
        `SELECT postgis_lib_version() AS postgis, current_setting('server_version') AS server`,
      );
      body.database = {
        ...body.database,
        reachable: true,
        postgisVersion: row.postgis,
        serverVersion: row.server,
      };
      body.migrations = await migrationState(this.db);
    } catch {
      body.status = 'degraded';
    }
    if (body.migrations.pending.length > 0) body.status = 'degraded';
    void reply.status(body.status === 'ok' ? 200 : 503);
    return body;
  }
}
