import {
  COMPONENT_DATA_SOURCE_NAMES,
  COMPONENT_STATE_NAMES,
  type ComponentDataSourceName,
  type ComponentDepartmentRef,
  type ComponentStateName,
  type Geometry,
} from '@urbangrid/contracts';
import {
  assertComponentGeometry,
  assertGeometryFitsClass,
  DomainError,
  INITIAL_COMPONENT_STATE,
  parseComponentCode,
} from '@urbangrid/domain';
import type { AppConfig } from '../../config/app-config';
import type { Database } from '../../database/database';
import {
  type ComponentClassRow,
  ComponentsRepository,
  type NewComponent,
} from '../components/components.repository';
import { todayIn } from '../regions/regions.service';
import { ImportsRepository } from './imports.repository';
import { type ImportParams, ProblemList, text } from './import-problems';
import { streamCsvRows } from './readers/csv-rows';
import { geoJsonSource } from './readers/feature-source';
import { parseCrsName, type SourceCrs } from './readers/source-crs';

/** Rows staged and inserted per statement. */
const CHUNK = 5000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One row or feature after the checks that need no database. */
interface CheckedRow {
  index: number;
  geometry: Geometry;
  component: Omit<NewComponent, 'districtCode'>;
}

/**
 * 部件导入 component import from CSV (one point per row: lon, lat in the file's crs) or GeoJSON
 * (any geometry kind). Pass 1 checks every row and stages its geometry to find its unit grid in
 * SQL; pass 2, only when nothing is wrong, reads the file again and inserts every row in one
 * transaction through ComponentsRepository.insertMany (codes allocated per district + class).
 * Rows are never all held in memory: only line → district.
 */
export class ComponentImporter {
  private readonly repo: ImportsRepository;

  constructor(
    private readonly db: Database,
    jobs: ImportsRepository,
    private readonly config: AppConfig,
  ) {
    this.repo = jobs;
  }

  async run(id: string, p: ImportParams, path: string, size: number): Promise<void> {
    const crs = p.crs ? parseCrsName(p.crs) : parseCrsName('EPSG:4326');
    const classes = new Map((await this.repo.componentClasses()).map((c) => [c.code, c]));
    const errors = new ProblemList();
    const today = todayIn(this.config.timeZone);
    const seenCodes = new Map<string, number>();
    const givenCode = new Map<number, { code: string; classCode: string }>();
    let read = 0;
    let fraction = 0;
    let staged: { line: number; geometry: Geometry }[] = [];
    const flush = async () => {
      if (staged.length > 0) await this.repo.stageComponentGeometries(id, staged);
      staged = [];
    };
    try {
      for await (const row of this.rows(p, path, size, crs, classes, today, (f) => (fraction = f), errors)) {
        read++;
        if (row) {
          const code = row.component.code;
          if (code !== null) {
            const first = seenCodes.get(code);
            if (first !== undefined)
              errors.add({
                index: row.index,
                code,
                reason: `code ${code} appears more than once (first at ${first})`,
              });
            else {
              seenCodes.set(code, row.index);
              givenCode.set(row.index, { code, classCode: row.component.classCode });
            }
          }
          staged.push({ line: row.index, geometry: row.geometry });
          if (staged.length >= CHUNK) await flush();
        }
        if (read % 1000 === 0) await this.repo.progress(id, { processed: read, percent: 90 * fraction });
      }
      await flush();
      await this.repo.progress(id, { total: read, processed: read, percent: 90 });

      const district = new Map<number, string>();
      for (const r of await this.repo.locateStagedComponents(id)) {
        if (r.reason) errors.add({ index: r.line_no, reason: r.reason });
        else if (r.district_code) district.set(r.line_no, r.district_code);
      }
      for (const [index, g] of givenCode) {
        const d = district.get(index);
        if (d !== undefined && !g.code.startsWith(d + g.classCode)) {
          errors.add({
            index,
            code: g.code,
            reason: `code ${g.code} must start with ${d}${g.classCode} (district of its grid + class)`,
          });
        }
      }
      for (const taken of await this.repo.existingComponentCodes([...seenCodes.keys()])) {
        errors.add({
          index: seenCodes.get(taken) ?? -1,
          code: taken,
          reason: `code ${taken} is already registered`,
        });
      }
      if (read === 0) errors.add({ index: -1, reason: 'the file holds no rows' });
      if (errors.count > 0) {
        await this.repo.finish(id, {
          status: 'invalid',
          errors: errors.sorted(),
          errorCount: errors.count,
          warnings: [],
          summary: null,
        });
        return;
      }
      await this.repo.progress(id, { status: 'applying', processed: 0, percent: 95 });
      let inserted = 0;
      await this.db.transaction(async (tx) => {
        const components = new ComponentsRepository(tx);
        let chunk: NewComponent[] = [];
        const insert = async () => {
          if (chunk.length === 0) return;
          await components.insertMany(chunk);
          inserted += chunk.length;
          chunk = [];
        };
        const again = new ProblemList();
        for await (const row of this.rows(p, path, size, crs, classes, today, () => undefined, again)) {
          if (!row) throw new Error('a row that passed the checks failed on the second read');
          const districtCode = district.get(row.index);
          if (districtCode === undefined) throw new Error(`row ${row.index} lost its district`);
          chunk.push({ ...row.component, districtCode });
          if (chunk.length >= CHUNK) await insert();
        }
        await insert();
      });
      await this.repo.finish(id, {
        status: 'done',
        errors: [],
        errorCount: 0,
        warnings: [],
        summary: { read, inserted, replaced: 0 },
      });
    } finally {
      await this.repo.dropComponentStaging(id);
    }
  }

  /** Every row of the file, checked; null (with its problems added) when it is unusable. */
  private async *rows(
    p: ImportParams,
    path: string,
    size: number,
    crs: SourceCrs,
    classes: ReadonlyMap<string, ComponentClassRow>,
    today: string,
    onFraction: (f: number) => void,
    errors: ProblemList,
  ): AsyncGenerator<CheckedRow | null> {
    if (p.format === 'csv') {
      for await (const r of streamCsvRows(path, (b) => onFraction(size > 0 ? b / size : 1))) {
        if (r.error) {
          errors.add({ index: r.line, reason: r.error });
          yield null;
          continue;
        }
        const v = r.values;
        const lonText = v.lon ?? v.longitude ?? v.x ?? '';
        const latText = v.lat ?? v.latitude ?? v.y ?? '';
        const lon = Number(lonText);
        const lat = Number(latText);
        if (lonText === '' || latText === '' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
          errors.add({ index: r.line, reason: `lon/lat must be numbers, got "${lonText}", "${latText}"` });
          yield null;
          continue;
        }
        yield this.check(r.line, v, { type: 'Point', coordinates: [lon, lat] }, crs, classes, today, errors);
      }
      return;
    }
    for await (const f of geoJsonSource(path, size, crs, onFraction).features) {
      if (f.error) {
        errors.add({ index: f.index, reason: f.error });
        yield null;
        continue;
      }
      const values: Record<string, string> = {};
      // camelCase GeoJSON properties (classCode) and snake_case CSV columns (class_code) both work.
      for (const [k, val] of Object.entries(f.properties))
        values[k.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()] = text(val);
      yield this.check(f.index, values, f.geometry, crs, classes, today, errors);
    }
  }

  private check(
    index: number,
    v: Record<string, string>,
    rawGeometry: unknown,
    crs: SourceCrs,
    classes: ReadonlyMap<string, ComponentClassRow>,
    today: string,
    errors: ProblemList,
  ): CheckedRow | null {
    const problems: string[] = [];
    const classCode = v.class_code ?? '';
    const cls = classes.get(classCode);
    if (!classCode) problems.push('no class_code');
    else if (!cls) problems.push(`${classCode} is not a current small component class`);
    let geometry: Geometry | null = null;
    try {
      const shape = assertComponentGeometry(transformAny(rawGeometry, crs));
      geometry = shape as Geometry;
      if (cls) assertGeometryFitsClass(shape.type, cls.geometryType, cls.code);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      problems.push(e.message);
    }
    if (geometry && !insideExtent(geometry, this.config.cityExtent)) problems.push('outside the city extent');
    const code = v.code || null;
    if (code !== null && cls) {
      try {
        parseComponentCode(code, cls.codeScheme);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        problems.push(e.message);
      }
    }
    const state = (v.state || INITIAL_COMPONENT_STATE) as ComponentStateName;
    if (!COMPONENT_STATE_NAMES.includes(state))
      problems.push(`state "${state}" is not one of ${COMPONENT_STATE_NAMES.join(' ')}`);
    const dataSource = (v.data_source || null) as ComponentDataSourceName | null;
    if (dataSource !== null && !COMPONENT_DATA_SOURCE_NAMES.includes(dataSource)) {
      problems.push(`data_source "${dataSource}" is not one of ${COMPONENT_DATA_SOURCE_NAMES.join(' ')}`);
    }
    const initialDate = v.initial_date || today;
    if (!DATE.test(initialDate) || Number.isNaN(Date.parse(initialDate)))
      problems.push(`initial_date "${initialDate}" is not YYYY-MM-DD`);
    if (problems.length > 0 || !cls || !geometry) {
      errors.add({ index, ...(code ? { code } : {}), reason: problems.join('; ') });
      return null;
    }
    const dept = (c: string | undefined, n: string | undefined): ComponentDepartmentRef | null =>
      c || n ? { code: c || null, name: n || null } : null;
    return {
      index,
      geometry,
      component: {
        code,
        codeScheme: cls.codeScheme,
        classCode: cls.code,
        name: v.name || cls.name,
        geometry,
        competentDept: dept(v.competent_dept_code, v.competent_dept_name),
        owner: dept(v.owner_code, v.owner_name),
        maintainer: dept(v.maintainer_code, v.maintainer_name),
        state,
        initialDate,
        changeDate: null,
        dataSource,
        note: v.note || null,
        photo: null,
      },
    };
  }
}

/** Transforms every position of any GeoJSON geometry; leaves malformed input for the checks to reject. */
function transformAny(g: unknown, crs: SourceCrs): unknown {
  const walk = (c: unknown): unknown => {
    if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      return crs.toLonLat(c[0], c[1]);
    }
    return Array.isArray(c) ? c.map(walk) : c;
  };
  if (!g || typeof g !== 'object') return g;
  const o = g as { type?: unknown; coordinates?: unknown };
  return { type: o.type, coordinates: walk(o.coordinates) };
}

function insideExtent(g: Geometry, [minLon, minLat, maxLon, maxLat]: readonly number[]): boolean {
  const all = (c: unknown): boolean =>
    Array.isArray(c) && typeof c[0] === 'number'
      ? c[0] >= minLon && c[0] <= maxLon && (c[1] as number) >= minLat && (c[1] as number) <= maxLat
      : Array.isArray(c) && c.every(all);
  return all((g as { coordinates: unknown }).coordinates);
}
