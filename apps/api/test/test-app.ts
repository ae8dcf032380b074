import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory';
import { type AppConfig, loadConfig } from '../src/config/app-config';
import { authHeader, type TestCaller } from './auth-helpers';
import { openTestDatabase, type TestDatabase, type TestDriver } from './test-database';

export interface TestApp extends TestDatabase {
  app: NestFastifyApplication;
  config: AppConfig;
  /**
   * One request through Fastify's inject. `as` signs in first (a role's `test-<role>` user or a
   * full principal, see auth-helpers.ts); without it the app's `as` default applies; `as: null`
   * sends no token.
   */
  request(opts: {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
    as?: TestCaller | null;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    body: string;
    json<T = unknown>(): T;
  }>;
  close(): Promise<void>;
}

/** The real application on a fresh test database, driven through Fastify's inject (no socket). */
export async function startTestApp(
  opts: { driver?: TestDriver; env?: Record<string, string>; as?: TestCaller; webDir?: string } = {},
): Promise<TestApp> {
  const tdb = await openTestDatabase(opts.driver);
  const config = loadConfig(
    { DATA_DIR: tdb.dataDir, LOG_LEVEL: 'silent', ...(tdb.databaseUrl ? { DATABASE_URL: tdb.databaseUrl } : {}), ...opts.env },
    { webDir: opts.webDir ?? '/nonexistent-web-dir' },
  );
  const app = await createApp(config, tdb.db);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const t: TestApp = {
    ...tdb,
    app,
    config,
    async request({ method = 'GET', url, payload, headers, as }) {
      const caller = as === undefined ? opts.as : as;
      const auth = caller ? await authHeader(t, caller) : {};
      const res = await app.inject({
        method,
        url,
        payload: payload as string | object | undefined,
        headers: { ...auth, ...headers },
      });
      return { statusCode: res.statusCode, headers: res.headers, body: res.body, json: <T>() => res.json<T>() };
    },
    async close() {
      await app.close();
      await tdb.dispose();
    },
  };
  return t;
}
