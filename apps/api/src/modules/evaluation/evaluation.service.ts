import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type CountId,
  DEFAULT_EVALUATION_PROFILE_ID,
  DomainError,
  type EvaluationContext,
  type EvaluationCounts,
  type EvaluationObjectType,
  type EvaluationProfile,
  type EvaluationProfileOverlay,
  type EvaluationResult,
  evaluateObject,
  extendEvaluationProfile,
  formatLocalDate,
  parseLocalDate,
  isCountId,
  localToUtc,
  rank,
  type RegionLevel,
  shippedEvaluationProfiles,
  validateEvaluationProfile,
} from '@urbangrid/domain';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import type { AuthUser } from '../auth/principal';
import type {
  CreateEvaluationProfileDto,
  EvaluationDrilldownQueryDto,
  EvaluationMatrixQueryDto,
  EvaluationResultsQueryDto,
  PublishSnapshotDto,
  RollupRefreshDto,
} from './dto/evaluation-requests.dto';
import {
  addCounts,
  NOT_RECORDED_COUNTS,
  type RawCount,
  type RawCounts,
  rawColumnsOf,
  toEvaluationCounts,
  zeroCounts,
} from './evaluation-count-columns';
import { type EvaluationPeriod, localDayOf, pgTimeZone, resolvePeriod } from './evaluation-period';
import {
  type CountWindow,
  type EvaluationScope,
  type RegionRow,
  EvaluationRepository,
  type SnapshotRow,
} from './evaluation.repository';
import type {
  DrilldownPage,
  EvaluationMatrix,
  EvaluationItem,
  EvaluationProfileSummary,
  EvaluationResults,
  EvaluationSnapshot,
  EvaluationSnapshotSummary,
  RollupRefreshResult,
} from './evaluation.types';

/** Region level → `region.level` of the regions table. */
const REGION_TABLE_LEVEL: Record<RegionLevel, string> = {
  district: 'district',
  street: 'street',
  community: 'community',
  unitGrid: 'grid',
};

/**
 * A read whose cut-off is at most this old (the request's own "now") refreshes the per-case store
 * first; reads at an earlier cut-off use what the store already holds for it and count the rest raw.
 */
const STORE_REFRESH_LAG_MS = 60_000;

/** Inspector counts read over the inspector's 责任网格 (from the unit-grid counts), spec 05 §2. */
const INSPECTOR_GRID_COUNTS: readonly RawCount[] = ['filed', 'voided', 'public_reports_verified'];
const INSPECTOR_GRID_COUNT_IDS: readonly CountId[] = [
  'filed',
  'voided',
  'missedReports',
  'publicReportsVerified',
];

const DEFAULT_DRILL_PAGE = 100;

/**
 * 绩效评价 part 4 over the flow records: counts per object and period (roll-up plus raw
 * remainder), the domain's formulas and ranking, drill-down, profiles and published snapshots.
 * Read rules (docs/evaluation-counts.md): leaders and admins read every object type; a
 * department handler reads the department table, where only its own department and sub-units
 * are listed (ranked among all), and drills into those only.
 */
@Injectable()
export class EvaluationService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly repo: EvaluationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The shipped profiles are seed data: inserted once, a city may add its own versions. */
  async onModuleInit(): Promise<void> {
    for (const p of shippedEvaluationProfiles())
      await this.repo.insertProfile(
        { id: p.id, version: p.version, name: p.name, body: p, shipped: true },
        null,
      );
  }

  // --- results -----------------------------------------------------------------------------------

  async results(user: AuthUser, q: EvaluationResultsQueryDto, now = new Date()): Promise<EvaluationResults> {
    const type = q.objectType;
    this.checkReadable(user, type);
    const { profile, level, period, cutoff } = await this.request(q, user.districtCode, now);
    await this.ensureRollup(user.districtCode, period, now);
    const counts = await this.objectCounts(user.districtCode, type, level, period, cutoff, { rollup: true });
    const items = await this.evaluate(
      user.districtCode,
      type,
      level,
      q.regionCode,
      counts.byObject,
      profile,
      period,
    );
    return {
      districtCode: user.districtCode,
      objectType: type,
      level: type === 'region' ? level : null,
      period: { kind: period.kind, label: period.label, from: period.from, to: period.to, days: period.days },
      cutoff: cutoff.toISOString(),
      profile: { id: profile.id, version: profile.version, name: profile.name },
      notRecorded: [...NOT_RECORDED_COUNTS],
      source: { rolledDays: counts.rolledDays, rawDays: period.days - counts.rolledDays },
      items:
        user.role === 'department' ? items.filter((i) => user.departmentIds.includes(i.objectId)) : items,
    };
  }

  /**
   * The monthly evaluations of a year, for trend tables (e.g. streets × months). Settled months
   * are read from the roll-up in one statement; a month with open days is counted as `results`
   * counts it. Months not begun are left out.
   */
  async matrix(user: AuthUser, q: EvaluationMatrixQueryDto, now = new Date()): Promise<EvaluationMatrix> {
    const type = q.objectType;
    this.checkReadable(user, type);
    const district = user.districtCode;
    const { profile, level } = await this.request(
      { ...q, period: 'month', at: `${q.year}-01` },
      district,
      now,
    );
    const tz = this.config.timeZone;
    const year = resolvePeriod('year', { at: q.year }, tz);
    await this.ensureRollup(district, year, now);
    const rolled = new Set(await this.repo.rolledDays(district, year.from, year.to, now));
    // The inspector table adds the counts of each inspector's grids: counted month by month.
    const byMonth =
      type === 'inspector'
        ? new Map<string, Map<string, RawCounts>>()
        : await this.repo.rolledCountsByMonth(district, type === 'region' ? level : type, [...rolled]);
    const today = localDayOf(tz, now);
    // The regions are the current ones whatever the month: read once for the twelve.
    const regionRows =
      type === 'region'
        ? await this.repo.regions(district, REGION_TABLE_LEVEL[level], q.regionCode ?? district)
        : undefined;
    const months: EvaluationMatrix['months'] = [];
    for (let m = 1; m <= 12; m++) {
      const month = `${q.year}-${String(m).padStart(2, '0')}`;
      const period = resolvePeriod('month', { at: month }, tz);
      if (period.fromDay > today) break;
      let rolledDays = 0;
      for (let d = period.fromDay; d < period.toDay; d++) if (rolled.has(formatLocalDate(d))) rolledDays++;
      const counts =
        type !== 'inspector' && rolledDays === period.days
          ? (byMonth.get(month) ?? new Map<string, RawCounts>())
          : (await this.objectCounts(district, type, level, period, now, { rollup: true })).byObject;
      const items = await this.evaluate(
        district,
        type,
        level,
        q.regionCode,
        counts,
        profile,
        period,
        regionRows,
      );
      months.push({
        month,
        source: { rolledDays, rawDays: period.days - rolledDays },
        items: (user.role === 'department'
          ? items.filter((i) => user.departmentIds.includes(i.objectId))
          : items
        ).map((i) => ({
          objectId: i.objectId,
          name: i.name,
          rank: i.rank,
          composite: i.result?.composite ?? null,
          grade: i.result?.grade?.grade ?? null,
        })),
      });
    }
    return {
      districtCode: district,
      objectType: type,
      level: type === 'region' ? level : null,
      year: Number(q.year),
      profile: { id: profile.id, version: profile.version, name: profile.name },
      months,
    };
  }

  /** The cases behind one count of one object (always counted raw, so it matches any result). */
  async drilldown(user: AuthUser, q: EvaluationDrilldownQueryDto, now = new Date()): Promise<DrilldownPage> {
    const type = q.objectType;
    this.checkReadable(user, type);
    if (user.role === 'department' && !user.departmentIds.includes(q.objectId))
      throw new ApiError(
        'EVALUATION.OBJECT_NOT_IN_SCOPE',
        'a department reads its own department and sub-units only',
      );
    if (!isCountId(q.count))
      throw new ApiError('EVALUATION.COUNT_UNKNOWN', `no count ${q.count}`, [
        { field: 'count', message: 'a count id of EvaluationCounts, e.g. filed' },
      ]);
    const count = q.count;
    const { profile, level, period, cutoff } = await this.request(q, user.districtCode, now);
    const columns = rawColumnsOf(count, profile);
    if (columns === null)
      throw new ApiError('EVALUATION.COUNT_NOT_DRILLABLE', `${count} is not counted from flow records`, [
        { field: 'count', message: 'not derived from cases' },
      ]);
    let drillType: EvaluationObjectType = type;
    let scope: EvaluationScope = type === 'region' ? level : type;
    let objectIds = [q.objectId];
    if (type === 'inspector' && INSPECTOR_GRID_COUNT_IDS.includes(count)) {
      // Counted over the inspector's 责任网格: the unit-grid cases.
      drillType = 'region';
      scope = 'unitGrid';
      objectIds = (await this.repo.inspectorGrids(user.districtCode)).get(q.objectId) ?? [];
    }
    const limit = q.limit ?? DEFAULT_DRILL_PAGE;
    await this.repo.refreshStatistics();
    const rows =
      objectIds.length === 0
        ? []
        : await this.repo.drilldown(
            drillType,
            scope,
            this.window(user.districtCode, period, cutoff),
            objectIds,
            columns,
            decodeCursor(q.cursor),
            limit + 1,
          );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      count,
      items: page,
      nextCursor: rows.length > limit && last ? encodeCursor(last.reportedAt, last.caseId) : null,
    };
  }

  /**
   * Counts per object of a type over the period at the cut-off: settled days from the roll-up;
   * the other days from the per-case store where it serves the cut-off (refreshed first when the
   * cut-off is now), and the remaining cases raw. `rollup: false` counts everything raw (the
   * roll-up and store tests compare the two).
   */
  async objectCounts(
    districtCode: string,
    type: EvaluationObjectType,
    level: RegionLevel,
    period: EvaluationPeriod,
    cutoff: Date,
    /** `refresh: false` reads the store as it is (what has changed since is counted raw). */
    opts: { rollup: boolean; refresh?: boolean },
  ): Promise<{ byObject: Map<string, RawCounts>; rolledDays: number }> {
    await this.repo.refreshStatistics();
    const rolledDaysOf = async (repo: EvaluationRepository) =>
      opts.rollup ? await repo.rolledDays(districtCode, period.from, period.to, cutoff) : [];
    // Raw counting covers only the span of days not rolled up (usually the last weeks), so the
    // reported_at range scan stays short; rolled days inside that span are skipped by day.
    const unrolledSpan = (rolled: string[]) => {
      const rolledSet = new Set(rolled);
      const days: string[] = [];
      for (let d = period.fromDay; d < period.toDay; d++)
        if (!rolledSet.has(formatLocalDate(d))) days.push(formatLocalDate(d));
      const w =
        days.length === 0
          ? null
          : this.window(
              districtCode,
              this.daysPeriod(parseLocalDate(days[0]), parseLocalDate(days.at(-1)!) + 1),
              cutoff,
            );
      return { days, w };
    };
    if (opts.rollup && opts.refresh !== false && cutoff.getTime() >= Date.now() - STORE_REFRESH_LAG_MS) {
      const rolled = await rolledDaysOf(this.repo);
      const { w } = unrolledSpan(rolled);
      if (w) await this.refreshStore(w, rolled);
    }
    // One snapshot for every read below: a case changed between two statements would otherwise be
    // counted by neither (or both) of the store and the raw remainder.
    return this.db.transaction(async (tx) => {
      const repo = new EvaluationRepository(tx);
      const rolled = await rolledDaysOf(repo);
      const { days: rawDays, w } = unrolledSpan(rolled);
      const useStore = opts.rollup && w !== null;
      const unrolled = async (t: EvaluationObjectType, scope: EvaluationScope) => {
        if (!w) return new Map<string, RawCounts>();
        const out = await repo.rawCounts(t, scope, w, rolled, { exceptStored: useStore });
        if (useStore)
          for (const [id, c] of await repo.storedCounts(districtCode, scope, rawDays, cutoff))
            out.set(id, addCounts(out.get(id) ?? zeroCounts(), c));
        return out;
      };
      const counts = await unrolled(type, type === 'region' ? level : type);
      for (const [id, c] of await repo.rolledCounts(districtCode, type === 'region' ? level : type, rolled))
        counts.set(id, addCounts(counts.get(id) ?? zeroCounts(), c));
      if (type === 'inspector') {
        // 立案数 and 漏报数 of an inspector: the unit-grid counts of its current 责任网格, summed
        // in SQL for rolled-up days and here for the other days.
        const add = (userId: string, g: RawCounts) => {
          const c = counts.get(userId) ?? zeroCounts();
          for (const k of INSPECTOR_GRID_COUNTS) c[k] += g[k];
          counts.set(userId, c);
        };
        for (const userId of await repo.inspectorsWithGrids(districtCode)) add(userId, zeroCounts());
        const grids = await unrolled('region', 'unitGrid');
        if (grids.size > 0)
          for (const [userId, codes] of await repo.inspectorGrids(districtCode))
            for (const code of codes) {
              const g = grids.get(code);
              if (g) add(userId, g);
            }
        for (const [userId, g] of await repo.rolledInspectorGridCounts(districtCode, rolled)) add(userId, g);
      }
      return { byObject: counts, rolledDays: rolled.length };
    }, 'repeatable read');
  }

  /**
   * Brings the per-case store of the window up to its cut-off, in a REPEATABLE READ transaction;
   * a concurrent refresh of the district makes this one fail to serialise, and it is retried on a
   * snapshot that includes the other's result.
   */
  private async refreshStore(w: CountWindow, skipDays: string[]): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(
          (tx) => new EvaluationRepository(tx).refreshStore(w, skipDays),
          'repeatable read',
        );
      } catch (e) {
        const code =
          (e as { code?: string; driverError?: { code?: string } }).driverError?.code ??
          (e as { code?: string }).code;
        if (code !== '40001' || attempt >= 3) throw e;
      }
    }
  }

  // --- roll-up -----------------------------------------------------------------------------------

  /** Admin: recompute every day of [from, to) that is settled, drop those no longer settled. */
  async refreshRollup(
    user: AuthUser,
    body: RollupRefreshDto,
    now = new Date(),
  ): Promise<RollupRefreshResult> {
    const period = resolvePeriod('custom', body, this.config.timeZone);
    return this.rollDays(user.districtCode, period, now, 'all');
  }

  /** Before a read: roll up the period's days that have no roll-up yet and are settled. */
  async ensureRollup(districtCode: string, period: EvaluationPeriod, now: Date): Promise<void> {
    const today = localDayOf(this.config.timeZone, now);
    if (period.fromDay >= today) return;
    const rolled = new Set(await this.repo.allRolledDays(districtCode, period.from, period.to));
    const end = Math.min(period.toDay, today);
    let first = -1;
    let last = -1;
    for (let d = period.fromDay; d < end; d++)
      if (!rolled.has(formatLocalDate(d))) {
        if (first < 0) first = d;
        last = d;
      }
    if (first < 0) return;
    const span = this.daysPeriod(first, last + 1);
    // Most reads find every such day still open: one index read says so, without the day states.
    const open = new Set(
      await this.repo.openDays(districtCode, pgTimeZone(this.config.timeZone), span.fromUtc, span.toUtc),
    );
    let candidate = false;
    for (let d = first; d <= last && !candidate; d++) {
      const day = formatLocalDate(d);
      candidate = !rolled.has(day) && !open.has(day);
    }
    if (!candidate) return;
    await this.rollDays(districtCode, span, now, 'missing');
  }

  /**
   * The roll-up rule: a local day is rolled up when it is before today (no new case can be
   * reported on it: intake stamps `reported_at` = now) and every case reported on it is terminal
   * (结案, 不予受理, 作废: no flow record can follow). Its `settled_at` is its last flow record, so
   * the roll-up serves every cut-off at or after it; other days are counted raw.
   */
  private async rollDays(
    districtCode: string,
    period: EvaluationPeriod,
    now: Date,
    mode: 'all' | 'missing',
  ): Promise<RollupRefreshResult> {
    const tz = this.config.timeZone;
    const today = localDayOf(tz, now);
    return this.db.transaction(async (tx) => {
      const repo = new EvaluationRepository(tx);
      await repo.lockRollup(districtCode);
      await repo.refreshStatistics();
      const existing = new Set(await repo.allRolledDays(districtCode, period.from, period.to));
      const states = new Map(
        (await repo.dayStates(districtCode, pgTimeZone(tz), period.fromUtc, period.toUtc)).map((s) => [
          s.day,
          s,
        ]),
      );
      const write: { day: string; cases: number; settledAt: string }[] = [];
      const drop: string[] = [];
      let open = 0;
      for (let d = period.fromDay; d < period.toDay; d++) {
        const day = formatLocalDate(d);
        if (d >= today) {
          open++;
          continue;
        }
        if (mode === 'missing' && existing.has(day)) continue;
        const s = states.get(day);
        if (!s) write.push({ day, cases: 0, settledAt: new Date(localToUtc(tz, d + 1, 0)).toISOString() });
        else if (s.terminal && s.settledAt) write.push({ day, cases: s.cases, settledAt: s.settledAt });
        else {
          open++;
          if (existing.has(day)) drop.push(day);
        }
      }
      await repo.dropRollup(districtCode, drop);
      await repo.writeRollup(this.window(districtCode, period, now), write);
      return { rolledDays: write.length, openDays: open, droppedDays: drop.length };
    });
  }

  // --- profiles ----------------------------------------------------------------------------------

  listProfiles(): Promise<EvaluationProfileSummary[]> {
    return this.repo.listProfiles();
  }

  /** A city's own profile or variant, validated by the domain; versions only go up by one. */
  async createProfile(user: AuthUser, body: CreateEvaluationProfileDto): Promise<EvaluationProfile> {
    if ((body.profile === undefined) === (body.variant === undefined))
      throw new ApiError('EVALUATION.PROFILE_INVALID', 'send either profile or variant', [
        { field: 'profile', message: 'exactly one of profile, variant' },
      ]);
    let profile: EvaluationProfile;
    if (body.profile) profile = validateEvaluationProfile(body.profile);
    else {
      const overlay = body.variant as unknown as EvaluationProfileOverlay;
      if (typeof overlay.basedOn !== 'string')
        throw new ApiError('EVALUATION.PROFILE_INVALID', 'a variant names the profile it is basedOn', [
          { field: 'variant.basedOn', message: 'required' },
        ]);
      profile = extendEvaluationProfile(await this.loadProfile(overlay.basedOn), overlay);
    }
    const latest = await this.repo.latestVersion(profile.id);
    const expected = (latest ?? 0) + 1;
    if (profile.version !== expected)
      throw new ApiError(
        'EVALUATION.PROFILE_VERSION_CONFLICT',
        `profile ${profile.id} is at version ${latest ?? 'none'}; the new one must be version ${expected}`,
        [{ field: 'version', message: `must be ${expected}` }],
      );
    const inserted = await this.repo.insertProfile(
      { id: profile.id, version: profile.version, name: profile.name, body: profile, shipped: false },
      user.id,
    );
    if (!inserted)
      throw new ApiError(
        'EVALUATION.PROFILE_VERSION_CONFLICT',
        `profile ${profile.id} v${profile.version} exists`,
      );
    return profile;
  }

  private async loadProfile(id: string, version?: number): Promise<EvaluationProfile> {
    const row = await this.repo.profile(id, version);
    if (!row)
      throw new ApiError(
        'EVALUATION.PROFILE_NOT_FOUND',
        `no evaluation profile ${id}${version === undefined ? '' : ` v${version}`}`,
      );
    return row.body as EvaluationProfile;
  }

  // --- snapshots ---------------------------------------------------------------------------------

  /** Publish a monthly evaluation: the results and their inputs, frozen with cut-off and profile. */
  async publishSnapshot(
    user: AuthUser,
    body: PublishSnapshotDto,
    now = new Date(),
  ): Promise<EvaluationSnapshot> {
    const results = await this.results(
      user,
      {
        objectType: body.objectType,
        ...(body.level ? { level: body.level } : {}),
        period: 'month',
        at: body.month,
        ...(body.profile ? { profile: body.profile } : {}),
        ...(body.cutoff ? { cutoff: body.cutoff } : {}),
      },
      now,
    );
    const inputs = Object.fromEntries(results.items.map((i) => [i.objectId, i.counts]));
    const id = await this.repo.insertSnapshot({
      districtCode: user.districtCode,
      objectType: results.objectType,
      regionLevel: results.level ?? '',
      periodKind: 'month',
      periodLabel: results.period.label,
      periodFrom: results.period.from,
      periodTo: results.period.to,
      cutoff: new Date(results.cutoff),
      profileId: results.profile.id,
      profileVersion: results.profile.version,
      inputs,
      results,
      publishedBy: user.id,
    });
    if (id === null)
      throw new ApiError(
        'EVALUATION.SNAPSHOT_EXISTS',
        `the ${results.objectType} evaluation of ${results.period.label} under ${results.profile.id} is already published`,
      );
    return this.snapshot(user, id);
  }

  async listSnapshots(user: AuthUser): Promise<EvaluationSnapshotSummary[]> {
    return (await this.repo.listSnapshots(user.districtCode)).map(summaryOf);
  }

  async snapshot(user: AuthUser, id: string): Promise<EvaluationSnapshot> {
    const row = await this.repo.snapshot(user.districtCode, id);
    if (!row) throw new ApiError('EVALUATION.SNAPSHOT_NOT_FOUND', `no evaluation snapshot ${id}`);
    return {
      ...summaryOf(row),
      inputs: row.inputs as EvaluationSnapshot['inputs'],
      results: row.results as EvaluationResults,
    };
  }

  // --- helpers -----------------------------------------------------------------------------------

  private checkReadable(user: AuthUser, type: EvaluationObjectType): void {
    if (user.role === 'department' && type !== 'department')
      throw new ApiError(
        'EVALUATION.OBJECT_NOT_IN_SCOPE',
        'a department reads the department evaluation only',
      );
  }

  /** Profile, level, period and cut-off of a request, checked. */
  private async request(
    q: EvaluationResultsQueryDto,
    districtCode: string,
    now: Date,
  ): Promise<{ profile: EvaluationProfile; level: RegionLevel; period: EvaluationPeriod; cutoff: Date }> {
    const profile = await this.loadProfile(q.profile ?? DEFAULT_EVALUATION_PROFILE_ID, q.profileVersion);
    const kind = q.period ?? profile.periods.default;
    if (!profile.periods.allowed.includes(kind))
      throw new ApiError(
        'EVALUATION.PERIOD_NOT_ALLOWED',
        `profile ${profile.id} evaluates ${profile.periods.allowed.join(', ')} periods, not ${kind}`,
        [{ field: 'period', message: `one of ${profile.periods.allowed.join(', ')}` }],
      );
    const period = resolvePeriod(kind, q, this.config.timeZone);
    const cutoff = q.cutoff ? new Date(q.cutoff) : now;
    if (cutoff.getTime() > now.getTime())
      throw new ApiError('EVALUATION.CUTOFF_INVALID', 'the cut-off cannot be in the future', [
        { field: 'cutoff', message: 'at or before now' },
      ]);
    if (q.level !== undefined && q.objectType !== 'region')
      throw new ApiError('EVALUATION.CONTEXT_INVALID', 'level applies to region objects only', [
        { field: 'level', message: 'only with objectType=region' },
      ]);
    if (q.regionCode !== undefined && !q.regionCode.startsWith(districtCode))
      throw new ApiError('EVALUATION.CONTEXT_INVALID', 'regionCode lies outside your district', [
        { field: 'regionCode', message: 'a region of your district' },
      ]);
    return { profile, level: q.level ?? 'street', period, cutoff };
  }

  private window(districtCode: string, period: EvaluationPeriod, cutoff: Date): CountWindow {
    return {
      districtCode,
      pgZone: pgTimeZone(this.config.timeZone),
      fromUtc: period.fromUtc,
      toUtc: period.toUtc,
      cutoff,
    };
  }

  private daysPeriod(fromDay: number, toDay: number): EvaluationPeriod {
    return resolvePeriod(
      'custom',
      { from: formatLocalDate(fromDay), to: formatLocalDate(toDay) },
      this.config.timeZone,
    );
  }

  /** One object's counts evaluated; an object-specific refusal is kept as the row's error. */
  private evaluateCounts(
    type: EvaluationObjectType,
    counts: EvaluationCounts,
    profile: EvaluationProfile,
    context: EvaluationContext,
  ): Pick<EvaluationItem, 'result' | 'error'> {
    try {
      return { result: evaluateObject(type, counts, profile, context), error: null };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // Object-specific (a region without unit grids, counts that disagree): kept, unranked.
      if (
        !['EVALUATION.COUNT_INVALID', 'EVALUATION.COUNTS_INCONSISTENT', 'EVALUATION.COUNT_MISSING'].includes(
          e.code,
        )
      )
        throw e;
      return { result: null, error: { code: e.code, message: e.message } };
    }
  }

  /** Every object of the table, its counts evaluated by the domain and ranked by the profile. */
  private async evaluate(
    districtCode: string,
    type: EvaluationObjectType,
    level: RegionLevel,
    regionCode: string | undefined,
    byObject: Map<string, RawCounts>,
    profile: EvaluationProfile,
    period: EvaluationPeriod,
    /** The level's regions, when the caller evaluates several periods of one table. */
    regionRows?: RegionRow[],
  ): Promise<EvaluationItem[]> {
    const objects = new Map<string, { name: string; unitGrids?: number }>();
    if (type === 'region') {
      const prefix = regionCode ?? districtCode;
      for (const r of regionRows ??
        (await this.repo.regions(districtCode, REGION_TABLE_LEVEL[level], prefix)))
        objects.set(r.code, { name: r.name, unitGrids: r.unitGrids });
      // Codes counted but no longer current (a redrawn grid): listed by code, one grid or none.
      for (const code of byObject.keys())
        if (code.startsWith(prefix) && !objects.has(code))
          objects.set(code, { name: code, unitGrids: level === 'unitGrid' ? 1 : 0 });
    } else {
      const ids = [...byObject.keys()];
      const names =
        type === 'department' ? await this.repo.departmentNames(ids) : await this.repo.userNames(ids);
      for (const id of ids) objects.set(id, { name: names.get(id) ?? id });
    }
    const context: EvaluationContext = {
      ...(type === 'region' ? { regionLevel: level } : {}),
      period: { kind: period.kind, days: period.days },
    };
    const evaluated: (EvaluationItem & { ok: EvaluationResult | null })[] = [];
    // The evaluation is a pure function of the counts (type, profile and context are the same for
    // every object here): objects with equal counts, such as the many grids without a case, share it.
    const seen = new Map<string, Pick<EvaluationItem, 'result' | 'error'>>();
    for (const [objectId, o] of objects) {
      const counts: EvaluationCounts = toEvaluationCounts(
        byObject.get(objectId) ?? zeroCounts(),
        profile,
        o.unitGrids,
      );
      const key = Object.values(counts).join(',');
      let outcome = seen.get(key);
      if (!outcome) {
        outcome = this.evaluateCounts(type, counts, profile, context);
        seen.set(key, outcome);
      }
      const { result, error } = outcome;
      evaluated.push({ objectId, name: o.name, rank: null, counts, result, error, ok: result });
    }
    const ranked = rank(
      evaluated.filter((e) => e.ok !== null).map((e) => ({ objectId: e.objectId, result: e.ok! })),
      profile.ranking,
    );
    const rankOf = new Map(ranked.map((r) => [r.objectId, r.rank]));
    const order = new Map(ranked.map((r, i) => [r.objectId, i]));
    return evaluated
      .map(({ ok: _ok, ...item }) => ({ ...item, rank: rankOf.get(item.objectId) ?? null }))
      .sort(
        (a, b) =>
          (order.get(a.objectId) ?? Number.MAX_SAFE_INTEGER) -
            (order.get(b.objectId) ?? Number.MAX_SAFE_INTEGER) || a.objectId.localeCompare(b.objectId),
      );
  }
}

function summaryOf(r: SnapshotRow): EvaluationSnapshotSummary {
  return {
    id: r.id,
    objectType: r.objectType,
    regionLevel: r.regionLevel === '' ? null : r.regionLevel,
    periodKind: r.periodKind,
    periodLabel: r.periodLabel,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    cutoff: r.cutoff,
    profileId: r.profileId,
    profileVersion: r.profileVersion,
    publishedBy: r.publishedBy,
    publishedAt: r.publishedAt,
  };
}

function encodeCursor(reportedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([reportedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { reportedAt: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [reportedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof reportedAt === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(reportedAt)) &&
      /^[0-9a-f-]{36}$/.test(id)
    )
      return { reportedAt, id };
  } catch {
    // fall through to the error below
  }
  throw new ApiError('REQUEST.VALIDATION_FAILED', 'cursor is malformed', [
    { field: 'cursor', message: 'use the nextCursor of a page' },
  ]);
}
