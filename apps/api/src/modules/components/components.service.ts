import { Inject, Injectable } from '@nestjs/common';
import type {
  BBox,
  ComponentDepartmentRef,
  ComponentDto,
  ComponentPage,
  CreateComponentRequest,
  Geometry,
  NearestComponentResponse,
  UpdateComponentRequest,
} from '@urbangrid/contracts';
import {
  assertComponentGeometry,
  assertGeometryFitsClass,
  INITIAL_COMPONENT_STATE,
  parseComponentCode,
} from '@urbangrid/domain';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { todayIn } from '../regions/regions.service';
import {
  type ComponentChanges,
  type ComponentClassRow,
  ComponentsRepository,
  DuplicateComponentCodeError,
  type GridPlace,
} from './components.repository';

const DEFAULT_PAGE = 100;

/**
 * 部件 component registry (GB/T 30428.2 §2.7–2.10): register a component (its code assigned or
 * checked, its grid derived from its position), read, page, find the nearest, change attributes.
 * Each request is one transaction: it completes or writes nothing.
 */
@Injectable()
export class ComponentsService {
  constructor(
    private readonly db: Database,
    private readonly components: ComponentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks, in order: geometry shape (400), class current (422), geometry kind of the class (422),
   * geometry topology (400), a grid holding it (422), the stated grid (422), the stated code (422),
   * then inserts; a code already taken answers 409.
   */
  async create(req: CreateComponentRequest): Promise<ComponentDto> {
    const geometry = assertComponentGeometry(req.geometry) as Geometry;
    const today = todayIn(this.config.timeZone);
    return this.db.transaction(async (tx) => {
      const repo = new ComponentsRepository(tx);
      const cls = await currentClass(repo, req.classCode);
      const place = await placeOf(repo, geometry, cls);
      if (req.gridCode !== undefined && req.gridCode !== place.gridCode) {
        const message = `the geometry lies in grid ${place.gridCode}, not ${req.gridCode}`;
        throw new ApiError('COMPONENT.GRID_MISMATCH', message, [{ field: 'gridCode', message }]);
      }
      if (req.code !== undefined) {
        const parts = parseComponentCode(req.code, cls.codeScheme);
        if (parts.adminCode !== place.districtCode || parts.smallClassCode !== cls.code) {
          const message = `code ${req.code} must start with ${place.districtCode}${cls.code} (district of the grid + class)`;
          throw new ApiError('COMPONENT.CODE_PREFIX_MISMATCH', message, [{ field: 'code', message }]);
        }
      }
      let code: string;
      try {
        [code] = await repo.insertMany([
          {
            code: req.code ?? null,
            codeScheme: cls.codeScheme,
            classCode: cls.code,
            name: req.name ?? cls.name,
            districtCode: place.districtCode,
            geometry,
            competentDept: deptOf(req.competentDept),
            owner: deptOf(req.owner),
            maintainer: deptOf(req.maintainer),
            state: req.state ?? INITIAL_COMPONENT_STATE,
            initialDate: req.initialDate ?? today,
            changeDate: null,
            dataSource: req.dataSource ?? null,
            note: req.note ?? null,
            photo: req.photo ?? null,
          },
        ]);
      } catch (err) {
        if (err instanceof DuplicateComponentCodeError) {
          const message = `component code ${req.code ?? ''} is already registered`;
          throw new ApiError('COMPONENT.CODE_TAKEN', message, [{ field: 'code', message }]);
        }
        throw err;
      }
      return mustFind(repo, code);
    });
  }

  async get(code: string): Promise<ComponentDto> {
    const found = await this.components.findByCode(code);
    if (!found) throw notFound(code);
    return found;
  }

  async list(q: {
    bbox?: string;
    class?: string;
    grid?: string;
    after?: string;
    limit?: number;
  }): Promise<ComponentPage> {
    return this.components.list({
      bbox: q.bbox === undefined ? undefined : parseBbox(q.bbox),
      classCode: q.class,
      gridCode: q.grid,
      after: q.after,
      limit: q.limit ?? DEFAULT_PAGE,
    });
  }

  async nearest(lon: number, lat: number, classCode?: string): Promise<NearestComponentResponse> {
    const found = await this.components.nearest(lon, lat, classCode);
    if (!found) {
      const message = classCode
        ? `no component of class ${classCode} is registered`
        : 'no component is registered';
      throw new ApiError('COMPONENT.NOT_FOUND', message);
    }
    return found;
  }

  /**
   * Changes attributes; a new geometry is checked like a new component and re-derives grid and
   * community, and must stay in the district its code names. 变更日期 defaults to today.
   */
  async update(code: string, req: UpdateComponentRequest): Promise<ComponentDto> {
    const geometry =
      req.geometry === undefined ? undefined : (assertComponentGeometry(req.geometry) as Geometry);
    const today = todayIn(this.config.timeZone);
    return this.db.transaction(async (tx) => {
      const repo = new ComponentsRepository(tx);
      const existing = await repo.findByCode(code, { lock: true });
      if (!existing) throw notFound(code);
      const changes: ComponentChanges = {
        name: req.name,
        competentDept: req.competentDept === undefined ? undefined : deptOf(req.competentDept),
        owner: req.owner === undefined ? undefined : deptOf(req.owner),
        maintainer: req.maintainer === undefined ? undefined : deptOf(req.maintainer),
        state: req.state,
        dataSource: req.dataSource,
        note: req.note,
        photo: req.photo,
      };
      if (geometry !== undefined) {
        // A retired class keeps its components; then no geometry kind is enforced.
        const cls = await repo.findCurrentClass(existing.classCode);
        const place = await placeOf(repo, geometry, cls);
        if (place.districtCode !== existing.districtCode) {
          const message = `the new geometry lies in district ${place.districtCode}; code ${code} belongs to ${existing.districtCode}`;
          throw new ApiError('COMPONENT.DISTRICT_CHANGE', message, [{ field: 'geometry', message }]);
        }
        changes.geometry = geometry;
        changes.place = place;
      }
      const changed = Object.values(changes).some((v) => v !== undefined);
      if (!changed && req.changeDate === undefined) return existing;
      const changeDate = req.changeDate ?? today;
      if (changeDate < existing.initialDate) {
        const message = `changeDate ${changeDate} is before the initial date ${existing.initialDate}`;
        throw new ApiError('COMPONENT.CHANGE_DATE_INVALID', message, [{ field: 'changeDate', message }]);
      }
      changes.changeDate = changeDate;
      await repo.update(code, changes);
      return mustFind(repo, code);
    });
  }
}

async function currentClass(repo: ComponentsRepository, classCode: string): Promise<ComponentClassRow> {
  const cls = await repo.findCurrentClass(classCode);
  if (!cls) {
    const message = `${classCode} is not a current small component class`;
    throw new ApiError('COMPONENT.CLASS_UNKNOWN', message, [{ field: 'classCode', message }]);
  }
  return cls;
}

/** Geometry kind of the class, PostGIS validity, then the grid holding it. */
async function placeOf(
  repo: ComponentsRepository,
  geometry: Geometry,
  cls: ComponentClassRow | null,
): Promise<GridPlace> {
  if (cls) assertGeometryFitsClass(geometry.type, cls.geometryType, cls.code);
  const problem = await repo.geometryProblem(geometry);
  if (problem !== null) {
    const message = `geometry is not valid: ${problem}`;
    throw new ApiError('COMPONENT.GEOMETRY_INVALID', message, [{ field: 'geometry', message }]);
  }
  const place = await repo.locate(geometry);
  if (!place) {
    const message = 'the geometry lies in no current unit grid';
    throw new ApiError('COMPONENT.OUTSIDE_GRIDS', message, [{ field: 'geometry', message }]);
  }
  return place;
}

function deptOf(d: Partial<ComponentDepartmentRef> | null | undefined): ComponentDepartmentRef | null {
  if (!d) return null;
  const code = d.code ?? null;
  const name = d.name ?? null;
  return code === null && name === null ? null : { code, name };
}

async function mustFind(repo: ComponentsRepository, code: string): Promise<ComponentDto> {
  const found = await repo.findByCode(code);
  if (!found) throw notFound(code);
  return found;
}

function notFound(code: string): ApiError {
  return new ApiError('COMPONENT.NOT_FOUND', `no component ${code}`);
}

function parseBbox(text: string): BBox {
  const [minLon, minLat, maxLon, maxLat] = text.split(',').map(Number);
  if (minLon >= maxLon || minLat >= maxLat || minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    const message = `bbox ${text} must be minLon,minLat,maxLon,maxLat with min < max inside ±180/±90`;
    throw new ApiError('COMPONENT.BBOX_INVALID', message, [{ field: 'bbox', message }]);
  }
  return [minLon, minLat, maxLon, maxLat];
}
