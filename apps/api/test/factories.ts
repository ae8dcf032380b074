import type { DemoCityDataset, Geometry } from '@urbangrid/contracts';
import { composeGridCode } from '@urbangrid/domain';

/**
 * A tiny city for tests: one district, one street, one community cut into `cols` × `rows` square
 * unit grids of about 100 m × 100 m, south-west corner at (lon0, lat0).
 */
export function newSmallCity(opts: { cols?: number; rows?: number; lon0?: number; lat0?: number } = {}): DemoCityDataset {
  const { cols = 4, rows = 3, lon0 = 120.15, lat0 = 30.3 } = opts;
  const dLon = 0.00104; // ≈ 100 m at 30.3° N
  const dLat = 0.0009; // ≈ 100 m
  const box = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
    type: 'Polygon',
    coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
  });
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  const outer = box(lon0, lat0, round(lon0 + cols * dLon), round(lat0 + rows * dLat));
  const grids: DemoCityDataset['regions'] = [];
  let seq = 0;
  // Sequence west to east, then north to south.
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = 0; c < cols; c++) {
      seq++;
      grids.push({
        level: 'grid',
        code: composeGridCode('330105001001', seq, 'gbt30428-15'),
        name: `测试社区第${seq}网格`,
        parentCode: '330105001001',
        geometry: box(round(lon0 + c * dLon), round(lat0 + r * dLat), round(lon0 + (c + 1) * dLon), round(lat0 + (r + 1) * dLat)),
      });
    }
  }
  return {
    formatVersion: 1,
    seed: 0,
    scale: 0,
    city: {
      name: '测试区',
      nameEn: 'Test district',
      districtCode: '330105',
      center: [lon0 + (cols * dLon) / 2, lat0 + (rows * dLat) / 2],
      extent: [lon0, lat0, lon0 + cols * dLon, lat0 + rows * dLat],
    },
    regions: [
      { level: 'district', code: '330105', name: '测试区', parentCode: null, geometry: outer },
      { level: 'street', code: '330105001', name: '测试街道', parentCode: '330105', geometry: outer },
      { level: 'community', code: '330105001001', name: '测试社区', parentCode: '330105001', geometry: outer },
      ...grids,
    ],
    roads: [
      {
        name: '测试路',
        roadClass: 'branch',
        geometry: { type: 'LineString', coordinates: [[lon0, lat0 + dLat], [lon0 + cols * dLon, lat0 + dLat]] },
      },
    ],
    departments: [
      { code: 'HW', name: '环卫', nameEn: 'Sanitation', parentCode: null },
      { code: 'HW-01', name: '环卫一所', nameEn: 'Sanitation unit 1', parentCode: 'HW' },
    ],
    users: [
      { username: 'admin', displayName: '管理员', role: 'admin', departmentCode: null, password: 'demo1234' },
      { username: 'dept-hw', displayName: '环卫处理员', role: 'department', departmentCode: 'HW', password: 'demo1234' },
    ],
  };
}
