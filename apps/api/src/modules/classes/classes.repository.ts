import type {
  ClassCodeSchemeName,
  ClassificationDto,
  ClassKindName,
  ClassLevelName,
  ClassOrigin,
  ClassProfileName,
  ComponentGeometryTypeName,
} from '@urbangrid/contracts';
import type { SqlRunner } from '../../database/database';

export interface NewClass {
  kind: ClassKindName;
  code: string;
  codeScheme: ClassCodeSchemeName;
  level: ClassLevelName;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  confidence: 'H' | 'M' | 'L' | null;
  origin: ClassOrigin;
  profile: ClassProfileName | null;
  /** YYYY-MM-DD */
  validFrom: string;
  isPublic: boolean;
  geometryType: ComponentGeometryTypeName | null;
}

export interface ClassChanges {
  name?: string;
  nameEn?: string | null;
  isPublic?: boolean;
  geometryType?: ComponentGeometryTypeName | null;
}

/** A stored class with its row id (the business key (kind, code) repeats across retired rows). */
export interface ClassRow extends ClassificationDto {
  id: string;
}

interface DbRow {
  id: string;
  kind: ClassKindName;
  code: string;
  code_scheme: ClassCodeSchemeName;
  level: ClassLevelName;
  parent_code: string | null;
  name: string;
  name_en: string | null;
  confidence: 'H' | 'M' | 'L' | null;
  origin: ClassOrigin;
  profile: ClassProfileName | null;
  valid_from: string;
  valid_to: string | null;
  is_public: boolean;
  geometry_type: ComponentGeometryTypeName | null;
}

/** Dates leave the database as text so no time zone shifts them. */
const COLUMNS = `id, kind, code, code_scheme, level, parent_code, name, name_en, confidence, origin, profile,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
  is_public, geometry_type`;

/** Rows go to the database in batches of this many (one statement each). */
const BATCH = 500;

function toRow(r: DbRow): ClassRow {
  return {
    id: r.id,
    kind: r.kind,
    code: r.code,
    codeScheme: r.code_scheme,
    level: r.level,
    parentCode: r.parent_code,
    name: r.name,
    nameEn: r.name_en,
    confidence: r.confidence,
    origin: r.origin,
    profile: r.profile,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    isPublic: r.is_public,
    geometryType: r.geometry_type,
  };
}

/** Raised when an insert hits the one-current-row-per-(kind, code) index (a concurrent create). */
export class DuplicateClassError extends Error {
  override name = 'DuplicateClassError';
}

/** All SQL of the `classification` table. */
export class ClassesRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Inside a transaction: makes a second process that seeds at the same time wait, then see rows. */
  async lockTable(): Promise<void> {
    await this.db.query('LOCK TABLE classification IN SHARE ROW EXCLUSIVE MODE');
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM classification');
    return rows[0]?.n ?? 0;
  }

  /** Multi-row inserts, `BATCH` rows per statement. */
  async insertMany(rows: readonly NewClass[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => ({
        kind: r.kind,
        code: r.code,
        code_scheme: r.codeScheme,
        level: r.level,
        parent_code: r.parentCode,
        name: r.name,
        name_en: r.nameEn,
        confidence: r.confidence,
        origin: r.origin,
        profile: r.profile,
        valid_from: r.validFrom,
        is_public: r.isPublic,
        geometry_type: r.geometryType,
      }));
      try {
        await this.db.query(
          `INSERT INTO classification (kind, code, code_scheme, level, parent_code, name, name_en, confidence,
                                       origin, profile, valid_from, is_public, geometry_type)
           SELECT r.kind, r.code, r.code_scheme, r.level, r.parent_code, r.name, r.name_en, r.confidence,
                  r.origin, r.profile, r.valid_from, r.is_public, r.geometry_type
           FROM json_to_recordset($1::json) AS r(kind text, code text, code_scheme text, level text,
                parent_code text, name text, name_en text, confidence text, origin text, profile text,
                valid_from date, is_public boolean, geometry_type text)`,
          [JSON.stringify(batch)],
        );
      } catch (err) {
        if (isUniqueViolation(err))
          throw new DuplicateClassError('a class with this kind and code is current');
        throw err;
      }
    }
  }

  /** Classes in code order (big → small → detail); retired rows only when asked. */
  async list(opts: { kind?: ClassKindName; includeRetired: boolean }): Promise<ClassRow[]> {
    const rows = await this.db.query<DbRow>(
      `SELECT ${COLUMNS} FROM classification
       WHERE ($1::text IS NULL OR kind = $1) AND ($2::boolean OR valid_to IS NULL)
       ORDER BY kind, code, valid_from, valid_to NULLS LAST`,
      [opts.kind ?? null, opts.includeRetired],
    );
    return rows.map(toRow);
  }

  /**
   * The current row of (kind, code), else the most recently retired one, else null.
   * `lock` takes a row lock so a concurrent retire or child insert waits (PostgreSQL).
   */
  async find(kind: ClassKindName, code: string, opts: { lock?: boolean } = {}): Promise<ClassRow | null> {
    const rows = await this.db.query<DbRow>(
      `SELECT ${COLUMNS} FROM classification WHERE kind = $1 AND code = $2
       ORDER BY valid_to DESC NULLS FIRST LIMIT 1 ${opts.lock ? 'FOR UPDATE' : ''}`,
      [kind, code],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The code schemes in use for a kind (one, unless the data is broken; none in an empty table). */
  async schemesOf(kind: ClassKindName): Promise<ClassCodeSchemeName[]> {
    const rows = await this.db.query<{ code_scheme: ClassCodeSchemeName }>(
      'SELECT DISTINCT code_scheme FROM classification WHERE kind = $1 ORDER BY code_scheme',
      [kind],
    );
    return rows.map((r) => r.code_scheme);
  }

  async currentChildCodes(kind: ClassKindName, code: string): Promise<string[]> {
    const rows = await this.db.query<{ code: string }>(
      `SELECT code FROM classification WHERE kind = $1 AND parent_code = $2 AND valid_to IS NULL ORDER BY code`,
      [kind, code],
    );
    return rows.map((r) => r.code);
  }

  async update(id: string, changes: ClassChanges): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.nameEn !== undefined) set('name_en', changes.nameEn);
    if (changes.isPublic !== undefined) set('is_public', changes.isPublic);
    if (changes.geometryType !== undefined) set('geometry_type', changes.geometryType);
    if (sets.length === 0) return;
    await this.db.query(
      `UPDATE classification SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
      params,
    );
  }

  async retire(id: string, validTo: string): Promise<void> {
    await this.db.query(`UPDATE classification SET valid_to = $2, updated_at = now() WHERE id = $1`, [
      id,
      validTo,
    ]);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e.code === '23505' || e.driverError?.code === '23505';
}
