import { describe, expect, it } from 'vitest';
import { isFinal, problemRows, progressPercent } from './import-progress';

describe('import progress and report', () => {
  it('numbers grid and component problems from 1, keeps history lines as they are', () => {
    expect(
      problemRows({
        errors: [
          { index: 0, code: '330105001001001', reason: 'overlap' },
          { line: 17, caseNo: '202600000001', reason: 'unknown class' },
          { reason: 'file unreadable' },
        ],
      }),
    ).toEqual([
      { line: 1, code: '330105001001001', reason: 'overlap' },
      { line: 17, code: '202600000001', reason: 'unknown class' },
      { line: null, code: null, reason: 'file unreadable' },
    ]);
  });

  it('takes the job’s percent, else processed / total, and 100 once done', () => {
    expect(progressPercent({ status: 'applying', percent: 42, processed: 0, total: null })).toBe(42);
    // 250 of 1,000 rows → 25 %.
    expect(progressPercent({ status: 'validating', percent: 0, processed: 250, total: 1000 })).toBe(25);
    expect(progressPercent({ status: 'done', percent: 99, processed: 1, total: 1 })).toBe(100);
    expect(progressPercent({ status: 'queued', percent: 0, processed: 0, total: null })).toBe(0);
  });

  it('stops polling at invalid, done and failed', () => {
    expect(
      ['queued', 'validating', 'applying', 'invalid', 'done', 'failed'].map((status) => isFinal({ status })),
    ).toEqual([false, false, false, true, true, true]);
  });
});
