import { describe, expect, it } from 'vitest';
import { DESKS, OPEN_STATES, deskAccess, homePathFor, visibleDesks } from './desks';

describe('desks', () => {
  it('lands each desk role on its desk, the leader on the dashboard and the admin on the map', () => {
    expect(homePathFor('operator')).toBe('/desk/intake');
    expect(homePathFor('shift_leader')).toBe('/desk/filing');
    expect(homePathFor('dispatcher')).toBe('/desk/dispatch');
    expect(homePathFor('department')).toBe('/desk/department');
    expect(homePathFor('admin')).toBeNull();
    expect(homePathFor('leader')).toBe('/dashboard');
    expect(homePathFor('inspector')).toBe('/field');
  });

  it('lets leader and admin look at every desk read-only, and no one into another role’s desk', () => {
    expect(visibleDesks('leader').map((d) => d.id)).toEqual(['intake', 'filing', 'dispatch', 'department']);
    expect(deskAccess(DESKS.dispatch, 'admin')).toBe('read');
    expect(deskAccess(DESKS.dispatch, 'dispatcher')).toBe('work');
    expect(deskAccess(DESKS.dispatch, 'operator')).toBe('none');
  });

  it('maps every open state and none of the terminal ones', () => {
    expect(OPEN_STATES).toHaveLength(16);
    expect(OPEN_STATES).not.toContain('CLOSED');
    expect(OPEN_STATES).toContain('PARKED');
  });
});
