import { Inject, Injectable } from '@nestjs/common';
import {
  type AcceptanceInputs,
  type AcceptanceItemInput,
  type AcceptanceMetric,
  type AcceptanceProfile,
  type AcceptanceResult,
  DEFAULT_ACCEPTANCE_PROFILE_ID,
  defaultAcceptanceProfile,
  evaluateAcceptance,
  localDateOf,
  validateAcceptanceProfile,
} from '@urbangrid/domain';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import type { AuthUser } from '../auth/principal';
import { EvaluationService } from '../evaluation/evaluation.service';
import { GridQualityRepository } from '../regions/quality/grid-quality.repository';
import { GridQualityService } from '../regions/quality/grid-quality.service';
import { AcceptanceRepository } from './acceptance.repository';

const DAY = 86_400_000;
/** A pause in case reports longer than this many days breaks continuous operation (our default). */
export const DEFAULT_GAP_DAYS = 7;
/** The evaluation API's longest custom range (evaluation-period.ts): two years. */
const MAX_WINDOW_DAYS = 730;

/** A metric the system measured, or why it could not. */
export type MeasuredMetric =
  | (AcceptanceMetric & { available: true; basis: string; details?: Record<string, unknown> })
  | { available: false; reason: string };

export interface AcceptanceReport {
  profile: AcceptanceProfile;
  asOf: string;
  /** Trial window of the operating indicators: the current continuous run, [from, to) local dates. */
  window: { from: string; to: string } | null;
  gapDays: number;
  metrics: Record<string, MeasuredMetric>;
  result: AcceptanceResult;
  /** Stored answers with their last change (item id → time). */
  answeredAt: Record<string, string>;
}

/**
 * 验收 (part 6): profiles stored as versions, manual answers, and the result of the domain's
 * checklist-and-score engine with every measurable item computed from the system's own data
 * (docs/acceptance.md lists each metric and how it is measured).
 */
@Injectable()
export class AcceptanceService {
  private readonly quality: GridQualityService;

  constructor(
    @Inject(Database) db: Database,
    private readonly repo: AcceptanceRepository,
    private readonly evaluation: EvaluationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.quality = new GridQualityService(new GridQualityRepository(db), config);
  }

  // --- profiles ---------------------------------------------------------------------------------

  /** The shipped framework profile is seed data: stored as version 1 the first time it is needed. */
  private async seed(): Promise<void> {
    if (await this.repo.profile(DEFAULT_ACCEPTANCE_PROFILE_ID)) return;
    const p = defaultAcceptanceProfile();
    await this.repo.insertProfile(p.id, p.version, p, null);
  }

  async profiles(): Promise<AcceptanceProfile[]> {
    await this.seed();
    return (await this.repo.latestProfiles()).map((r) => validateAcceptanceProfile(r.body));
  }

  async profile(id: string = DEFAULT_ACCEPTANCE_PROFILE_ID, version?: number): Promise<AcceptanceProfile> {
    await this.seed();
    const row = await this.repo.profile(id, version);
    if (!row)
      throw new ApiError(
        'ACCEPTANCE.PROFILE_NOT_FOUND',
        `no acceptance profile ${id}${version ? ` v${version}` : ''}`,
      );
    return validateAcceptanceProfile(row.body);
  }

  /**
   * Stores a new profile or the next version of one (validated by the domain). The version is
   * the next free one, whatever the body says: a version once used is never overwritten.
   */
  async saveProfile(user: AuthUser, body: unknown): Promise<AcceptanceProfile> {
    await this.seed();
    const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
    const latest = typeof id === 'string' ? await this.repo.profile(id) : null;
    const version = (latest?.version ?? 0) + 1;
    const profile = validateAcceptanceProfile({ ...(body as object), version });
    if (!(await this.repo.insertProfile(profile.id, version, profile, user.id)))
      throw new ApiError(
        'ACCEPTANCE.PARAMS_INVALID',
        `version ${version} of ${profile.id} was stored meanwhile; retry`,
      );
    return profile;
  }

  // --- manual answers ----------------------------------------------------------------------------

  /**
   * Stores a reviewer's answer to one item (score / met / value / present, note, evidence). The
   * reviewer defaults to the signed-in user; evidence of kind document or photo names uploaded
   * attachments, which must exist. The domain engine checks the answer against the item's rule.
   */
  async answer(
    user: AuthUser,
    profileId: string | undefined,
    itemId: string,
    body: AcceptanceItemInput,
  ): Promise<AcceptanceReport> {
    const profile = await this.profile(profileId);
    const known = profile.categories.some((c) => c.items.some((i) => i.id === itemId));
    if (!known) throw new ApiError('ACCEPTANCE.ITEM_NOT_FOUND', `${profile.id} has no item ${itemId}`);
    const answer: AcceptanceItemInput = { ...body, reviewer: body.reviewer?.trim() || user.name };
    const files = (answer.evidence ?? []).filter((e) => e.kind === 'document' || e.kind === 'photo');
    const found = await this.repo.attachmentsExist(files.map((e) => e.ref));
    const missing = files.filter((e) => !found.has(e.ref));
    if (missing.length)
      throw new ApiError(
        'ACCEPTANCE.EVIDENCE_NOT_FOUND',
        `no uploaded attachment ${missing.map((e) => e.ref).join(', ')}`,
        missing.map((e) => ({ field: `evidence.${e.ref}`, message: 'the id of an uploaded attachment' })),
      );
    // The engine validates the answer (reviewer, evidence, value for the rule) on its own.
    evaluateAcceptance(profile, { items: { [itemId]: answer } });
    await this.repo.saveAnswer(profile.id, itemId, answer, user.id);
    return this.result(user, { profile: profile.id });
  }

  // --- result -------------------------------------------------------------------------------------

  async result(
    user: AuthUser,
    q: { profile?: string; version?: number; gapDays?: number },
    now = new Date(),
  ): Promise<AcceptanceReport> {
    const profile = await this.profile(q.profile, q.version);
    const gapDays = q.gapDays ?? DEFAULT_GAP_DAYS;
    const { metrics, window } = await this.measure(user, now, gapDays);
    const stored = await this.repo.answers(profile.id);
    const itemIds = new Set(profile.categories.flatMap((c) => c.items.map((i) => i.id)));
    const inputs: AcceptanceInputs = {
      metrics: Object.fromEntries(
        Object.entries(metrics).flatMap(([k, m]) =>
          m.available ? [[k, { value: m.value, ...(m.window ? { window: m.window } : {}) }]] : [],
        ),
      ),
      // Answers to items an edited profile no longer has are kept but not scored.
      items: Object.fromEntries(stored.filter((a) => itemIds.has(a.itemId)).map((a) => [a.itemId, a.answer])),
    };
    // Answers to items an edited profile scores differently are refused here with the item named.
    const result = evaluateAcceptance(profile, inputs);
    return {
      profile,
      asOf: now.toISOString(),
      window,
      gapDays,
      metrics,
      result,
      answeredAt: Object.fromEntries(stored.map((a) => [a.itemId, a.updatedAt])),
    };
  }

  /** Every metric the system can measure (ACCEPTANCE_METRICS plus geocodingCoverage). */
  private async measure(
    user: AuthUser,
    now: Date,
    gapDays: number,
  ): Promise<{ metrics: Record<string, MeasuredMetric>; window: { from: string; to: string } | null }> {
    const tz = this.config.timeZone;
    const today = localDateOf(tz, now);
    const metrics: Record<string, MeasuredMetric> = {};
    const no = (reason: string): MeasuredMetric => ({ available: false, reason });

    // 单元网格: coverage of the communities and the quality findings of today's layout.
    const cov = await this.repo.coverage();
    metrics.builtUpAreaCoverage =
      cov.communityArea > 0
        ? {
            available: true,
            value: cov.coveredArea / cov.communityArea,
            basis:
              'area of the current communities covered by current unit grids ÷ area of the communities (no 建成区 polygon is held; the communities stand in for it)',
            details: {
              communityAreaM2: Math.round(cov.communityArea),
              coveredAreaM2: Math.round(cov.coveredArea),
            },
          }
        : no('no current community polygons');
    const report = await this.quality.check({});
    const errors = report.findings.filter((f) => f.severity === 'error');
    metrics.gridQualityFindings =
      report.gridCount > 0
        ? {
            available: true,
            value: errors.length,
            basis: `grid quality checks of ${report.date}: findings of severity error (warnings such as area bounds are not counted)`,
            details: {
              grids: report.gridCount,
              errors: errors.length,
              warnings: report.findings.length - errors.length,
              countsByCheck: report.countsByCheck,
            },
          }
        : no('no current unit grids');
    metrics.geocodingCoverage =
      cov.grids > 0
        ? {
            available: true,
            value: cov.gridsGeocoded / cov.grids,
            basis:
              'current unit grids holding an address point or crossed by a road with house-number ranges ÷ current unit grids',
            details: {
              grids: cov.grids,
              withAddressPoints: cov.gridsWithAddressPoints,
              withHouseNumbers: cov.gridsWithHouseNumbers,
            },
          }
        : no('no current unit grids');

    // 部件普查.
    const census = await this.repo.componentCensus();
    const small = census.classes.reduce((n, c) => n + c.small, 0);
    const surveyed = census.classes.reduce((n, c) => n + c.surveyed, 0);
    metrics.componentClassCoverage =
      small > 0
        ? {
            available: true,
            value: surveyed / small,
            basis:
              'current component small classes (部件小类) with at least one registered component ÷ current component small classes of the class table',
            details: { smallClasses: small, surveyed, byBigClass: census.classes },
          }
        : no('the class table has no current component small classes');
    metrics.componentDataAgeDays = census.lastChange
      ? {
          available: true,
          value: Math.floor((now.getTime() - Date.parse(census.lastChange)) / DAY),
          basis: `days since the last change of a component record (${census.lastChange})`,
        }
      : no('no component is registered');

    // 运行: continuous operation, retention, departments with flow.
    const days = await this.repo.reportDays(tz);
    const firstFiled = await this.repo.firstFiledAt();
    let window: { from: string; to: string } | null = null;
    if (days.length === 0 || !firstFiled) {
      metrics.trialRunMonths = no('no case has been filed yet');
    } else {
      const run = continuousRun(days, today, gapDays);
      const filedDay = localDateOf(tz, new Date(firstFiled));
      const start = run.start > filedDay ? run.start : filedDay;
      if (run.interruptedSince) {
        metrics.trialRunMonths = {
          available: true,
          value: 0,
          basis: `no case reported since ${run.interruptedSince}, more than ${gapDays} days before ${today}: the run is interrupted`,
        };
      } else {
        metrics.trialRunMonths = {
          available: true,
          value: wholeMonths(start, today),
          window: { from: start, to: today },
          basis: `whole months from ${start} (the first filed case, or the first report after the last pause of more than ${gapDays} days) to ${today}`,
          details: { longestGapDays: run.longestGap, gapsOverLimit: run.gaps },
        };
        const back = localDateOf(tz, new Date(now.getTime() - MAX_WINDOW_DAYS * DAY));
        window = { from: start > back ? start : back, to: today };
      }
    }
    const oldest = await this.repo.oldestReportAt();
    metrics.dataRetentionMonths = oldest
      ? {
          available: true,
          value: wholeMonths(localDateOf(tz, new Date(oldest)), today),
          basis: `whole months from the oldest kept case (${oldest}) to ${today}`,
        }
      : no('no case is kept');
    const dept = await this.repo.departmentFlow();
    metrics.departmentsWithCaseFlowShare =
      dept.departments > 0
        ? {
            available: true,
            value: dept.withFlow / dept.departments,
            basis:
              'top-level departments that (or a unit below which) received a dispatch ÷ top-level departments',
            details: dept,
          }
        : no('no department is set up');

    // 运行效果: part-4 counts of the district over the trial window.
    const part4 = ['closeRate', 'onTimeCloseRate', 'validReportRate', 'processExceptionShare'];
    if (!window || window.from >= window.to) {
      for (const k of part4) metrics[k] = no('no trial window: no continuous operation up to today');
    } else {
      const res = await this.evaluation.results(
        user,
        { objectType: 'region', level: 'district', period: 'custom', from: window.from, to: window.to },
        now,
      );
      const district = res.items[0];
      if (!district) for (const k of part4) metrics[k] = no('the evaluation returned no district row');
      else {
        const counts = district.counts;
        const c = (k: keyof typeof counts): number => counts[k] ?? 0;
        const w = { from: window.from, to: window.to };
        const ratio = (num: number, den: number, basis: string): MeasuredMetric =>
          den > 0
            ? {
                available: true,
                value: num / den,
                window: w,
                basis,
                details: { numerator: num, denominator: den },
              }
            : no(`${basis}: the denominator is 0 in the window`);
        metrics.closeRate = ratio(
          c('closed'),
          c('dueToClose'),
          '结案数 ÷ 应结案数 (part-4 counts of the district)',
        );
        metrics.onTimeCloseRate = ratio(
          c('closedOnTime'),
          c('dueToClose'),
          '按期结案数 ÷ 应结案数 (part-4 counts of the district)',
        );
        metrics.validReportRate = ratio(
          c('validReported'),
          c('inspectorReported'),
          '有效上报数 ÷ 监督员上报数 (part-4 counts of the district)',
        );
        metrics.processExceptionShare = ratio(
          c('returned') + c('voided') + c('extended') + c('parked') + c('deferred'),
          c('filed'),
          '(回退 + 作废 + 延期 + 挂账 + 缓办) ÷ 立案数 (part-4 counts of the district; a case with two of them counts twice)',
        );
      }
    }
    return { metrics, window };
  }
}

/**
 * The current continuous run of operation over the local report days: it starts on the first
 * day after the last pause longer than `gapDays` days; it is interrupted when the last report
 * day lies more than `gapDays` days before today.
 */
export function continuousRun(
  days: readonly string[],
  today: string,
  gapDays: number,
): { start: string; interruptedSince: string | null; longestGap: number; gaps: number } {
  const n = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
  let start = days[0];
  let longestGap = 0;
  let gaps = 0;
  for (let i = 1; i < days.length; i++) {
    const gap = n(days[i]) - n(days[i - 1]) - 1;
    longestGap = Math.max(longestGap, gap);
    if (gap > gapDays) {
      gaps++;
      start = days[i]!;
    }
  }
  const last = days.at(-1)!;
  const tail = n(today) - n(last) - 1;
  return { start, interruptedSince: tail > gapDays ? last : null, longestGap, gaps };
}

/** Whole calendar months from `from` to `to` (YYYY-MM-DD): 2026-01-31 → 2026-02-28 is 0. */
export function wholeMonths(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0));
}
