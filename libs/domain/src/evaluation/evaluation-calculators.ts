import { DomainError } from '../errors';
import { type CountId, type EvaluationCounts } from './evaluation-counts';
import {
  computeEvaluation,
  type EvaluationContext,
  type EvaluationResult,
  objectDefinition,
  requiredCounts,
} from './evaluation-engine';
import {
  EVALUATION_OBJECT_TYPES,
  type EvaluationObjectType,
  type EvaluationProfile,
} from './evaluation-profile';

/**
 * Calculators behind one interface: one per evaluation object type (区域, 部门, 监督员, 受理员,
 * 值班长, 派遣员). Each binds its object type and checks the context that type needs; the
 * indicators, weights and bands come from the profile, so all share one engine.
 */
export interface EvaluationCalculator {
  readonly objectType: EvaluationObjectType;
  /** Chinese name of the object type. */
  readonly nameZh: string;
  evaluate(
    counts: EvaluationCounts,
    profile: EvaluationProfile,
    context?: EvaluationContext,
  ): EvaluationResult;
  /** The counts this calculator reads under the profile (what the counting SQL must provide). */
  requiredCounts(profile: EvaluationProfile): CountId[];
}

abstract class ObjectCalculator implements EvaluationCalculator {
  abstract readonly objectType: EvaluationObjectType;
  abstract readonly nameZh: string;

  evaluate(
    counts: EvaluationCounts,
    profile: EvaluationProfile,
    context: EvaluationContext = {},
  ): EvaluationResult {
    this.checkContext(profile, context);
    return computeEvaluation(this.objectType, counts, profile, context);
  }

  requiredCounts(profile: EvaluationProfile): CountId[] {
    return requiredCounts(this.objectType, profile);
  }

  protected checkContext(_profile: EvaluationProfile, context: EvaluationContext): void {
    if (context.regionLevel !== undefined || context.areaClass !== undefined)
      throw new DomainError(
        'EVALUATION.CONTEXT_INVALID',
        `${this.objectType} is not a region: regionLevel and areaClass do not apply`,
      );
  }
}

/** 区域评价: district, street, community or unit grid (spec 05 §3). */
export class RegionEvaluationCalculator extends ObjectCalculator {
  readonly objectType = 'region' as const;
  readonly nameZh = '区域';

  protected override checkContext(profile: EvaluationProfile, context: EvaluationContext): void {
    const levels = objectDefinition(profile, 'region').levels;
    if (context.regionLevel !== undefined && levels && !levels.includes(context.regionLevel))
      throw new DomainError(
        'EVALUATION.CONTEXT_INVALID',
        `profile ${profile.id} evaluates regions at ${levels.join(', ')}, not ${context.regionLevel}`,
      );
  }
}

/** 专业部门评价 (spec 05 §4). */
export class DepartmentEvaluationCalculator extends ObjectCalculator {
  readonly objectType = 'department' as const;
  readonly nameZh = '专业部门';
}

/** 监督员评价 (spec 05 §5). */
export class InspectorEvaluationCalculator extends ObjectCalculator {
  readonly objectType = 'inspector' as const;
  readonly nameZh = '监督员';
}

/** 受理员评价 (spec 05 §6). */
export class AcceptorEvaluationCalculator extends ObjectCalculator {
  readonly objectType = 'acceptor' as const;
  readonly nameZh = '受理员';
}

/** 值班长评价 (spec 05 §6). */
export class ShiftLeaderEvaluationCalculator extends ObjectCalculator {
  readonly objectType = 'shiftLeader' as const;
  readonly nameZh = '值班长';
}

/** 派遣员评价 (spec 05 §6). */
export class DispatcherEvaluationCalculator extends ObjectCalculator {
  readonly objectType = 'dispatcher' as const;
  readonly nameZh = '派遣员';
}

const CALCULATORS: Record<EvaluationObjectType, EvaluationCalculator> = {
  region: new RegionEvaluationCalculator(),
  department: new DepartmentEvaluationCalculator(),
  inspector: new InspectorEvaluationCalculator(),
  acceptor: new AcceptorEvaluationCalculator(),
  shiftLeader: new ShiftLeaderEvaluationCalculator(),
  dispatcher: new DispatcherEvaluationCalculator(),
};

/** The calculator of an object type. */
export function calculatorFor(objectType: EvaluationObjectType): EvaluationCalculator {
  const c = (CALCULATORS as Partial<Record<string, EvaluationCalculator>>)[objectType];
  if (!c)
    throw new DomainError(
      'EVALUATION.OBJECT_TYPE_UNSUPPORTED',
      `unknown evaluation object type ${String(objectType)} (${EVALUATION_OBJECT_TYPES.join(', ')})`,
    );
  return c;
}

/** evaluateObject(objectType, counts, profile[, context]) → indicators, 综合指标值, 评价等级. */
export function evaluateObject(
  objectType: EvaluationObjectType,
  counts: EvaluationCounts,
  profile: EvaluationProfile,
  context: EvaluationContext = {},
): EvaluationResult {
  return calculatorFor(objectType).evaluate(counts, profile, context);
}
