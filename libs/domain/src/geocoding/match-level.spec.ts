import { describe, expect, it } from 'vitest';
import {
  bestMatchLevel,
  compareMatchLevels,
  isPointLevel,
  MATCH_LEVELS,
  type MatchLevel,
} from './match-level';

describe('match levels', () => {
  it('orders levels from a stored doorplate down to nothing', () => {
    const shuffled: MatchLevel[] = [
      'NONE',
      'STREET',
      'DOORPLATE',
      'REGION',
      'CROSSING',
      'POI',
      'ZONE',
      'BLOCK',
      'STREET_INTERPOLATED',
    ];
    expect([...shuffled].sort(compareMatchLevels)).toEqual(MATCH_LEVELS);
  });

  it('prefers the more precise level', () => {
    expect(bestMatchLevel('STREET', 'STREET_INTERPOLATED')).toBe('STREET_INTERPOLATED');
    expect(bestMatchLevel('POI', 'REGION')).toBe('POI');
    expect(bestMatchLevel('NONE', 'NONE')).toBe('NONE');
  });

  it('calls only doorplate, POI, crossing and interpolated results point-precise', () => {
    expect(MATCH_LEVELS.filter(isPointLevel)).toEqual([
      'DOORPLATE',
      'POI',
      'CROSSING',
      'STREET_INTERPOLATED',
    ]);
  });
});
