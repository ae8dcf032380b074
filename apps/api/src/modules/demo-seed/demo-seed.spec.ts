import type { DemoCityDataset } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { withCasesMovedUpTo } from './demo-seed';

const dataset = {
  cases: [
    // Reported Mon 2026-10-26 02:00Z; last step 2 days later (2 × 1440 minutes).
    {
      at: '2026-10-26T02:00Z',
      steps: [
        ['report', 0],
        ['accept', 1440],
        ['file', 1440],
      ],
    },
    { at: '2026-10-01T08:30Z', steps: [['report', 0]] },
  ],
} as unknown as DemoCityDataset;

describe('demo cases moved up to now', () => {
  it('moves every script by the same whole number of weeks, keeping weekdays, ending before now', () => {
    // Last step 2026-10-28 02:00Z; now 2026-11-28 07:00Z → 31 days 5 h later → 4 whole weeks.
    const moved = withCasesMovedUpTo(dataset, new Date('2026-11-28T07:00:00Z'));
    expect(moved.cases?.map((c) => c.at)).toEqual(['2026-11-23T02:00Z', '2026-10-29T08:30Z']);
    expect(new Date('2026-11-23T02:00Z').getUTCDay()).toBe(new Date('2026-10-26T02:00Z').getUTCDay());
  });

  it('leaves recent scripts alone', () => {
    expect(withCasesMovedUpTo(dataset, new Date('2026-11-03T00:00:00Z'))).toBe(dataset);
  });
});
