import type { GridQualityCheck, GridQualityFinding, GridQualitySeverity } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { countBySeverity, findingMessage, findingsToFeatures, groupFindingsByCheck } from './group-findings';

function newFinding(
  check: GridQualityCheck,
  severity: GridQualitySeverity,
  point: [number, number] = [120.1, 30.3],
): GridQualityFinding {
  return {
    check,
    severity,
    messageKey: `gridQuality.${check}`,
    params: {},
    message: `${check} in English`,
    messageZh: `${check} 中文`,
    codes: ['330105001001001'],
    point,
  };
}

describe('groupFindingsByCheck', () => {
  it('counts per check in the checks order, with the worst severity of each', () => {
    const findings = [
      newFinding('gap', 'warning'),
      newFinding('overlap', 'error'),
      newFinding('gap', 'error'),
      newFinding('area-out-of-bounds', 'warning'),
      newFinding('gap', 'warning'),
    ];
    expect(groupFindingsByCheck(findings)).toEqual([
      { check: 'area-out-of-bounds', count: 1, severity: 'warning' },
      { check: 'overlap', count: 1, severity: 'error' },
      // 3 gaps, one of them an error.
      { check: 'gap', count: 3, severity: 'error' },
    ]);
  });

  it('is empty without findings', () => {
    expect(groupFindingsByCheck([])).toEqual([]);
  });
});

describe('countBySeverity', () => {
  it('splits errors and warnings', () => {
    const findings = [
      newFinding('gap', 'warning'),
      newFinding('overlap', 'error'),
      newFinding('gap', 'warning'),
    ];
    expect(countBySeverity(findings)).toEqual({ error: 1, warning: 2 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0 });
  });
});

describe('findingMessage', () => {
  it('picks the Chinese text for zh languages and English otherwise', () => {
    const finding = newFinding('overlap', 'error');
    expect(findingMessage(finding, 'zh-CN')).toBe('overlap 中文');
    expect(findingMessage(finding, 'en')).toBe('overlap in English');
  });
});

describe('findingsToFeatures', () => {
  it('keeps each finding index and draws errors last', () => {
    const collection = findingsToFeatures([
      newFinding('overlap', 'error', [120.1, 30.1]),
      newFinding('gap', 'warning', [120.2, 30.2]),
    ]);
    expect(collection.features.map((f) => [f.properties.index, f.properties.severity])).toEqual([
      [1, 'warning'],
      [0, 'error'],
    ]);
    expect(collection.features[1].geometry).toEqual({ type: 'Point', coordinates: [120.1, 30.1] });
  });
});
