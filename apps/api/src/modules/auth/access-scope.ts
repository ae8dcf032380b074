import type { RoleCode } from '@urbangrid/contracts';
import type { AuthUser } from './principal';

/**
 * Data-specific access rules (ASVS 8.2.2) shared by every module: which objects a caller may see
 * or act on. Repositories filter queries with the same facts (departmentIds, gridCodes,
 * districtCode); these functions decide single objects.
 */

/** Roles that read every case of their district: the centre (受理员, 值班长, 派遣员), 领导 and 管理员. */
export const DISTRICT_WIDE_ROLES: readonly RoleCode[] = ['operator', 'shift_leader', 'dispatcher', 'leader', 'admin'];

/** Same district (tenant). Fail closed on a missing code. */
export function inDistrict(user: AuthUser, districtCode: string | null | undefined): boolean {
  return !!districtCode && districtCode === user.districtCode;
}

/** A department handler's own department or one of its sub-units. */
export function inDepartmentScope(user: AuthUser, departmentId: string | null | undefined): boolean {
  return !!departmentId && user.departmentIds.includes(departmentId);
}

/** One of an inspector's 责任网格. */
export function inGridScope(user: AuthUser, gridCode: string | null | undefined): boolean {
  return !!gridCode && user.gridCodes.includes(gridCode);
}

/** True for roles that may read everything in their district. */
export function readsDistrictWide(user: AuthUser): boolean {
  return DISTRICT_WIDE_ROLES.includes(user.role);
}
