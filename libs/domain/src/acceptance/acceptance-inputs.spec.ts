import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { type AcceptanceInputs, evaluateAcceptance } from './acceptance-engine';
import { defaultAcceptanceProfile } from './acceptance-profiles';
import { perfectInputs } from './acceptance-test-factory';

function fieldsOf(inputs: AcceptanceInputs): string[] {
  try {
    evaluateAcceptance(defaultAcceptanceProfile(), inputs);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'ACCEPTANCE.INPUT_INVALID')
      return (err.details ?? []).map((d) => d.field);
    throw err;
  }
  throw new Error('expected ACCEPTANCE.INPUT_INVALID');
}

describe('acceptance inputs', () => {
  const profile = defaultAcceptanceProfile();

  it('refuses manual answers without reviewer or required evidence, and wrong evidence kinds', () => {
    const inputs = perfectInputs(profile);
    inputs.items!.A1 = { met: true, evidence: [{ kind: 'photo', ref: 'p1' }] }; // A1 takes document or link
    inputs.items!.B1 = { met: true, reviewer: 'r' };
    inputs.items!.C4 = { score: 4, reviewer: ' ', evidence: [{ kind: 'document', ref: '' }] };
    expect(fieldsOf(inputs)).toEqual([
      'items.A1.reviewer',
      'items.A1.evidence[0].kind',
      'items.B1.evidence',
      'items.C4.reviewer',
      'items.C4.evidence[0].ref',
    ]);
  });

  it('refuses values of the wrong shape and unknown items', () => {
    const inputs = perfectInputs(profile);
    const ok = { reviewer: 'r', evidence: [{ kind: 'document' as const, ref: 'd' }] };
    inputs.items!.A3 = { ...ok }; // binary without met
    inputs.items!.C5 = { ...ok, score: 3.5 }; // C5 is out of 3
    inputs.items!.D1 = { ...ok, present: ['监督指挥', '云计算'] }; // not one of the nine
    inputs.items!.Z9 = { ...ok, met: true };
    delete inputs.metrics!.gridQualityFindings;
    inputs.items!.C1 = { ...ok, value: 1.5 }; // defects are whole
    expect(fieldsOf(inputs)).toEqual([
      'items.Z9',
      'items.A3.met',
      'items.C1.value',
      'items.C5.score',
      'items.D1.present',
    ]);
  });

  it('refuses a metric that is not a finite number', () => {
    const inputs = perfectInputs(profile);
    inputs.metrics!.closeRate = { value: Number.NaN };
    expect(fieldsOf(inputs)).toEqual(['metrics.closeRate.value']);
  });

  it('prefers the computed metric over a manual value', () => {
    const inputs = perfectInputs(profile);
    inputs.items!.E1 = { value: 2, reviewer: 'r', evidence: [{ kind: 'document', ref: 'd' }] };
    // trialRunMonths metric 8 wins over the typed 2
    expect(evaluateAcceptance(profile, inputs).items.find((i) => i.id === 'E1')).toMatchObject({
      source: 'computed',
      score: 4,
    });
  });
});
