import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AREA_CLASS,
  disposalLimitOf,
  type FilingStandard,
  filingCandidates,
  milestoneDeadlines,
  resolveFilingStandard,
  resolveStageLimit,
  snapshotFiling,
  type StageLimit,
  validateFilingStandard,
  validateStageLimits,
} from './filing-standard';
import { cst, testCalendar } from './test-calendar';

let seq = 0;
function standard(patch: Partial<FilingStandard>): FilingStandard {
  seq += 1;
  return {
    id: `fs-${seq}`,
    profileId: 'default',
    version: 1,
    kind: 'component',
    smallClassCode: '0102',
    areaClass: DEFAULT_AREA_CLASS,
    conditionCode: '010201',
    conditionText: '污水井盖缺失',
    closeConditionText: '井盖已恢复',
    urgency: 'normal',
    disposalLimit: {
      milestones: [
        { name: '到场', value: 30, unit: 'minute', basis: 'natural' },
        { name: '修复', value: 6, unit: 'hour', basis: 'natural' },
      ],
    },
    responsibleUnitRule: 'component_owner',
    responsibleDepartmentCode: null,
    validFrom: '2000-01-01',
    validTo: null,
    ...patch,
  };
}

const coverDefault = standard({});
const coverUrban = standard({
  areaClass: 'urban',
  conditionCode: '010202',
  disposalLimit: { milestones: [{ name: '处置', value: 2, unit: 'hour', basis: 'natural' }] },
});
const coverUrgent = standard({
  urgency: 'urgent',
  conditionCode: '010203',
  disposalLimit: { milestones: [{ name: '处置', value: 1, unit: 'hour', basis: 'natural' }] },
});
const componentDefault = standard({
  smallClassCode: null,
  conditionCode: 'DEFAULT',
  disposalLimit: { milestones: [{ name: '处置', value: 2, unit: 'working_day', basis: 'working' }] },
});
const oldLamp = standard({
  smallClassCode: '0118',
  conditionCode: '011801',
  validFrom: '2000-01-01',
  validTo: '2026-06-01',
});
const newLamp = standard({
  smallClassCode: '0118',
  conditionCode: '011801',
  version: 2,
  validFrom: '2026-06-01',
});
const all = [coverDefault, coverUrban, coverUrgent, componentDefault, oldLamp, newLamp];

describe('resolveFilingStandard', () => {
  it('takes the exact area class first', () => {
    const r = resolveFilingStandard(all, {
      kind: 'component',
      smallClassCode: '0102',
      areaClass: 'urban',
      at: '2026-11-30',
    });
    expect(r).toEqual({ standard: coverUrban, matchedBy: 'exact_area' });
  });

  it('falls back to the default area class, then to the kind default', () => {
    expect(
      resolveFilingStandard(all, {
        kind: 'component',
        smallClassCode: '0102',
        areaClass: 'fringe',
        at: '2026-11-30',
      }),
    ).toEqual({ standard: coverDefault, matchedBy: 'default_area' });
    expect(
      resolveFilingStandard(all, { kind: 'component', smallClassCode: '0103', at: '2026-11-30' }),
    ).toEqual({ standard: componentDefault, matchedBy: 'kind_default' });
  });

  it('prefers the case urgency, then normal', () => {
    expect(
      resolveFilingStandard(all, {
        kind: 'component',
        smallClassCode: '0102',
        urgency: 'urgent',
        at: '2026-11-30',
      }).standard,
    ).toBe(coverUrgent);
    // No urgent row in the urban area: the urban normal row beats the default area's urgent row.
    expect(
      resolveFilingStandard(all, {
        kind: 'component',
        smallClassCode: '0102',
        areaClass: 'urban',
        urgency: 'urgent',
        at: '2026-11-30',
      }).standard,
    ).toBe(coverUrban);
  });

  it('picks the version in force on the date (validTo is the first day out of force)', () => {
    expect(
      resolveFilingStandard(all, { kind: 'component', smallClassCode: '0118', at: '2026-05-31' }).standard,
    ).toBe(oldLamp);
    expect(
      resolveFilingStandard(all, { kind: 'component', smallClassCode: '0118', at: '2026-06-01' }).standard,
    ).toBe(newLamp);
  });

  it('honours a chosen condition and lists every candidate best first', () => {
    expect(
      filingCandidates(all, {
        kind: 'component',
        smallClassCode: '0102',
        areaClass: 'urban',
        at: '2026-11-30',
      }).map((c) => c.standard),
    ).toEqual([coverUrban, coverDefault, componentDefault]);
    expect(
      resolveFilingStandard(all, {
        kind: 'component',
        smallClassCode: '0102',
        areaClass: 'urban',
        conditionCode: '010201',
        at: '2026-11-30',
      }).standard,
    ).toBe(coverDefault);
  });

  it('fails with a stable code when nothing applies', () => {
    expect(() =>
      resolveFilingStandard(all, { kind: 'event', smallClassCode: '0102', at: '2026-11-30' }),
    ).toThrow(expect.objectContaining({ code: 'TIMELIMIT.NO_FILING_STANDARD' }));
  });
});

describe('stage limits and the filing snapshot', () => {
  const limits: StageLimit[] = [
    { stage: 'file', urgency: 'normal', value: 15, unit: 'minute', basis: 'natural' },
    { stage: 'file', urgency: 'urgent', value: 5, unit: 'minute', basis: 'natural' },
    { stage: 'check', urgency: 'normal', value: 60, unit: 'minute', basis: 'natural' },
  ];

  it('resolves the urgency row, else normal, else null', () => {
    expect(resolveStageLimit(limits, 'file', 'urgent')?.value).toBe(5);
    expect(resolveStageLimit(limits, 'check', 'urgent')?.value).toBe(60);
    expect(resolveStageLimit(limits, 'close', 'normal')).toBeNull();
  });

  it('copies the limits in force: the last milestone is the 处置时限', () => {
    const snap = snapshotFiling({ standard: coverDefault, matchedBy: 'default_area' }, limits, 'urgent');
    expect(snap).toMatchObject({
      filingStandardId: coverDefault.id,
      version: 1,
      urgency: 'urgent',
      matchedBy: 'default_area',
      disposalLimit: { value: 6, unit: 'hour', basis: 'natural' },
      stageLimits: {
        file: { value: 5, unit: 'minute', basis: 'natural' },
        check: { value: 60, unit: 'minute', basis: 'natural' },
      },
    });
    expect(snap.milestones).toHaveLength(2);
    expect(snap.milestones).not.toBe(coverDefault.disposalLimit.milestones);
  });

  it('computes each milestone from the dispatch: 09:00 + 30 min, + 6 h', () => {
    expect(milestoneDeadlines(cst('2026-11-30 09:00'), coverDefault.disposalLimit, testCalendar())).toEqual([
      { name: '到场', deadline: cst('2026-11-30 09:30').toISOString() },
      { name: '修复', deadline: cst('2026-11-30 15:00').toISOString() },
    ]);
    expect(disposalLimitOf(coverUrban)).toEqual({ value: 2, unit: 'hour', basis: 'natural' });
  });
});

describe('validation', () => {
  it('lists every bad field of a filing standard', () => {
    try {
      validateFilingStandard({
        ...coverDefault,
        smallClassCode: '12',
        conditionText: ' ',
        disposalLimit: { milestones: [] },
        responsibleUnitRule: 'fixed_department',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'TIMELIMIT.FILING_STANDARD_INVALID' });
      const fields = (err as { details: { field: string }[] }).details.map((d) => d.field);
      expect(fields).toEqual([
        'smallClassCode',
        'conditionText',
        'responsibleDepartmentCode',
        'disposalLimit.milestones',
      ]);
    }
  });

  it('refuses a milestone whose basis contradicts its unit', () => {
    expect(() =>
      validateFilingStandard({
        ...coverDefault,
        disposalLimit: { milestones: [{ name: 'x', value: 1, unit: 'working_day', basis: 'natural' }] },
      }),
    ).toThrow(expect.objectContaining({ code: 'TIMELIMIT.FILING_STANDARD_INVALID' }));
  });

  it('refuses duplicate stage rows and the dispose stage', () => {
    const row: StageLimit = { stage: 'file', urgency: 'normal', value: 1, unit: 'minute', basis: 'natural' };
    expect(() => validateStageLimits([row, row])).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.STAGE_LIMIT_INVALID' }),
    );
    expect(() => validateStageLimits([{ ...row, stage: 'dispose' }])).toThrow(
      expect.objectContaining({ code: 'TIMELIMIT.STAGE_LIMIT_INVALID' }),
    );
    expect(() => validateStageLimits([row])).not.toThrow();
  });
});
