import type { DemoDepartment, DemoUser, RoleCode } from '@urbangrid/contracts';
import { personNamePool } from './names';
import { Rng } from './random';

/** Every demo account uses this password; the seeder stores only its hash. */
export const DEMO_PASSWORD = 'demo1234';

/** The nine professional departments (专业部门) that cases are dispatched to. */
export const PROFESSIONAL_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'HW', name: '区环卫中心', nameEn: 'District Sanitation Centre', parentCode: null },
  { code: 'SZ', name: '区市政管理中心', nameEn: 'District Municipal Engineering Centre', parentCode: null },
  {
    code: 'YL',
    name: '区园林绿化中心',
    nameEn: 'District Landscaping and Greening Centre',
    parentCode: null,
  },
  { code: 'JT', name: '区交通管理中心', nameEn: 'District Traffic Management Centre', parentCode: null },
  {
    code: 'ZF',
    name: '区城管执法局',
    nameEn: 'District Urban Management Enforcement Bureau',
    parentCode: null,
  },
  { code: 'GS', name: '区供水公司', nameEn: 'District Water Supply Company', parentCode: null },
  { code: 'RQ', name: '区燃气公司', nameEn: 'District Gas Company', parentCode: null },
  { code: 'DL', name: '区供电公司', nameEn: 'District Power Supply Company', parentCode: null },
  { code: 'TX', name: '区通信管线办', nameEn: 'District Telecom Lines Office', parentCode: null },
];

/** Sub-units show the department hierarchy (cases can be passed down to a 所/队). */
const SUB_UNITS: readonly DemoDepartment[] = [
  { code: 'HW-01', name: '环卫一所', nameEn: 'Sanitation Unit 1', parentCode: 'HW' },
  { code: 'HW-02', name: '环卫二所', nameEn: 'Sanitation Unit 2', parentCode: 'HW' },
  { code: 'SZ-01', name: '市政养护一所', nameEn: 'Municipal Maintenance Unit 1', parentCode: 'SZ' },
  { code: 'YL-01', name: '绿化养护一所', nameEn: 'Greening Maintenance Unit 1', parentCode: 'YL' },
];

export interface StreetRef {
  code: string;
  name: string;
  nameEn: string;
}

/** Departments, parents before children: professional departments, sub-units, street offices. */
export function buildDepartments(streets: readonly StreetRef[]): DemoDepartment[] {
  return [
    ...PROFESSIONAL_DEPARTMENTS,
    ...SUB_UNITS,
    ...streets.map((s) => ({
      code: `JD-${s.code}`,
      name: `${s.name}办事处`,
      nameEn: `${s.nameEn} Sub-district Office`,
      parentCode: null,
      territoryCode: s.code,
    })),
  ];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Username of the handler of a street office (属地 `JD-<street code>`), e.g. `dept-jd-330105001`. */
export const streetOfficeHandler = (streetCode: string): string => `dept-jd-${streetCode}`;

/**
 * One account per role, one inspector (监督员) per street, one handler per professional
 * department and one per street office (cases routed to the 属地 are handled there). Display
 * names are unique invented Chinese names; the street-office handlers come last so that the
 * earlier accounts keep their names.
 */
export function buildUsers(streetCount: number, rng: Rng, streetCodes: readonly string[] = []): DemoUser[] {
  const names = personNamePool(rng, new Set());
  const user = (username: string, role: RoleCode, departmentCode: string | null = null): DemoUser => ({
    username,
    displayName: names.next(),
    role,
    departmentCode,
    password: DEMO_PASSWORD,
  });
  return [
    ...Array.from({ length: streetCount }, (_, k) => user(`inspector${pad2(k + 1)}`, 'inspector')),
    user('operator01', 'operator'),
    user('shiftlead01', 'shift_leader'),
    user('dispatcher01', 'dispatcher'),
    ...PROFESSIONAL_DEPARTMENTS.map((d) => user(`dept-${d.code.toLowerCase()}`, 'department', d.code)),
    user('leader01', 'leader'),
    user('admin', 'admin'),
    ...streetCodes.map((code) => user(streetOfficeHandler(code), 'department', `JD-${code}`)),
  ];
}
