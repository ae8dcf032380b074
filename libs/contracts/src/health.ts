/** GET /api/health */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: {
    driver: 'pglite' | 'postgres';
    reachable: boolean;
    /** `postgis_lib_version()`, null when unreachable. */
    postgisVersion: string | null;
    /** `SHOW server_version`, null when unreachable. */
    serverVersion: string | null;
  };
  migrations: {
    applied: number;
    pending: string[];
    latest: string | null;
  };
  version: string;
  uptimeSeconds: number;
}
