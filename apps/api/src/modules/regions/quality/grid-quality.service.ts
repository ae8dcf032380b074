import { Inject, Injectable } from '@nestjs/common';
import type { GridQualityReport, RegionLevel } from '@urbangrid/contracts';
import {
  codeParentProblem,
  countByCheck,
  QUALITY_CHECK_LEVEL,
  type QualityCheck,
  type QualityFinding,
  type QualityLevel,
  type QualityParams,
  resolveQualityParams,
  sequenceOrderProblems,
  toFinding,
} from '@urbangrid/domain';
import { ApiError } from '../../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { todayIn } from '../regions.service';
import { GridQualityRepository, type QualitySnapshot, type QualitySource } from './grid-quality.repository';

export interface GridQualityRequest {
  /** Layout date (YYYY-MM-DD); today in the city's time zone when absent. */
  date?: string;
  /** Only findings about this level. */
  level?: RegionLevel;
  /** Overrides of the default thresholds. */
  params?: Partial<QualityParams>;
  /** Check the import batch staged under this id over the layout of `date`. */
  stagingBatchId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pt = (r: { lon: number; lat: number }): [number, number] => [Number(r.lon), Number(r.lat)];

/** 单元网格质量检查 unit grid quality checks (spec 01 §1.2–1.6), over a layout or a staged batch. */
@Injectable()
export class GridQualityService {
  constructor(
    private readonly repo: GridQualityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(req: GridQualityRequest = {}): Promise<GridQualityReport> {
    const params = resolveQualityParams(req.params);
    if (req.stagingBatchId !== undefined && !UUID.test(req.stagingBatchId)) {
      throw new ApiError(
        'GRID_QUALITY.PARAMS_INVALID',
        `staging batch id must be a UUID, got "${req.stagingBatchId}"`,
        [{ field: 'stagingBatchId', message: 'must be a UUID' }],
      );
    }
    const date = req.date ?? todayIn(this.config.timeZone);
    const level = req.level ?? null;
    const source: QualitySource = req.stagingBatchId
      ? { kind: 'staging', batchId: req.stagingBatchId, date }
      : { kind: 'current', date };
    const checkedAt = new Date().toISOString();
    const { gridCount, findings } = await this.repo.withSnapshot(source, async (s) => ({
      gridCount: await s.gridCount(),
      findings: await this.runChecks(s, params, level),
    }));
    return { checkedAt, date, gridCount, params, level, findings, countsByCheck: countByCheck(findings) };
  }

  private async runChecks(
    s: QualitySnapshot,
    p: QualityParams,
    level: QualityLevel | null,
  ): Promise<QualityFinding[]> {
    const runs = (check: QualityCheck) => {
      const about = QUALITY_CHECK_LEVEL[check];
      return level === null || about === 'all' || about === level;
    };
    const out: QualityFinding[] = [];
    if (runs('invalid-geometry')) {
      for (const r of await s.invalidGeometries(level)) {
        out.push(
          toFinding({ check: 'invalid-geometry', level: r.level, code: r.code, reason: r.reason }, pt(r)),
        );
      }
    }
    if (runs('area-out-of-bounds')) {
      for (const r of await s.gridsOutsideArea(p.minAreaM2, p.maxAreaM2)) {
        const m = { minAreaM2: p.minAreaM2, maxAreaM2: p.maxAreaM2 };
        out.push(
          toFinding({ check: 'area-out-of-bounds', code: r.code, areaM2: Number(r.area_m2), ...m }, pt(r)),
        );
      }
    }
    if (runs('overlap')) {
      for (const r of await s.overlaps(p.overlapToleranceM2)) {
        out.push(
          toFinding({ check: 'overlap', codes: [r.a_code, r.b_code], areaM2: Number(r.area_m2) }, pt(r)),
        );
      }
    }
    if (runs('gap')) {
      for (const r of await s.gaps(p.gapToleranceM2)) {
        out.push(
          toFinding({ check: 'gap', communityCode: r.community_code, areaM2: Number(r.area_m2) }, pt(r)),
        );
      }
    }
    if (runs('outside-community')) {
      for (const r of await s.outsideCommunity(p.outsideToleranceM2)) {
        const m = { code: r.code, communityCode: r.community_code, areaM2: Number(r.area_m2) };
        out.push(toFinding({ check: 'outside-community', ...m }, pt(r)));
      }
    }
    if (runs('duplicate-code')) {
      for (const r of await s.duplicateCodes(level)) {
        out.push(
          toFinding({ check: 'duplicate-code', level: r.level, code: r.code, count: Number(r.n) }, pt(r)),
        );
      }
    }
    if (runs('code-parent-mismatch') || runs('sequence-order')) {
      const rows = await s.candidates();
      if (runs('code-parent-mismatch')) {
        const present = new Set(rows.map((r) => `${r.level}:${r.code}`));
        const exists = (lv: QualityLevel, code: string) => present.has(`${lv}:${code}`);
        for (const r of rows) {
          if (level !== null && r.level !== level) continue;
          const row = { level: r.level, code: r.code, codeScheme: r.code_scheme, parentCode: r.parent_code };
          const problem = codeParentProblem(row, exists);
          if (problem) out.push(toFinding({ check: 'code-parent-mismatch', ...row, problem }, pt(r)));
        }
      }
      if (runs('sequence-order')) {
        const grids = rows.filter(
          (r) => r.level === 'grid' && r.parent_code !== null && r.cx !== null && r.cy !== null,
        );
        const pointOf = new Map(grids.map((g) => [g.code, pt(g)]));
        const problems = sequenceOrderProblems(
          grids.map((g) => ({
            code: g.code,
            codeScheme: g.code_scheme,
            parentCode: g.parent_code ?? '',
            centroid: [Number(g.cx), Number(g.cy)] as [number, number],
          })),
          p.sequenceRowHeightDeg,
        );
        for (const problem of problems) {
          // outOfOrder is never empty and lists grids of `grids`, so the point always exists.
          const point = pointOf.get(problem.outOfOrder[0] ?? '');
          if (!point) throw new Error(`no point for grid ${problem.outOfOrder[0] ?? '?'}`);
          out.push(toFinding({ check: 'sequence-order', ...problem }, point));
        }
      }
    }
    return out;
  }
}
