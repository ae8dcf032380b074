import { describe, expect, it } from 'vitest';
import { exifTime } from './photo-processing';

describe('exifTime', () => {
  it('reads the wall-clock time in the city zone when EXIF has no offset', () => {
    // 10:30 in Asia/Shanghai (UTC+8) = 02:30 UTC
    expect(exifTime('2026:11:20 10:30:00', undefined, 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-20T02:30:00.000Z',
    );
  });

  it('uses OffsetTimeOriginal when present', () => {
    // 10:30 at -05:00 = 15:30 UTC
    expect(exifTime('2026:11:20 10:30:00', '-05:00', 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-20T15:30:00.000Z',
    );
  });

  it('gives null for missing or malformed times', () => {
    expect(exifTime(undefined, undefined, 'Asia/Shanghai')).toBeNull();
    expect(exifTime('0000:00:00 00:00:00', undefined, 'Asia/Shanghai')).toBeNull();
    expect(exifTime('yesterday', undefined, 'Asia/Shanghai')).toBeNull();
  });
});
