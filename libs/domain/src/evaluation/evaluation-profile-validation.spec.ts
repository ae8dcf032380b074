import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { type EvaluationProfile } from './evaluation-profile';
import { validateEvaluationProfile } from './evaluation-profile-validation';
import {
  defaultEvaluationProfile,
  extendEvaluationProfile,
  shippedEvaluationProfiles,
} from './evaluation-profiles';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'EVALUATION.PROFILE_INVALID')
      return (err.details ?? []).map((d) => d.field);
    throw err;
  }
  throw new Error('expected EVALUATION.PROFILE_INVALID');
}

function edit(change: (p: EvaluationProfile) => void): EvaluationProfile {
  const p = defaultEvaluationProfile();
  change(p);
  return p;
}

describe('validateEvaluationProfile', () => {
  it('accepts every shipped profile', () => {
    const ids = shippedEvaluationProfiles().map((p) => validateEvaluationProfile(p).id);
    expect(ids).toEqual([
      'GBT30428.4-2016-as-understood',
      'hohhot-department',
      'chengdu-jinniu-department',
      'jinhua-department',
    ]);
  });

  it('refuses a non-object', () => {
    expect(fieldsOf(() => validateEvaluationProfile(null))).toEqual(['']);
  });

  it('reports every bad top-level field at once', () => {
    const p = edit((x) => {
      x.id = '';
      x.version = 0;
      x.periods.default = 'decade' as never;
      x.rounding.reportDecimals = 9;
      x.rounding.mode = 'bankers' as never;
      x.zeroDenominator.policy = 'ignore' as never;
      x.defaultAreaClass = 'class9';
      x.workloadBandScaling = 'weekly' as never;
      x.ranking.ties = 'random' as never;
    });
    expect(fieldsOf(() => validateEvaluationProfile(p))).toEqual([
      'id',
      'version',
      'periods.default',
      'rounding.reportDecimals',
      'rounding.mode',
      'zeroDenominator.policy',
      'defaultAreaClass',
      'workloadBandScaling',
      'ranking.ties',
    ]);
  });

  it('checks band tables: ascending max, open last row, min ≤ max', () => {
    const p = edit((x) => {
      const rows = x.bandTables.departmentFiled.rows;
      rows[2].max = 90; // below the previous row's 100
      rows[5].max = 5000; // the last row must be open-ended
      x.bandTables.workload.rows[1].min = 400; // min 400 > max 300
    });
    expect(fieldsOf(() => validateEvaluationProfile(p))).toEqual([
      'bandTables.departmentFiled.rows[2].max',
      'bandTables.departmentFiled.rows[2].min', // 101 > 90
      'bandTables.departmentFiled.rows[5].max',
      'bandTables.workload.rows[1].min',
    ]);
  });

  it('checks grade bands touch without gap or overlap', () => {
    const gap = edit((x) => (x.gradeBands[1].min = 76)); // B 76–90 leaves 75–76 uncovered
    expect(fieldsOf(() => validateEvaluationProfile(gap))).toEqual(['gradeBands']);
    const inverted = edit((x) => (x.gradeBands[0].min = 100));
    expect(fieldsOf(() => validateEvaluationProfile(inverted))).toContain('gradeBands[0]');
  });

  it('checks indicators: counts, rules, tables, weights', () => {
    const p = edit((x) => {
      const dept = x.objects.department!.indicators;
      dept[0].score = { kind: 'band', basis: 'count', table: 'noSuchTable' };
      dept[1].numerator = 'closings' as never;
      dept[2].weight = 0.2; // display-only with a weight
      dept[3].denominator = undefined; // rateTimes100 without a denominator
      dept[4].score = { kind: 'perCaseDeduction', step: 0.2 }; // a points rule in a weighted sum
    });
    expect(fieldsOf(() => validateEvaluationProfile(p))).toEqual([
      'objects.department.indicators[0].score.table',
      'objects.department.indicators[1].numerator',
      'objects.department.indicators[2].weight',
      'objects.department.indicators[3].denominator',
      'objects.department.indicators[4].score.kind',
      'objects.department.indicators[4].denominator',
    ]);
  });

  it('refuses weights that do not total exactly 100 %', () => {
    // 0.25 + 0.4 + 0.3500001 = 1.0000001
    const p = edit((x) => (x.objects.acceptor!.indicators[2].weight = 0.3500001));
    expect(fieldsOf(() => validateEvaluationProfile(p))).toEqual(['objects.acceptor.indicators']);
  });

  it('refuses region-only settings elsewhere and unknown object types', () => {
    const p = edit((x) => {
      x.objects.department!.levels = ['street'];
      x.objects.department!.indicators[0].score = {
        kind: 'band',
        basis: 'perUnitGrid',
        table: 'departmentFiled',
      };
      (x.objects as Record<string, unknown>).gridWorker = x.objects.inspector;
    });
    expect(fieldsOf(() => validateEvaluationProfile(p))).toEqual([
      'objects.department.levels',
      'objects.department.indicators[0].score.basis',
      'objects.gridWorker',
    ]);
  });

  it('refuses duplicate ids, unknown exclusions and area classes', () => {
    const p = edit((x) => {
      x.exclusions.push({ ...x.exclusions[0] });
      x.objects.inspector!.indicators[1].id = 'validReportRate';
      x.objects.shiftLeader!.indicators[0].ignoreExclusions = ['hangUp'];
      x.objects.region!.indicators[1].score = {
        kind: 'band',
        basis: 'perUnitGrid',
        tableByAreaClass: { class1: 'regionFiledPerGridClass1' },
      };
    });
    expect(fieldsOf(() => validateEvaluationProfile(p))).toEqual([
      'exclusions[3].id',
      'objects.region.indicators[1].score.tableByAreaClass.class2',
      'objects.inspector.indicators[1].id',
      'objects.shiftLeader.indicators[0].ignoreExclusions',
    ]);
  });

  it('checks points composites: groups, thresholds, no weights', () => {
    const jinhua = shippedEvaluationProfiles().find((x) => x.id === 'jinhua-department')!;
    const dept = jinhua.objects.department!;
    dept.indicators[0].weight = 0.5;
    dept.indicators[1].score = {
      kind: 'thresholdDeduction',
      points: 20,
      thresholdPercent: 190,
      stepPerPercent: 1,
      floor: 30,
    };
    dept.indicators[2].group = 'nonexistent';
    expect(fieldsOf(() => validateEvaluationProfile(jinhua))).toEqual([
      'objects.department.indicators[0].weight',
      'objects.department.indicators[1].score.floor',
      'objects.department.indicators[1].score.thresholdPercent',
      'objects.department.indicators[2].group',
    ]);
  });

  it('extends only its own base', () => {
    const base = defaultEvaluationProfile();
    expect(() =>
      extendEvaluationProfile(base, { id: 'city:330700', version: 1, name: 'x', basedOn: 'CJT292-2008' }),
    ).toThrow(expect.objectContaining({ code: 'EVALUATION.PROFILE_INVALID' }));
    const city = extendEvaluationProfile(base, {
      id: 'city:330700',
      version: 2,
      name: '某市',
      basedOn: base.id,
      defaultAreaClass: 'class2',
    });
    expect([city.id, city.version, city.defaultAreaClass, Object.keys(city.objects).length]).toEqual([
      'city:330700',
      2,
      'class2',
      6,
    ]);
  });
});
