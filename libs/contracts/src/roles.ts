/**
 * Roles of the case loop (spec 03): 监督员 inspector, 受理员 operator, 值班长 shift leader,
 * 派遣员 dispatcher, 专业部门 department handler, 领导 leader, 管理员 admin.
 */
export const ROLE_CODES = [
  'inspector',
  'operator',
  'shift_leader',
  'dispatcher',
  'department',
  'leader',
  'admin',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];
