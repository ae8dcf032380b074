import type { DemoDispatchRule } from '@urbangrid/contracts';

/**
 * 派遣 routing of the demo district (spec 03 §4): which professional department gets a small
 * class (or a whole big class). A city edits these; anything unmatched falls back to the
 * street office of the place (属地兜底). Longer class prefixes win over shorter ones.
 */
const RULES: readonly [kind: 'component' | 'event', classPrefix: string, departmentCode: string][] = [
  // 部件 公用设施: each cover and line to its utility.
  ['component', '0101', 'GS'],
  ['component', '0127', 'GS'],
  ['component', '0131', 'GS'],
  ['component', '0132', 'GS'],
  ['component', '0102', 'SZ'],
  ['component', '0103', 'SZ'],
  ['component', '0104', 'SZ'],
  ['component', '0106', 'SZ'],
  ['component', '0110', 'SZ'],
  ['component', '0117', 'SZ'],
  ['component', '0118', 'SZ'],
  ['component', '0119', 'SZ'],
  ['component', '0120', 'SZ'],
  ['component', '0105', 'DL'],
  ['component', '0116', 'DL'],
  ['component', '0133', 'DL'],
  ['component', '0134', 'DL'],
  ['component', '0107', 'TX'],
  ['component', '0108', 'TX'],
  ['component', '0109', 'TX'],
  ['component', '0115', 'TX'],
  ['component', '0111', 'RQ'],
  ['component', '0129', 'RQ'],
  ['component', '0135', 'RQ'],
  // 道路交通 to traffic, its bridges and tunnels to municipal engineering.
  ['component', '02', 'JT'],
  ['component', '0205', 'SZ'],
  ['component', '0206', 'SZ'],
  ['component', '0207', 'SZ'],
  ['component', '0208', 'SZ'],
  // 市容环境 to sanitation, signs and adverts to enforcement.
  ['component', '03', 'HW'],
  ['component', '0306', 'ZF'],
  ['component', '0307', 'ZF'],
  ['component', '04', 'YL'],
  // 事件
  ['event', '01', 'HW'],
  ['event', '0101', 'ZF'],
  ['event', '0106', 'YL'],
  ['event', '0110', 'SZ'],
  ['event', '0111', 'SZ'],
  ['event', '0116', 'ZF'],
  ['event', '02', 'ZF'],
  ['event', '03', 'ZF'],
  ['event', '0305', 'SZ'],
  ['event', '0401', 'SZ'],
  ['event', '0402', 'GS'],
  ['event', '0403', 'RQ'],
  ['event', '0404', 'SZ'],
  ['event', '0405', 'SZ'],
  ['event', '0406', 'SZ'],
  ['event', '0407', 'HW'],
  ['event', '0408', 'DL'],
  ['event', '05', 'ZF'],
  ['event', '0505', 'JT'],
];

export function buildDispatchRules(): DemoDispatchRule[] {
  return RULES.map(([kind, classPrefix, departmentCode]) => ({ kind, classPrefix, departmentCode }));
}
