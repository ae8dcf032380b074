import { DomainError } from '../errors';
import { Rational } from '../evaluation/rational';
import {
  ACCEPTANCE_RULE_TYPES,
  type AcceptanceProfile,
  type AcceptanceRuleType,
  COMPARISON_OPS,
  EVIDENCE_KINDS,
} from './acceptance-profile';

type Obj = Record<string, unknown>;
type Bad = { field: string; message: string }[];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max = 200): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
const sum = (xs: number[]) => xs.reduce((s, x) => s.add(Rational.fromNumber(x)), Rational.ZERO);

/**
 * Checks an acceptance profile (shipped JSON or a city's own) and returns it typed; every problem
 * is listed at once as `ACCEPTANCE.PROFILE_INVALID`.
 */
export function validateAcceptanceProfile(input: unknown): AcceptanceProfile {
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
  need(typeof p.pointsKnown === 'boolean', 'pointsKnown', 'a boolean');
  need(typeof p.conclusionsKnown === 'boolean', 'conclusionsKnown', 'a boolean');
  need(
    Number.isInteger(p.reportDecimals) &&
      (p.reportDecimals as number) >= 0 &&
      (p.reportDecimals as number) <= 6,
    'reportDecimals',
    'an integer 0…6',
  );
  need(isNum(p.totalPoints) && p.totalPoints > 0, 'totalPoints', 'a number > 0');

  const itemIds = new Set<string>();
  const categoryIds = new Set<string>();
  const categoryMax: number[] = [];
  if (need(Array.isArray(p.categories) && p.categories.length > 0, 'categories', 'a non-empty list')) {
    (p.categories as unknown[]).forEach((c, i) => {
      const f = `categories[${i}]`;
      if (!isObj(c)) return void need(false, f, 'an object');
      if (need(isText(c.id, 50), `${f}.id`, 'required')) {
        need(!categoryIds.has(c.id as string), `${f}.id`, 'duplicate id');
        categoryIds.add(c.id as string);
      }
      need(isText(c.name), `${f}.name`, 'required');
      need(typeof c.pointsKnown === 'boolean', `${f}.pointsKnown`, 'a boolean');
      if (need(isNum(c.maxPoints) && c.maxPoints > 0, `${f}.maxPoints`, 'a number > 0'))
        categoryMax.push(c.maxPoints as number);
      if (!need(Array.isArray(c.items) && c.items.length > 0, `${f}.items`, 'a non-empty list')) return;
      const itemMax: number[] = [];
      (c.items as unknown[]).forEach((it, j) => {
        const g = `${f}.items[${j}]`;
        if (!isObj(it)) return void need(false, g, 'an object');
        if (need(isText(it.id, 50), `${g}.id`, 'required')) {
          need(!itemIds.has(it.id as string), `${g}.id`, 'duplicate id (item ids are unique in the profile)');
          itemIds.add(it.id as string);
        }
        need(isText(it.name), `${g}.name`, 'required');
        need(typeof it.pointsKnown === 'boolean', `${g}.pointsKnown`, 'a boolean');
        need(typeof it.mandatory === 'boolean', `${g}.mandatory`, 'a boolean');
        need(typeof it.evidenceRequired === 'boolean', `${g}.evidenceRequired`, 'a boolean');
        if (it.evidenceKinds !== undefined)
          need(
            Array.isArray(it.evidenceKinds) &&
              it.evidenceKinds.length > 0 &&
              it.evidenceKinds.every((k) => oneOf(EVIDENCE_KINDS, k)),
            `${g}.evidenceKinds`,
            `a non-empty list of ${EVIDENCE_KINDS.join(', ')}`,
          );
        const maxOk = need(isNum(it.maxPoints) && it.maxPoints > 0, `${g}.maxPoints`, 'a number > 0');
        if (maxOk) itemMax.push(it.maxPoints as number);
        if (it.passMark !== undefined)
          need(
            isNum(it.passMark) && it.passMark >= 0 && (!maxOk || it.passMark <= (it.maxPoints as number)),
            `${g}.passMark`,
            'a number 0…maxPoints',
          );
        validateRule(it.rule, `${g}.rule`, maxOk ? (it.maxPoints as number) : null, need);
      });
      if (isNum(c.maxPoints) && itemMax.length === (c.items as unknown[]).length)
        need(
          sum(itemMax).gte(Rational.fromNumber(c.maxPoints)),
          `${f}.maxPoints`,
          `more than its items can reach (${itemMax.join(' + ')})`,
        );
    });
    if (isNum(p.totalPoints) && categoryMax.length === (p.categories as unknown[]).length)
      need(
        sum(categoryMax).eq(Rational.fromNumber(p.totalPoints)),
        'totalPoints',
        `must equal the categories' sum (${categoryMax.join(' + ')})`,
      );
  }

  const bandIds = new Set<string>();
  if (
    need(
      Array.isArray(p.conclusionBands) && p.conclusionBands.length > 0,
      'conclusionBands',
      'a non-empty list of { id, name, minTotal }',
    )
  ) {
    const bands = p.conclusionBands as unknown[];
    bands.forEach((b, i) => {
      const f = `conclusionBands[${i}]`;
      if (!isObj(b)) return void need(false, f, 'an object');
      if (need(isText(b.id, 50), `${f}.id`, 'required')) {
        need(!bandIds.has(b.id as string), `${f}.id`, 'duplicate id');
        bandIds.add(b.id as string);
      }
      need(isText(b.name), `${f}.name`, 'required');
      need(isNum(b.minTotal) && b.minTotal >= 0, `${f}.minTotal`, 'a number ≥ 0');
    });
    need(
      bands.some((b) => isObj(b) && b.minTotal === 0),
      'conclusionBands',
      'one band must start at 0 so every total has a conclusion',
    );
    need(
      bandIds.has(p.mandatoryFailConclusion as string),
      'mandatoryFailConclusion',
      'the id of a conclusion band',
    );
  }

  if (bad.length) throw invalid(bad);
  return input as unknown as AcceptanceProfile;
}

function validateRule(
  rule: unknown,
  f: string,
  maxPoints: number | null,
  need: (ok: boolean, field: string, message: string) => boolean,
): void {
  if (!isObj(rule) || !oneOf(ACCEPTANCE_RULE_TYPES, rule.type))
    return void need(false, `${f}.type`, ACCEPTANCE_RULE_TYPES.join(' | '));
  const type: AcceptanceRuleType = rule.type;
  if (rule.metric !== undefined) need(isText(rule.metric, 100), `${f}.metric`, 'a metric key');
  switch (type) {
    case 'binary':
    case 'manualScore':
      need(rule.metric === undefined, `${f}.metric`, `${type} takes no metric`);
      break;
    case 'metricThreshold':
      need(oneOf(COMPARISON_OPS, rule.op), `${f}.op`, COMPARISON_OPS.join(' '));
      need(isNum(rule.value), `${f}.value`, 'a number');
      break;
    case 'gradedThreshold':
      if (
        need(
          Array.isArray(rule.bands) && rule.bands.length > 0,
          `${f}.bands`,
          'a non-empty list of { op, value, points }',
        )
      )
        (rule.bands as unknown[]).forEach((b, i) => {
          const ok =
            isObj(b) && oneOf(COMPARISON_OPS, b.op) && isNum(b.value) && isNum(b.points) && b.points >= 0;
          need(
            ok && (maxPoints === null || (b.points as number) <= maxPoints),
            `${f}.bands[${i}]`,
            '{ op, value, points 0…maxPoints }',
          );
        });
      break;
    case 'perDefectDeduction':
      need(isNum(rule.step) && rule.step > 0, `${f}.step`, 'a number > 0');
      need(
        isNum(rule.floor) && rule.floor >= 0 && (maxPoints === null || rule.floor <= maxPoints),
        `${f}.floor`,
        'a number 0…maxPoints',
      );
      break;
    case 'ratioLinear':
      need(isNum(rule.min), `${f}.min`, 'a number');
      need(isNum(rule.max) && rule.max !== rule.min, `${f}.max`, 'a number other than min');
      break;
    case 'countMissing':
      need(
        Array.isArray(rule.list) &&
          rule.list.length > 0 &&
          rule.list.every((x) => isText(x)) &&
          new Set(rule.list).size === rule.list.length,
        `${f}.list`,
        'a non-empty list of distinct names',
      );
      need(isNum(rule.step) && rule.step > 0, `${f}.step`, 'a number > 0');
      need(rule.metric === undefined, `${f}.metric`, 'countMissing takes the present entries, not a metric');
      break;
  }
}

function invalid(details: Bad): DomainError {
  return new DomainError(
    'ACCEPTANCE.PROFILE_INVALID',
    `invalid acceptance profile: ${details.map((d) => d.field || 'profile').join(', ')}`,
    details,
  );
}
