import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BBox, Position } from '@urbangrid/contracts';
import { CLASS_PROFILES, type ClassProfile, GRID_CODE_SCHEMES, type GridCodeScheme } from '@urbangrid/domain';

/**
 * The one validated configuration of the API, read once at boot from environment variables.
 * Feature code receives this object; it never reads `process.env`.
 */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** When set, PostgreSQL/PostGIS at this URL replaces the embedded PGlite database. */
  databaseUrl: string | null;
  timeZone: string;
  cityName: string;
  cityNameEn: string | null;
  cityExtent: BBox;
  /** 单元网格编码 scheme of this city: 15 digits (6+3+3+3, default) or 14 (6+3+3+2). */
  gridCodeScheme: GridCodeScheme;
  /** Class table loaded into an empty database: the national baseline or the Beijing variant. */
  classProfile: ClassProfile;
  basemapUrl: string | null;
  jwtSecret: string;
  /** Secret the SM4/HMAC-SM3 keys for citizen data derive from (CITIZEN_DATA_SECRET). */
  citizenDataSecret: string;
  /**
   * Open311 key of the citizen web page (channel `public-web`, limited per IP): OPEN311_WEB_KEY,
   * else generated once under DATA_DIR/secrets. The page reads it from `/open311/v2/area.json`.
   */
  open311WebKey: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app served at `/`; null when it does not exist. */
  webDir: string | null;
  /** Path of a demo-city dataset (tools/demo-city) to load when the database is empty. */
  demoDataset: string | null;
  corsOrigins: string[];
  /** Largest import upload in bytes (IMPORT_MAX_BYTES, default 512 MiB). */
  importMaxBytes: number;
  /** Token lifetimes and login lockout (AUTH_* variables). */
  auth: AuthSettings;
  /** Intake de-duplication (spec 03 §5; CASE_* variables). */
  cases: CaseSettings;
  /** Photo and audio uploads (spec 08 §9; ATTACHMENT_* variables). */
  attachments: AttachmentSettings;
  /** Idempotency-Key handling (spec 08 §1; IDEMPOTENCY_* variables). */
  idempotency: IdempotencySettings;
}

export interface AttachmentSettings {
  /** ATTACHMENT_MAX_BYTES, default 10 MiB: largest photo. */
  maxBytes: number;
  /** ATTACHMENT_AUDIO_MAX_BYTES, default 2 MiB: "short audio" is a size limit (about 4 min of 64 kbit/s). */
  audioMaxBytes: number;
}

export interface IdempotencySettings {
  /**
   * IDEMPOTENCY_RETENTION_HOURS, default 168 (7 days, the inspector app's offline-queue age in
   * spec 08 §1), at least 24: keys are purged this long after their first use.
   */
  retentionHours: number;
  /** IDEMPOTENCY_RUNNING_TIMEOUT_SECONDS, default 120: a claim this old was abandoned (process died) and may be taken over. */
  runningTimeoutSeconds: number;
}

export interface CaseSettings {
  /** CASE_DUPLICATE_RADIUS_PUBLIC_M, default 250 (public reports). */
  duplicateRadiusPublicM: number;
  /** CASE_DUPLICATE_RADIUS_PATROL_M, default 1000 (inspector reports; FixMyStreet's figure). */
  duplicateRadiusPatrolM: number;
  /** CASE_DUPLICATE_WINDOW_HOURS, default 168: open cases reported this long ago or later. */
  duplicateWindowHours: number;
}

export interface AuthSettings {
  /** AUTH_ACCESS_TOKEN_MINUTES, default 15. */
  accessTokenSeconds: number;
  /** AUTH_REFRESH_TOKEN_DAYS, default 7: a session ends this long after its last refresh. */
  refreshTokenSeconds: number;
  /** AUTH_LOCKOUT_ATTEMPTS, default 5 failed logins in a row lock the account. */
  lockoutAttempts: number;
  /** AUTH_LOCKOUT_MINUTES, default 15. */
  lockoutSeconds: number;
}

/** A configuration problem: the process prints `message` on one line and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Default extent: the demo district in Hangzhou with room for the scaled benchmark city. */
const DEFAULT_EXTENT: BBox = [119.9, 30.1, 120.45, 30.55];

export function loadConfig(env: Env, defaults: { webDir: string }): AppConfig {
  const port = parsePort(env.PORT ?? '3000');
  const dataDir = resolve(env.DATA_DIR?.trim() || './.data');
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  const timeZone = parseTimeZone(env.CITY_TIME_ZONE ?? 'Asia/Shanghai');
  const cityExtent = env.CITY_EXTENT ? parseExtent(env.CITY_EXTENT) : DEFAULT_EXTENT;
  const basemapUrl = parseBasemapUrl(env.BASEMAP_URL);
  const classProfile = (env.CLASS_PROFILE?.trim() || 'national') as ClassProfile;
  if (!CLASS_PROFILES.includes(classProfile)) {
    throw new ConfigError(
      `CLASS_PROFILE must be one of ${CLASS_PROFILES.join(', ')}, got "${env.CLASS_PROFILE}"`,
    );
  }
  const gridCodeScheme = (env.GRID_CODE_SCHEME?.trim() || 'gbt30428-15') as GridCodeScheme;
  if (!(gridCodeScheme in GRID_CODE_SCHEMES)) {
    throw new ConfigError(
      `GRID_CODE_SCHEME must be one of ${Object.keys(GRID_CODE_SCHEMES).join(', ')}, got "${env.GRID_CODE_SCHEME}"`,
    );
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const cityName = (env.CITY_NAME ?? '杭州市拱墅区（演示）').trim();
  if (!cityName) throw new ConfigError('CITY_NAME must not be empty');
  const webDir = env.WEB_DIR ? resolve(env.WEB_DIR) : defaults.webDir;
  if (env.WEB_DIR && !existsSync(webDir)) throw new ConfigError(`WEB_DIR ${webDir} does not exist`);
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must list origins like https://example.org, got "${origin}"`);
    }
  }
  const demoDataset = env.DEMO_DATASET ? resolve(env.DEMO_DATASET) : null;
  if (demoDataset && !existsSync(demoDataset)) {
    throw new ConfigError(`DEMO_DATASET ${demoDataset} does not exist`);
  }
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    databaseUrl,
    timeZone,
    cityName,
    cityNameEn: env.CITY_NAME_EN?.trim() || (env.CITY_NAME ? null : 'Gongshu District, Hangzhou (demo)'),
    cityExtent,
    gridCodeScheme,
    classProfile,
    basemapUrl,
    jwtSecret: resolveSecret(
      'JWT_SECRET',
      'jwt-secret',
      env.JWT_SECRET,
      dataDir,
      databaseUrl,
      env.NODE_ENV === 'production',
    ),
    // Public by nature (it sits in a public page), so never required: each instance may mint one.
    open311WebKey: resolveSecret(
      'OPEN311_WEB_KEY',
      'open311-web-key',
      env.OPEN311_WEB_KEY,
      dataDir,
      databaseUrl,
      false,
    ),
    citizenDataSecret: resolveSecret(
      'CITIZEN_DATA_SECRET',
      'citizen-data-secret',
      env.CITIZEN_DATA_SECRET,
      dataDir,
      databaseUrl,
      env.NODE_ENV === 'production',
    ),
    logLevel,
    webDir: existsSync(webDir) ? webDir : null,
    demoDataset,
    corsOrigins,
    importMaxBytes: parseByteLimit(env.IMPORT_MAX_BYTES),
    auth: {
      accessTokenSeconds:
        60 * parseCount('AUTH_ACCESS_TOKEN_MINUTES', env.AUTH_ACCESS_TOKEN_MINUTES, 15, 1440),
      refreshTokenSeconds:
        86_400 * parseCount('AUTH_REFRESH_TOKEN_DAYS', env.AUTH_REFRESH_TOKEN_DAYS, 7, 365),
      lockoutAttempts: parseCount('AUTH_LOCKOUT_ATTEMPTS', env.AUTH_LOCKOUT_ATTEMPTS, 5, 100),
      lockoutSeconds: 60 * parseCount('AUTH_LOCKOUT_MINUTES', env.AUTH_LOCKOUT_MINUTES, 15, 1440),
    },
    cases: {
      duplicateRadiusPublicM: parseCount(
        'CASE_DUPLICATE_RADIUS_PUBLIC_M',
        env.CASE_DUPLICATE_RADIUS_PUBLIC_M,
        250,
        10_000,
      ),
      duplicateRadiusPatrolM: parseCount(
        'CASE_DUPLICATE_RADIUS_PATROL_M',
        env.CASE_DUPLICATE_RADIUS_PATROL_M,
        1000,
        10_000,
      ),
      duplicateWindowHours: parseCount(
        'CASE_DUPLICATE_WINDOW_HOURS',
        env.CASE_DUPLICATE_WINDOW_HOURS,
        168,
        24 * 366,
      ),
    },
    attachments: {
      maxBytes: parseCount(
        'ATTACHMENT_MAX_BYTES',
        env.ATTACHMENT_MAX_BYTES,
        10 * 1024 * 1024,
        1024 * 1024 * 1024,
      ),
      audioMaxBytes: parseCount(
        'ATTACHMENT_AUDIO_MAX_BYTES',
        env.ATTACHMENT_AUDIO_MAX_BYTES,
        2 * 1024 * 1024,
        1024 * 1024 * 1024,
      ),
    },
    idempotency: {
      retentionHours: parseIdempotencyRetention(env.IDEMPOTENCY_RETENTION_HOURS),
      runningTimeoutSeconds: parseCount(
        'IDEMPOTENCY_RUNNING_TIMEOUT_SECONDS',
        env.IDEMPOTENCY_RUNNING_TIMEOUT_SECONDS,
        120,
        86_400,
      ),
    },
  };
}

/** Keys must live at least 24 h (spec 08 §1); at most a year. */
function parseIdempotencyRetention(raw: string | undefined): number {
  const hours = parseCount('IDEMPOTENCY_RETENTION_HOURS', raw, 168, 24 * 366);
  if (hours < 24) throw new ConfigError(`IDEMPOTENCY_RETENTION_HOURS must be at least 24, got "${raw}"`);
  return hours;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 1 to 65535, got "${raw}"`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}//"`,
    );
  }
  return raw;
}

function parseTimeZone(raw: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
  } catch {
    throw new ConfigError(`CITY_TIME_ZONE "${raw}" is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  return raw;
}

export function parseExtent(raw: string): BBox {
  const parts = raw.split(',').map((s) => Number(s.trim()));
  const [minLon, minLat, maxLon, maxLat] = parts;
  const ok =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon < maxLon &&
    minLat < maxLat;
  if (!ok) {
    throw new ConfigError(`CITY_EXTENT must be "minLon,minLat,maxLon,maxLat" in degrees, got "${raw}"`);
  }
  return [minLon, minLat, maxLon, maxLat];
}

function parseBasemapUrl(raw: string | undefined): string | null {
  if (!raw?.trim()) return null;
  const ok = /^https?:\/\//.test(raw) && raw.includes('{z}') && raw.includes('{x}') && raw.includes('{y}');
  if (!ok) throw new ConfigError('BASEMAP_URL must be an http(s) tile template containing {z}, {x} and {y}');
  return raw;
}

/**
 * A secret from its variable, else from DATA_DIR/secrets/<file>, generated on first start (a
 * single embedded instance keeps working across restarts). Production with a server database
 * must set it: several instances need the same value.
 */
function resolveSecret(
  name: string,
  fileName: string,
  raw: string | undefined,
  dataDir: string,
  databaseUrl: string | null,
  production: boolean,
): string {
  if (raw !== undefined) {
    if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters`);
    return raw;
  }
  const file = join(dataDir, 'secrets', fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (databaseUrl && production) {
    throw new ConfigError(`${name} must be set when DATABASE_URL is used in production`);
  }
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function extentCenter(extent: BBox): Position {
  return [(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2];
}

/** Nest injection token of the AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

function parseByteLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 512 * 1024 * 1024;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError(`IMPORT_MAX_BYTES must be a positive integer (bytes), got "${raw}"`);
  }
  return n;
}

/** A whole number from 1 to `max`, or `fallback` when unset. */
function parseCount(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > max) {
    throw new ConfigError(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  }
  return n;
}
