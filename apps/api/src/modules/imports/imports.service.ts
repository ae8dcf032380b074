import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  IMPORT_FORMATS,
  IMPORT_KINDS,
  type ErrorDetail,
  type ImportFormat,
  type ImportJob,
  type ImportKind,
  type ImportSummary,
  REGION_LEVELS,
  type RegionLevel,
} from '@urbangrid/contracts';
import { DomainError, parseGridCode, REGION_CODE_LENGTHS } from '@urbangrid/domain';
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { GridQualityRepository, type StagedRegion } from '../regions/quality/grid-quality.repository';
import { GridQualityService } from '../regions/quality/grid-quality.service';
import { todayIn } from '../regions/regions.service';
import { ImportsRepository } from './imports.repository';
import { saveUpload, UploadTooLargeError } from './imports.upload';
import {
  type FeatureSource,
  geoJsonSource,
  mapPolygon,
  polygonShapeProblem,
  type RawFeature,
  shapefileSource,
} from './readers/feature-source';
import { CrsError, parseCrsName, type SourceCrs } from './readers/source-crs';
import { ComponentImporter } from './component-importer';
import { type ImportParams, ProblemList, text, lowerKeys } from './import-problems';

/** Progress is written every this many features, and rows are staged in batches of this size. */
const PROGRESS_EVERY = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StartImportQuery {
  kind?: string;
  format?: string;
  level?: string;
  validFrom?: string;
  crs?: string;
  fileName?: string;
}

/**
 * 数据导入 imports of regions and components. The upload is stored under DATA_DIR/imports/<id>;
 * the work runs in the background of this process: read and check every feature (staged in
 * `region_staging` for the SQL and layout checks), and only when nothing is wrong apply the whole
 * file in one transaction. GET /imports/:id reports progress and every problem with its index.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly log = new Logger(ImportsService.name);
  private readonly work = new Map<string, Promise<void>>();
  private readonly quality: GridQualityService;
  private readonly staging: GridQualityRepository;

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly repo: ImportsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.staging = new GridQualityRepository(db);
    this.quality = new GridQualityService(this.staging, config);
  }

  async onModuleInit(): Promise<void> {
    await this.repo.failInterrupted();
  }

  /** Checks the parameters, stores the body and starts the job; answers at once with the queued job. */
  async start(query: StartImportQuery, body: unknown, contentLength: number | null): Promise<ImportJob> {
    const params = this.parseParams(query);
    if (!isReadable(body)) {
      throw new ApiError(
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        'send the file as the raw request body with Content-Type application/octet-stream (or application/zip, text/csv, application/geo+json)',
      );
    }
    const max = this.config.importMaxBytes;
    if (contentLength !== null && contentLength > max) {
      body.resume();
      throw new ApiError('IMPORT.TOO_LARGE', `the file has ${contentLength} bytes; the limit is ${max}`);
    }
    await this.assertIdle(params.kind);
    const id = randomUUID();
    const dir = join(this.config.dataDir, 'imports');
    await mkdir(dir, { recursive: true });
    const path = join(dir, id);
    let size: number;
    try {
      size = await saveUpload(body, path, max);
    } catch (err) {
      if (err instanceof UploadTooLargeError) throw new ApiError('IMPORT.TOO_LARGE', err.message);
      throw err;
    }
    if (size === 0) {
      await rm(path, { force: true });
      throw new ApiError('IMPORT.PARAMS_INVALID', 'the uploaded file is empty');
    }
    const created = await this.db.transaction((tx) =>
      new ImportsRepository(tx).createJob({
        id,
        kind: params.kind,
        format: params.format,
        fileName: params.fileName,
        params: { ...params },
      }),
    );
    if (!created) {
      // Another upload of the kind started while this one was being received.
      await rm(path, { force: true });
      await this.assertIdle(params.kind);
      throw new ApiError(
        'IMPORT.BUSY',
        `another import of ${params.kind} is still running; retry when it ends`,
      );
    }
    const run = this.run(id, params, path, size)
      // run() records its own failures; this only catches a database lost while recording one.
      .catch((err: unknown) => this.log.error(`import ${id} could not be finished`, String(err)))
      .finally(() => this.work.delete(id));
    this.work.set(id, run);
    return this.get(id);
  }

  async get(id: string): Promise<ImportJob> {
    if (!UUID.test(id)) throw new ApiError('IMPORT.NOT_FOUND', `no import ${id}`);
    const job = await this.repo.findJob(id);
    if (!job) throw new ApiError('IMPORT.NOT_FOUND', `no import ${id}`);
    return job;
  }

  list(): Promise<ImportJob[]> {
    return this.repo.recentJobs(50);
  }

  /** Resolves when the background work of `id` has ended (tests, shutdown). */
  async settled(id: string): Promise<ImportJob> {
    await this.work.get(id);
    return this.get(id);
  }

  private async assertIdle(kind: ImportKind): Promise<void> {
    const busy = await this.repo.runningJobOfKind(kind);
    if (busy)
      throw new ApiError('IMPORT.BUSY', `import ${busy} of ${kind} is still running; retry when it ends`);
  }

  private parseParams(q: StartImportQuery): ImportParams {
    const bad: ErrorDetail[] = [];
    const kind = q.kind as ImportKind;
    if (!IMPORT_KINDS.includes(kind))
      bad.push({ field: 'kind', message: `must be one of ${IMPORT_KINDS.join(', ')}` });
    const format = q.format as ImportFormat;
    if (!IMPORT_FORMATS.includes(format)) {
      bad.push({ field: 'format', message: `must be one of ${IMPORT_FORMATS.join(', ')}` });
    } else if (kind === 'regions' && format === 'csv') {
      bad.push({ field: 'format', message: 'regions are imported from geojson or shapefile' });
    } else if (kind === 'components' && format === 'shapefile') {
      bad.push({ field: 'format', message: 'components are imported from csv or geojson' });
    }
    const level = (q.level ?? null) as RegionLevel | null;
    if (level !== null && !REGION_LEVELS.includes(level)) {
      bad.push({ field: 'level', message: `must be one of ${REGION_LEVELS.join(', ')}` });
    }
    const today = todayIn(this.config.timeZone);
    const validFrom = q.validFrom ?? today;
    if (!DATE.test(validFrom) || Number.isNaN(Date.parse(validFrom))) {
      bad.push({ field: 'validFrom', message: 'must be a date YYYY-MM-DD' });
    } else if (validFrom > today) {
      bad.push({ field: 'validFrom', message: `must not be in the future (today is ${today})` });
    }
    if (q.crs !== undefined) {
      try {
        parseCrsName(q.crs);
      } catch (e) {
        if (!(e instanceof CrsError)) throw e;
        bad.push({ field: 'crs', message: e.message });
      }
    }
    const fileName = q.fileName?.trim() ? q.fileName.trim().slice(0, 255) : null;
    if (bad.length > 0) {
      throw new ApiError('IMPORT.PARAMS_INVALID', bad.map((b) => `${b.field} ${b.message}`).join('; '), bad);
    }
    return { kind, format, level, validFrom, crs: q.crs ?? null, fileName };
  }

  private async run(id: string, p: ImportParams, path: string, size: number): Promise<void> {
    try {
      await this.repo.progress(id, { status: 'validating', processed: 0, percent: 0 });
      if (p.kind === 'regions') await this.importRegions(id, p, path, size);
      else {
        const importer = new ComponentImporter(this.db, this.repo, this.config);
        await importer.run(id, p, path, size);
      }
    } catch (err) {
      const reason = readableFailure(err);
      if (reason === null)
        this.log.error(`import ${id} failed`, err instanceof Error ? err.stack : String(err));
      await this.repo.finish(id, {
        status: reason === null ? 'failed' : 'invalid',
        errors: [{ index: -1, reason: reason ?? 'internal error while importing; see the server log' }],
        errorCount: 1,
        warnings: [],
        summary: null,
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Regions

  private async importRegions(id: string, p: ImportParams, path: string, size: number): Promise<void> {
    const fallback = p.crs ? parseCrsName(p.crs) : null;
    let read = 0;
    let fraction = 0;
    const source: FeatureSource =
      p.format === 'shapefile'
        ? await shapefileSource(path, fallback, (f) => (fraction = f))
        : geoJsonSource(path, size, fallback ?? parseCrsName('EPSG:4326'), (f) => (fraction = f));
    const errors = new ProblemList();
    const byCode = new Map<string, { index: number; level: RegionLevel; parentCode: string | null }>();
    let pending: StagedRegion[] = [];
    const flush = async () => {
      if (pending.length > 0) await this.staging.stageRegions(id, pending);
      pending = [];
    };
    try {
      for await (const f of source.features) {
        read++;
        const row = this.regionRow(f, p, source.crs, errors);
        if (row) {
          pending.push(row);
          if (!byCode.has(row.code))
            byCode.set(row.code, { index: f.index, level: row.level, parentCode: row.parentCode });
        }
        if (pending.length >= PROGRESS_EVERY) await flush();
        if (read % PROGRESS_EVERY === 0) {
          await this.repo.progress(id, { processed: read, percent: 90 * fraction });
        }
      }
      await flush();
      await this.repo.progress(id, { total: read, processed: read, percent: 90 });

      for (const s of await this.repo.stagedRegionProblems(id, this.config.cityExtent, p.validFrom)) {
        errors.add({ index: s.line_no, code: s.code, reason: s.reason });
      }
      const warnings = new ProblemList();
      // Layout checks (overlap, gap, outside community…) only over individually sound features:
      // a broken outline would be reported again as overlaps of its neighbours.
      if (errors.count === 0 && read > 0) {
        const report = await this.quality.check({ stagingBatchId: id, date: todayIn(this.config.timeZone) });
        for (const finding of report.findings) {
          if (PER_FEATURE_CHECKS.has(finding.check)) continue;
          const index = findingIndex(finding.codes, byCode);
          if (index === null) continue; // about rows already in force only, not this file
          const problem = { index, code: finding.codes[0], reason: finding.message };
          (finding.severity === 'error' ? errors : warnings).add(problem);
        }
      }
      await this.repo.progress(id, { processed: read, percent: 95 });
      if (read === 0) errors.add({ index: -1, reason: 'the file holds no features' });
      if (errors.count > 0) {
        await this.repo.finish(id, {
          status: 'invalid',
          errors: errors.sorted(),
          errorCount: errors.count,
          warnings: warnings.sorted(),
          summary: null,
        });
        return;
      }
      await this.repo.progress(id, { status: 'applying', processed: read, percent: 95 });
      const applied = await this.db.transaction((tx) =>
        new ImportsRepository(tx).applyRegionBatch(id, p.validFrom, `import ${id}`),
      );
      const summary: ImportSummary = { read, ...applied };
      await this.repo.finish(id, {
        status: 'done',
        errors: [],
        errorCount: 0,
        warnings: warnings.sorted(),
        summary,
      });
    } finally {
      await this.repo.dropRegionBatch(id);
    }
  }

  /** The staged row of one feature, or null after adding its problems to `errors`. */
  private regionRow(
    f: RawFeature,
    p: ImportParams,
    crs: SourceCrs,
    errors: ProblemList,
  ): StagedRegion | null {
    if (f.error) {
      errors.add({ index: f.index, reason: f.error });
      return null;
    }
    const props = lowerKeys(f.properties);
    const code = text(props.code);
    const fail = (reason: string) => {
      errors.add({ index: f.index, ...(code ? { code } : {}), reason });
      return null;
    };
    const level = (text(props.level) || p.level) as RegionLevel | '';
    if (!level) return fail('no level: give a "level" property or the level parameter');
    if (!REGION_LEVELS.includes(level)) return fail(`unknown level "${level}"`);
    if (!code) return fail('no code');
    const scheme = this.config.gridCodeScheme;
    let prefix: string | null = null;
    if (level === 'grid') {
      try {
        prefix = parseGridCode(code, scheme).communityCode;
      } catch (e) {
        if (e instanceof DomainError) return fail(e.message);
        throw e;
      }
    } else {
      const len = REGION_CODE_LENGTHS[level];
      if (!new RegExp(`^\\d{${len}}$`).test(code))
        return fail(`${level} code must be ${len} digits, got "${code}"`);
      prefix = level === 'district' ? null : code.slice(0, level === 'street' ? 6 : 9);
    }
    const given = text(props.parentcode ?? props.parent_code ?? props.parent_cod ?? props.parent);
    if (given && given !== prefix) return fail(`code ${code} does not start with its parent code ${given}`);
    const name = text(props.name);
    if (!name) return fail('no name');
    const shape = polygonShapeProblem(f.geometry);
    if (shape) return fail(shape);
    const geometry = mapPolygon(f.geometry as Parameters<typeof mapPolygon>[0], (x, y) => crs.toLonLat(x, y));
    return {
      level,
      code,
      codeScheme: level === 'grid' ? scheme : ADMIN_CODE_SCHEME[level],
      name,
      parentCode: prefix,
      geometry,
      lineNo: f.index,
    };
  }
}

/** Code schemes stored with the administrative levels (as the demo seed stores them). */
const ADMIN_CODE_SCHEME: Record<Exclude<RegionLevel, 'grid'>, string> = {
  district: 'gbt2260-6',
  street: 'gbt10114-9',
  community: 'community-12',
};

/** Checks already made per feature (with its index) before the layout checks run. */
const PER_FEATURE_CHECKS = new Set(['invalid-geometry', 'duplicate-code', 'code-parent-mismatch']);

/** The feature a layout finding is about: its first code in the file, or a grid of the community in the file. */
function findingIndex(
  codes: readonly string[],
  byCode: ReadonlyMap<string, { index: number; level: RegionLevel; parentCode: string | null }>,
): number | null {
  for (const c of codes) {
    const hit = byCode.get(c);
    if (hit) return hit.index;
  }
  let best: number | null = null;
  for (const row of byCode.values()) {
    if (row.parentCode !== null && codes.includes(row.parentCode) && (best === null || row.index < best))
      best = row.index;
  }
  return best;
}

function isReadable(v: unknown): v is Readable {
  return (
    !!v &&
    typeof v === 'object' &&
    typeof (v as Readable).pipe === 'function' &&
    typeof (v as Readable).resume === 'function'
  );
}

/** A reason to show the user for a file that cannot be read or applied, or null for an internal failure. */
function readableFailure(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  // A domain rule broken at apply time (e.g. a grid retired between the checks and the write).
  if (err instanceof DomainError) return err.message;
  const known = [
    'GeoJsonFormatError',
    'ShapefileFormatError',
    'ZipFormatError',
    'CrsError',
    'DuplicateComponentCodeError',
  ];
  return known.includes(err.name) ? err.message : null;
}
