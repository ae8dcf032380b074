import { describe, expect, it } from 'vitest';
import { inDepartmentScope, inDistrict, inGridScope, readsDistrictWide } from './access-scope';
import type { AuthUser } from './principal';

const base: AuthUser = {
  id: 'u1',
  username: 'x',
  name: 'x',
  role: 'department',
  departmentId: 'dept-hw',
  departmentIds: ['dept-hw', 'dept-hw-01'],
  districtCode: '330105',
  gridCodes: [],
  sessionId: 's1',
};

describe('access scope', () => {
  it('a department handler acts on its department and sub-units only', () => {
    expect(inDepartmentScope(base, 'dept-hw')).toBe(true);
    expect(inDepartmentScope(base, 'dept-hw-01')).toBe(true);
    expect(inDepartmentScope(base, 'dept-sz')).toBe(false);
    expect(inDepartmentScope(base, null)).toBe(false); // fail closed
  });

  it('an inspector acts in its 责任网格 only', () => {
    const inspector: AuthUser = { ...base, role: 'inspector', departmentId: null, departmentIds: [], gridCodes: ['330105001001001'] };
    expect(inGridScope(inspector, '330105001001001')).toBe(true);
    expect(inGridScope(inspector, '330105001001002')).toBe(false);
    expect(inGridScope(inspector, undefined)).toBe(false);
  });

  it('centre roles, leader and admin read district-wide; field roles do not', () => {
    expect(['operator', 'shift_leader', 'dispatcher', 'leader', 'admin'].every((role) =>
      readsDistrictWide({ ...base, role: role as AuthUser['role'] }),
    )).toBe(true);
    expect(readsDistrictWide(base)).toBe(false);
    expect(readsDistrictWide({ ...base, role: 'inspector' })).toBe(false);
  });

  it('another district is out of scope', () => {
    expect(inDistrict(base, '330105')).toBe(true);
    expect(inDistrict(base, '330106')).toBe(false);
    expect(inDistrict(base, '')).toBe(false);
  });
});
