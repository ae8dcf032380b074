import { Inject, Injectable } from '@nestjs/common';
import type {
  ClassCodeSchemeName,
  ClassificationDto,
  ClassificationTreeNode,
  ClassKindName,
  CreateClassRequest,
  UpdateClassRequest,
} from '@urbangrid/contracts';
import { assertClassParent, assertLocalClassCode, defaultGeometryType } from '@urbangrid/domain';
import { ApiError } from '../../common/errors/api-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { todayIn } from '../regions/regions.service';
import { ClassesRepository, type ClassRow, DuplicateClassError } from './classes.repository';

/** The scheme of a city that has no class yet (spec 01 §2.2). */
const DEFAULT_SCHEME: ClassCodeSchemeName = 'gbt30428-2';

/**
 * 部件/事件分类 the class tables a city works with: read, add local classes, rename, retire.
 * National classes can be retired but never deleted (old cases refer to them); nothing here
 * deletes a row.
 */
@Injectable()
export class ClassesService {
  constructor(
    private readonly db: Database,
    private readonly classes: ClassesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(opts: { kind?: ClassKindName; includeRetired: boolean }): Promise<ClassificationDto[]> {
    return (await this.classes.list(opts)).map(toDto);
  }

  /** Big classes with their small (and detail) classes nested, in code order. */
  async tree(opts: { kind?: ClassKindName; includeRetired: boolean }): Promise<ClassificationTreeNode[]> {
    return buildTree(await this.classes.list(opts));
  }

  /** The current class, else its latest retired row; `CLASS.NOT_FOUND` otherwise. */
  async get(kind: ClassKindName, code: string): Promise<ClassificationDto> {
    const row = await this.classes.find(kind, code);
    if (!row) throw notFound(kind, code);
    return toDto(row);
  }

  /**
   * Adds a local class. Checks, in order: the code scheme in use, code format and local range
   * (domain), the stated parent, the parent being current, the geometry type, and uniqueness.
   */
  async create(req: CreateClassRequest): Promise<ClassificationDto> {
    const validFrom = req.validFrom ?? todayIn(this.config.timeZone);
    return this.db.transaction(async (tx) => {
      const repo = new ClassesRepository(tx);
      const schemes = await repo.schemesOf(req.kind);
      const inUse = schemes[0] ?? DEFAULT_SCHEME;
      const scheme = req.codeScheme ?? inUse;
      if (scheme !== inUse) {
        const message = `the city's ${req.kind} classes use ${inUse}; codes of ${scheme} cannot be mixed in`;
        throw new ApiError('CLASS.SCHEME_MISMATCH', message, [{ field: 'codeScheme', message }]);
      }
      const parts = assertLocalClassCode(req.code, scheme);
      if (req.parentCode !== undefined) assertClassParent(req.code, req.parentCode, scheme);
      let parentGeometry: ClassRow['geometryType'] = null;
      if (parts.parentCode !== null) {
        const parent = await repo.find(req.kind, parts.parentCode, { lock: true });
        if (!parent || parent.validTo !== null) {
          const message = `parent ${req.kind} class ${parts.parentCode} does not exist or is retired`;
          throw new ApiError('CLASS.PARENT_NOT_FOUND', message, [{ field: 'parentCode', message }]);
        }
        if (validFrom < parent.validFrom) {
          const message = `validFrom ${validFrom} is before its parent's ${parent.validFrom}`;
          throw new ApiError('CLASS.VALID_FROM_BEFORE_PARENT', message, [{ field: 'validFrom', message }]);
        }
        parentGeometry = parent.geometryType;
      }
      if (req.kind !== 'component' && req.geometryType !== undefined) throw geometryNotApplicable();
      const existing = await repo.find(req.kind, req.code);
      if (existing && existing.validTo === null) throw duplicate(req.kind, req.code);
      try {
        await repo.insertMany([
          {
            kind: req.kind,
            code: req.code,
            codeScheme: scheme,
            level: parts.level,
            parentCode: parts.parentCode,
            name: req.name.trim(),
            nameEn: req.nameEn?.trim() || null,
            confidence: null,
            origin: 'local',
            profile: null,
            validFrom,
            isPublic: req.isPublic ?? false,
            // A detail class is a kind of its small class, so it is drawn the same way by default.
            geometryType:
              req.geometryType ??
              (parts.level === 'detail'
                ? parentGeometry
                : defaultGeometryType(req.kind, parts.level, req.name)),
          },
        ]);
      } catch (err) {
        if (err instanceof DuplicateClassError) throw duplicate(req.kind, req.code);
        throw err;
      }
      return toDto(await mustFind(repo, req.kind, req.code));
    });
  }

  /** Renames, sets the English name, the public flag or the geometry type of the current class. */
  async update(kind: ClassKindName, code: string, changes: UpdateClassRequest): Promise<ClassificationDto> {
    const fields = Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (fields.length === 0) {
      throw new ApiError('REQUEST.VALIDATION_FAILED', 'nothing to change', [
        { field: 'body', message: 'give at least one of name, nameEn, isPublic, geometryType' },
      ]);
    }
    if (kind !== 'component' && changes.geometryType !== undefined && changes.geometryType !== null) {
      throw geometryNotApplicable();
    }
    return this.db.transaction(async (tx) => {
      const repo = new ClassesRepository(tx);
      const row = await this.current(repo, kind, code);
      await repo.update(row.id, {
        name: changes.name?.trim(),
        nameEn: changes.nameEn === undefined ? undefined : changes.nameEn?.trim() || null,
        isPublic: changes.isPublic,
        geometryType: changes.geometryType,
      });
      return toDto(await mustFind(repo, kind, code));
    });
  }

  /**
   * Retires the current class from `validTo` (default today): the row stays for the cases that
   * refer to it. Refused while current children remain (retire them first), before the class
   * came into force, or on a future date (a current class is one without `valid_to`).
   */
  async retire(kind: ClassKindName, code: string, validTo: string | undefined): Promise<ClassificationDto> {
    const today = todayIn(this.config.timeZone);
    const until = validTo ?? today;
    return this.db.transaction(async (tx) => {
      const repo = new ClassesRepository(tx);
      const row = await this.current(repo, kind, code, true);
      if (until < row.validFrom || until > today) {
        const message = `validTo must lie between the class's validFrom ${row.validFrom} and today ${today}, got ${until}`;
        throw new ApiError('CLASS.RETIRE_DATE_INVALID', message, [{ field: 'validTo', message }]);
      }
      const children = await repo.currentChildCodes(kind, code);
      if (children.length > 0) {
        throw new ApiError(
          'CLASS.HAS_CURRENT_CHILDREN',
          `${kind} class ${code} still has current classes: ${children.join(', ')}; retire them first`,
        );
      }
      await repo.retire(row.id, until);
      return toDto(await mustFind(repo, kind, code));
    });
  }

  private async current(
    repo: ClassesRepository,
    kind: ClassKindName,
    code: string,
    lock = false,
  ): Promise<ClassRow> {
    const row = await repo.find(kind, code, { lock });
    if (!row) throw notFound(kind, code);
    if (row.validTo !== null) {
      throw new ApiError('CLASS.ALREADY_RETIRED', `${kind} class ${code} was retired on ${row.validTo}`);
    }
    return row;
  }
}

async function mustFind(repo: ClassesRepository, kind: ClassKindName, code: string): Promise<ClassRow> {
  const row = await repo.find(kind, code);
  if (!row) throw notFound(kind, code);
  return row;
}

/** The row without its surrogate id (the business key is kind + code). */
function toDto(row: ClassRow): ClassificationDto {
  return {
    kind: row.kind,
    code: row.code,
    codeScheme: row.codeScheme,
    level: row.level,
    parentCode: row.parentCode,
    name: row.name,
    nameEn: row.nameEn,
    confidence: row.confidence,
    origin: row.origin,
    profile: row.profile,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isPublic: row.isPublic,
    geometryType: row.geometryType,
  };
}

function notFound(kind: ClassKindName, code: string): ApiError {
  return new ApiError('CLASS.NOT_FOUND', `no ${kind} class ${code}`);
}

function duplicate(kind: ClassKindName, code: string): ApiError {
  const message = `${kind} class ${code} already exists`;
  return new ApiError('CLASS.DUPLICATE', message, [{ field: 'code', message }]);
}

function geometryNotApplicable(): ApiError {
  const message = 'only component classes have a geometry type';
  return new ApiError('CLASS.GEOMETRY_NOT_APPLICABLE', message, [{ field: 'geometryType', message }]);
}

/**
 * Nests rows under their parents. With retired rows a code can repeat; a child hangs under the
 * current row of its parent code, else under the latest retired one (rows arrive in code order,
 * a current row last among equal codes). A row whose parent is not in the list is a root.
 */
export function buildTree(rows: readonly ClassRow[]): ClassificationTreeNode[] {
  const byCode = new Map<string, ClassificationTreeNode>();
  const roots: ClassificationTreeNode[] = [];
  for (const row of rows) {
    const node: ClassificationTreeNode = { ...toDto(row), children: [] };
    const parent = row.parentCode === null ? undefined : byCode.get(`${row.kind}:${row.parentCode}`);
    if (parent) parent.children.push(node);
    else roots.push(node);
    byCode.set(`${row.kind}:${row.code}`, node);
  }
  return roots;
}
