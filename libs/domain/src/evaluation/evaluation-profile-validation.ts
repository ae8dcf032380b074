import { DomainError } from '../errors';
import { isCountId } from './evaluation-counts';
import {
  BAND_BASES,
  type CountExpression,
  EVALUATION_OBJECT_TYPES,
  type EvaluationProfile,
  PERIOD_KINDS,
  POINTS_RULES,
  RATE_RULES,
  REGION_LEVELS,
  type ScoreRuleKind,
  WEIGHTED_RULES,
  ZERO_DENOMINATOR_POLICIES,
} from './evaluation-profile';
import { Rational, ROUNDING_MODES } from './rational';

type Bad = { field: string; message: string }[];
type Obj = Record<string, unknown>;

const SCORE_RULE_KINDS: readonly ScoreRuleKind[] = [
  'rateTimes100',
  'oneMinusRateTimes100',
  'band',
  'thresholdDeduction',
  'deductionBelowThreshold',
  'perCaseDeduction',
  'displayOnly',
];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max = 200): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

/**
 * Checks a profile a city sends (or a shipped JSON file) and returns it typed. Every problem is
 * reported at once, each with its field path, as `EVALUATION.PROFILE_INVALID`. Weights of a
 * weighted sum must total exactly 100 % (the check the region weight 10 % of one platform fails).
 */
export function validateEvaluationProfile(input: unknown): EvaluationProfile {
  const bad: Bad = [];
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) bad.push({ field, message });
    return ok;
  };
  if (!isObj(input)) throw invalid([{ field: '', message: 'a profile object' }]);
  const p = input;

  need(isText(p.id, 100), 'id', 'required, at most 100 characters');
  need(Number.isSafeInteger(p.version) && (p.version as number) >= 1, 'version', 'an integer ≥ 1');
  need(isText(p.name), 'name', 'required');

  // periods
  if (need(isObj(p.periods), 'periods', 'required')) {
    const per = p.periods as Obj;
    const allowed = per.allowed;
    if (
      need(
        Array.isArray(allowed) && allowed.length > 0 && allowed.every((k) => oneOf(PERIOD_KINDS, k)),
        'periods.allowed',
        `a non-empty list of ${PERIOD_KINDS.join(', ')}`,
      )
    )
      need(
        oneOf(PERIOD_KINDS, per.default) && (allowed as unknown[]).includes(per.default),
        'periods.default',
        'one of periods.allowed',
      );
  }

  // rounding
  if (need(isObj(p.rounding), 'rounding', 'required')) {
    const r = p.rounding as Obj;
    need(
      Number.isInteger(r.reportDecimals) &&
        (r.reportDecimals as number) >= 0 &&
        (r.reportDecimals as number) <= 6,
      'rounding.reportDecimals',
      'an integer 0…6',
    );
    need(oneOf(ROUNDING_MODES, r.mode), 'rounding.mode', ROUNDING_MODES.join(' | '));
    need(
      r.compute === 'fullPrecision' || r.compute === 'roundScoresFirst',
      'rounding.compute',
      'fullPrecision | roundScoresFirst',
    );
    need(r.gradeOn === 'unrounded' || r.gradeOn === 'reported', 'rounding.gradeOn', 'unrounded | reported');
  }

  if (need(isObj(p.zeroDenominator), 'zeroDenominator', 'required')) {
    const z = p.zeroDenominator as Obj;
    need(
      oneOf(ZERO_DENOMINATOR_POLICIES, z.policy),
      'zeroDenominator.policy',
      ZERO_DENOMINATOR_POLICIES.join(' | '),
    );
    need(typeof z.flagResult === 'boolean', 'zeroDenominator.flagResult', 'a boolean');
  }

  // exclusions
  const exclusionIds = new Set<string>();
  if (need(Array.isArray(p.exclusions), 'exclusions', 'a list (may be empty)')) {
    (p.exclusions as unknown[]).forEach((e, i) => {
      const f = `exclusions[${i}]`;
      if (!isObj(e)) return void need(false, f, 'an object');
      if (
        need(isText(e.id, 50), `${f}.id`, 'required') &&
        !need(!exclusionIds.has(e.id as string), `${f}.id`, 'duplicate id')
      )
        return;
      exclusionIds.add(e.id as string);
      need(isText(e.name), `${f}.name`, 'required');
      need(typeof e.enabled === 'boolean', `${f}.enabled`, 'a boolean');
      if (
        need(
          Array.isArray(e.adjust) && e.adjust.length > 0,
          `${f}.adjust`,
          'a non-empty list of { count, subtract }',
        )
      )
        (e.adjust as unknown[]).forEach((a, j) => {
          need(isObj(a) && isCountId(a.count), `${f}.adjust[${j}].count`, 'a count id');
          need(isObj(a) && isCountId(a.subtract), `${f}.adjust[${j}].subtract`, 'a count id');
        });
    });
  }

  // area classes
  const areaClassIds = new Set<string>();
  if (
    need(
      Array.isArray(p.areaClasses) && p.areaClasses.length > 0,
      'areaClasses',
      'a non-empty list of { id, name }',
    )
  ) {
    (p.areaClasses as unknown[]).forEach((a, i) => {
      if (need(isObj(a) && isText(a.id, 50) && isText(a.name), `areaClasses[${i}]`, '{ id, name }')) {
        const id = (a as Obj).id as string;
        need(!areaClassIds.has(id), `areaClasses[${i}].id`, 'duplicate id');
        areaClassIds.add(id);
      }
    });
    need(areaClassIds.has(p.defaultAreaClass as string), 'defaultAreaClass', 'one of areaClasses');
  }
  need(
    p.workloadBandScaling === 'monthlyEquivalent' || p.workloadBandScaling === 'none',
    'workloadBandScaling',
    'monthlyEquivalent | none',
  );

  if (need(isObj(p.countingRules), 'countingRules', 'required')) {
    const c = p.countingRules as Obj;
    need(
      typeof c.inspectorReportsExcludeSelfHandled === 'boolean',
      'countingRules.inspectorReportsExcludeSelfHandled',
      'a boolean',
    );
    need(
      typeof c.reworkCountedOncePerCase === 'boolean',
      'countingRules.reworkCountedOncePerCase',
      'a boolean',
    );
    need(c.attributeCaseBy === 'reportTime', 'countingRules.attributeCaseBy', 'reportTime');
  }

  // band tables
  const tableIds = new Set<string>();
  if (need(isObj(p.bandTables), 'bandTables', 'an object of named tables')) {
    for (const [id, t] of Object.entries(p.bandTables as Obj)) {
      const f = `bandTables.${id}`;
      tableIds.add(id);
      if (!isObj(t)) {
        need(false, f, 'a table');
        continue;
      }
      need(isText(t.name), `${f}.name`, 'required');
      if (
        !need(
          Array.isArray(t.rows) && t.rows.length > 0,
          `${f}.rows`,
          'a non-empty list of { min, max, score }',
        )
      )
        continue;
      const rows = t.rows as unknown[];
      let prevMax: number | null = null;
      rows.forEach((row, i) => {
        const rf = `${f}.rows[${i}]`;
        if (!isObj(row)) return void need(false, rf, 'an object');
        const last = i === rows.length - 1;
        need(isNum(row.min), `${rf}.min`, 'a number');
        need(isNum(row.score), `${rf}.score`, 'a number');
        if (last) need(row.max === null, `${rf}.max`, 'null on the last row, so every value has a band');
        else if (need(isNum(row.max), `${rf}.max`, 'a number (only the last row is open-ended)')) {
          need(
            prevMax === null || (row.max as number) > prevMax,
            `${rf}.max`,
            'greater than the previous row’s max',
          );
          need(!isNum(row.min) || row.min <= (row.max as number), `${rf}.min`, 'at most max');
          prevMax = row.max as number;
        }
      });
    }
  }

  // grade bands: contiguous, no overlap; may be empty (a points profile without grades)
  if (need(Array.isArray(p.gradeBands), 'gradeBands', 'a list (may be empty)')) {
    const bands = p.gradeBands as unknown[];
    const ok = bands.every((b, i) => {
      const f = `gradeBands[${i}]`;
      return (
        need(isObj(b) && isText(b.grade, 20), `${f}.grade`, 'required') &&
        need(
          isNum((b as Obj).min) &&
            isNum((b as Obj).max) &&
            ((b as Obj).min as number) < ((b as Obj).max as number),
          `${f}`,
          'min < max',
        ) &&
        need(
          isText((b as Obj).colour, 50) && isText((b as Obj).colourZh, 50),
          `${f}.colour`,
          'colour and colourZh required',
        )
      );
    });
    if (ok) {
      const sorted = [...(bands as { min: number; max: number }[])].sort((a, b) => a.min - b.min);
      for (let i = 1; i < sorted.length; i++)
        need(
          sorted[i].min === sorted[i - 1].max,
          'gradeBands',
          `bands must touch without gap or overlap (${sorted[i - 1].max} vs ${sorted[i].min})`,
        );
    }
  }

  if (need(isObj(p.ranking), 'ranking', 'required')) {
    const r = p.ranking as Obj;
    need(r.basis === 'reported' || r.basis === 'unrounded', 'ranking.basis', 'reported | unrounded');
    need(r.ties === 'shared' || r.ties === 'dense', 'ranking.ties', 'shared | dense');
  }

  // objects
  if (
    need(isObj(p.objects) && Object.keys(p.objects).length > 0, 'objects', 'at least one evaluation object')
  ) {
    for (const [type, def] of Object.entries(p.objects as Obj)) {
      const f = `objects.${type}`;
      if (
        !need(
          oneOf(EVALUATION_OBJECT_TYPES, type),
          f,
          `an object type: ${EVALUATION_OBJECT_TYPES.join(', ')}`,
        )
      )
        continue;
      if (!isObj(def)) {
        need(false, f, 'an object');
        continue;
      }
      validateObject(def, f, type, { tableIds, areaClassIds, exclusionIds }, need);
    }
  }

  if (bad.length) throw invalid(bad);
  return input as unknown as EvaluationProfile;
}

function validateObject(
  def: Obj,
  f: string,
  type: string,
  refs: { tableIds: Set<string>; areaClassIds: Set<string>; exclusionIds: Set<string> },
  need: (ok: boolean, field: string, message: string) => boolean,
): void {
  need(isText(def.name), `${f}.name`, 'required');
  if (def.levels !== undefined)
    need(
      type === 'region' && Array.isArray(def.levels) && def.levels.every((l) => oneOf(REGION_LEVELS, l)),
      `${f}.levels`,
      `region only: ${REGION_LEVELS.join(', ')}`,
    );
  const comp = def.composite;
  let method: 'weightedSum' | 'points' | undefined;
  const groupIds = new Set<string>();
  if (!isObj(comp)) need(false, `${f}.composite`, 'required');
  else {
    if (comp.method === 'weightedSum') method = 'weightedSum';
    else if (comp.method === 'points') {
      method = 'points';
      need(isNum(comp.totalPoints) && comp.totalPoints > 0, `${f}.composite.totalPoints`, 'a number > 0');
      if (comp.groups !== undefined && need(Array.isArray(comp.groups), `${f}.composite.groups`, 'a list'))
        (comp.groups as unknown[]).forEach((g, i) => {
          if (
            need(
              isObj(g) && isText(g.id, 50) && isText(g.name) && isNum(g.maxPoints) && g.maxPoints >= 0,
              `${f}.composite.groups[${i}]`,
              '{ id, name, maxPoints ≥ 0 }',
            )
          )
            groupIds.add((g as Obj).id as string);
        });
    } else need(false, `${f}.composite.method`, 'weightedSum | points');
  }
  if (
    !need(Array.isArray(def.indicators) && def.indicators.length > 0, `${f}.indicators`, 'a non-empty list')
  )
    return;
  const ids = new Set<string>();
  let weightSum = Rational.ZERO;
  let scored = 0;
  (def.indicators as unknown[]).forEach((ind, i) => {
    const g = `${f}.indicators[${i}]`;
    if (!isObj(ind)) return void need(false, g, 'an object');
    if (need(isText(ind.id, 50), `${g}.id`, 'required')) {
      need(!ids.has(ind.id as string), `${g}.id`, 'duplicate id');
      ids.add(ind.id as string);
    }
    need(isText(ind.name), `${g}.name`, 'required');
    need(
      isExpression(ind.numerator),
      `${g}.numerator`,
      'a count id or { plus: [count ids], minus?: [count ids] }',
    );
    if (ind.denominator !== undefined)
      need(isExpression(ind.denominator), `${g}.denominator`, 'a count id or { plus, minus? }');
    if (ind.ignoreExclusions !== undefined)
      need(
        Array.isArray(ind.ignoreExclusions) &&
          ind.ignoreExclusions.every((x) => refs.exclusionIds.has(x as string)),
        `${g}.ignoreExclusions`,
        'exclusion ids of this profile',
      );
    const rule = ind.score;
    if (
      !need(
        isObj(rule) && oneOf(SCORE_RULE_KINDS, rule.kind),
        `${g}.score.kind`,
        SCORE_RULE_KINDS.join(' | '),
      )
    )
      return;
    const kind = (rule as Obj).kind as ScoreRuleKind;
    const r = rule as Obj;
    if (method === 'weightedSum')
      need(
        WEIGHTED_RULES.includes(kind),
        `${g}.score.kind`,
        `a weighted-sum composite takes ${WEIGHTED_RULES.join(', ')}`,
      );
    if (method === 'points')
      need(
        POINTS_RULES.includes(kind),
        `${g}.score.kind`,
        `a points composite takes ${POINTS_RULES.join(', ')}`,
      );
    if (RATE_RULES.includes(kind))
      need(ind.denominator !== undefined, `${g}.denominator`, `required by ${kind}`);
    if (kind === 'band' || kind === 'perCaseDeduction')
      need(ind.denominator === undefined, `${g}.denominator`, `${kind} scores a count, not a rate`);
    switch (kind) {
      case 'band': {
        need(oneOf(BAND_BASES, r.basis), `${g}.score.basis`, BAND_BASES.join(' | '));
        if (r.basis === 'perUnitGrid')
          need(type === 'region', `${g}.score.basis`, 'perUnitGrid is for regions');
        const single = r.table !== undefined;
        const byClass = r.tableByAreaClass !== undefined;
        if (need(single !== byClass, `${g}.score`, 'exactly one of table, tableByAreaClass')) {
          if (single)
            need(refs.tableIds.has(r.table as string), `${g}.score.table`, 'a band table of this profile');
          else if (
            need(isObj(r.tableByAreaClass), `${g}.score.tableByAreaClass`, 'an object area class → table')
          ) {
            const m = r.tableByAreaClass as Obj;
            for (const c of refs.areaClassIds)
              need(
                refs.tableIds.has(m[c] as string),
                `${g}.score.tableByAreaClass.${c}`,
                'a band table of this profile',
              );
            for (const c of Object.keys(m))
              need(refs.areaClassIds.has(c), `${g}.score.tableByAreaClass.${c}`, 'not an area class');
          }
        }
        break;
      }
      case 'thresholdDeduction':
        need(isNum(r.points) && r.points > 0, `${g}.score.points`, 'a number > 0');
        need(
          isNum(r.floor) && r.floor >= 0 && (!isNum(r.points) || r.floor <= r.points),
          `${g}.score.floor`,
          'a number 0…points',
        );
        need(
          isNum(r.thresholdPercent) && r.thresholdPercent >= 0 && r.thresholdPercent <= 100,
          `${g}.score.thresholdPercent`,
          'a number 0…100',
        );
        need(isNum(r.stepPerPercent) && r.stepPerPercent >= 0, `${g}.score.stepPerPercent`, 'a number ≥ 0');
        break;
      case 'deductionBelowThreshold':
        need(
          isNum(r.thresholdPercent) && r.thresholdPercent >= 0 && r.thresholdPercent <= 100,
          `${g}.score.thresholdPercent`,
          'a number 0…100',
        );
        need(isNum(r.stepPerPercent) && r.stepPerPercent >= 0, `${g}.score.stepPerPercent`, 'a number ≥ 0');
        break;
      case 'perCaseDeduction':
        need(isNum(r.step) && r.step >= 0, `${g}.score.step`, 'a number ≥ 0');
        break;
      case 'rateTimes100':
      case 'oneMinusRateTimes100':
      case 'displayOnly':
        break;
    }
    if (kind === 'displayOnly' || method === 'points') {
      need(
        ind.weight === undefined,
        `${g}.weight`,
        kind === 'displayOnly'
          ? 'a display-only indicator has no weight'
          : 'a points composite has no weights',
      );
    } else if (
      need(isNum(ind.weight) && ind.weight > 0 && ind.weight <= 1, `${g}.weight`, 'a number in (0, 1]')
    ) {
      weightSum = weightSum.add(Rational.fromNumber(ind.weight as number));
      scored++;
    }
    if (ind.group !== undefined)
      need(
        method === 'points' && groupIds.has(ind.group as string),
        `${g}.group`,
        'a group of this points composite',
      );
  });
  if (method === 'weightedSum' && scored > 0)
    need(
      weightSum.eq(Rational.ONE),
      `${f}.indicators`,
      `weights must total 100 % (they total ${weightSum.mul(Rational.HUNDRED).toNumber(4, 'halfUp')} %)`,
    );
  if (method === 'weightedSum') need(scored > 0, `${f}.indicators`, 'at least one weighted indicator');
}

function isExpression(e: unknown): e is CountExpression {
  if (isCountId(e)) return true;
  if (!isObj(e)) return false;
  const plusOk = Array.isArray(e.plus) && e.plus.length > 0 && e.plus.every(isCountId);
  const minusOk = e.minus === undefined || (Array.isArray(e.minus) && e.minus.every(isCountId));
  return plusOk && minusOk;
}

function invalid(details: Bad): DomainError {
  return new DomainError(
    'EVALUATION.PROFILE_INVALID',
    `invalid evaluation profile: ${details.map((d) => d.field || 'profile').join(', ')}`,
    details,
  );
}
