import { Injectable } from '@nestjs/common';
import type { AcceptanceItemInput } from '@urbangrid/domain';
import { Database } from '../../database/database';

export interface StoredProfile {
  id: string;
  version: number;
  body: unknown;
  createdAt: string;
}

export interface StoredAnswer {
  itemId: string;
  answer: AcceptanceItemInput;
  updatedAt: string;
}

/** Measured facts the acceptance metrics are made of (each query is documented in docs/acceptance.md). */
export interface CoverageFacts {
  /** Area (m²) of the current communities, the union; the built-up area stand-in. */
  communityArea: number;
  /** Area (m²) of that union covered by current unit grids. */
  coveredArea: number;
  grids: number;
  /** Current unit grids holding at least one address point (门牌地址点). */
  gridsWithAddressPoints: number;
  /** Current unit grids crossed by a road that has house-number ranges. */
  gridsWithHouseNumbers: number;
  /** Current unit grids with address points or house-number roads. */
  gridsGeocoded: number;
}

/** All SQL of the acceptance context. */
@Injectable()
export class AcceptanceRepository {
  constructor(private readonly db: Database) {}

  async latestProfiles(): Promise<StoredProfile[]> {
    return this.db.query<StoredProfile>(
      `SELECT DISTINCT ON (id) id, version, body, to_json(created_at) #>> '{}' AS "createdAt"
       FROM acceptance_profile ORDER BY id, version DESC`,
    );
  }

  async profile(id: string, version?: number): Promise<StoredProfile | null> {
    const [row] = await this.db.query<StoredProfile>(
      `SELECT id, version, body, to_json(created_at) #>> '{}' AS "createdAt" FROM acceptance_profile
       WHERE id = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [id, version ?? null],
    );
    return row ?? null;
  }

  /** Stores a version unless it exists; false when another request stored it first. */
  async insertProfile(id: string, version: number, body: unknown, userId: string | null): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO acceptance_profile (id, version, body, created_by) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT ON CONSTRAINT acceptance_profile_pk DO NOTHING RETURNING id`,
      [id, version, JSON.stringify(body), userId],
    );
    return rows.length > 0;
  }

  async answers(profileId: string): Promise<StoredAnswer[]> {
    return this.db.query<StoredAnswer>(
      `SELECT item_id AS "itemId", answer, to_json(updated_at) #>> '{}' AS "updatedAt"
       FROM acceptance_answer WHERE profile_id = $1`,
      [profileId],
    );
  }

  async saveAnswer(
    profileId: string,
    itemId: string,
    answer: AcceptanceItemInput,
    userId: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO acceptance_answer (profile_id, item_id, answer, updated_by) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT ON CONSTRAINT acceptance_answer_pk
       DO UPDATE SET answer = EXCLUDED.answer, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [profileId, itemId, JSON.stringify(answer), userId],
    );
  }

  async attachmentsExist(ids: string[]): Promise<Set<string>> {
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    if (uuids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      `SELECT id::text FROM attachment WHERE id = ANY($1::uuid[])`,
      [uuids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * 建成区覆盖 and 地理编码 coverage. No built-up-area (建成区) polygon is held, so the union of
   * the current communities stands in for it; areas on the sphere (geography), in m².
   */
  async coverage(): Promise<CoverageFacts> {
    const [row] = await this.db.query<CoverageFacts>(
      `WITH comm AS (
         SELECT ST_Union(geom) AS g FROM region WHERE level = 'community' AND valid_to IS NULL
       ), grids AS (
         SELECT code, geom FROM region WHERE level = 'grid' AND valid_to IS NULL
       ), gu AS (SELECT ST_Union(geom) AS g FROM grids),
       ranged AS (
         SELECT DISTINCT r.geom FROM road r WHERE EXISTS (SELECT 1 FROM road_house_range h WHERE h.road_id = r.id)
       ), per_grid AS (
         SELECT g.code,
                EXISTS (SELECT 1 FROM address_point a WHERE ST_Intersects(a.geom, g.geom)) AS ap,
                EXISTS (SELECT 1 FROM ranged r WHERE ST_Intersects(r.geom, g.geom)) AS hn
         FROM grids g
       )
       SELECT coalesce(ST_Area((SELECT g FROM comm)::geography), 0)::float8 AS "communityArea",
              coalesce(ST_Area(ST_Intersection((SELECT g FROM comm), (SELECT g FROM gu))::geography), 0)::float8
                AS "coveredArea",
              (SELECT count(*) FROM per_grid)::int AS grids,
              (SELECT count(*) FROM per_grid WHERE ap)::int AS "gridsWithAddressPoints",
              (SELECT count(*) FROM per_grid WHERE hn)::int AS "gridsWithHouseNumbers",
              (SELECT count(*) FROM per_grid WHERE ap OR hn)::int AS "gridsGeocoded"`,
    );
    return row;
  }

  /**
   * 部件普查: per current component big class (大类), the current small classes and those with
   * at least one registered component; and the last component data change.
   */
  async componentCensus(): Promise<{
    classes: { bigCode: string; bigName: string; small: number; surveyed: number }[];
    lastChange: string | null;
  }> {
    const classes = await this.db.query<{
      bigCode: string;
      bigName: string;
      small: number;
      surveyed: number;
    }>(
      `SELECT b.code AS "bigCode", b.name AS "bigName", count(s.code)::int AS small,
              count(s.code) FILTER (WHERE EXISTS (SELECT 1 FROM component c WHERE c.class_code = s.code))::int AS surveyed
       FROM classification b
       JOIN classification s ON s.kind = 'component' AND s.level = 'small' AND s.valid_to IS NULL
                            AND s.parent_code = b.code
       WHERE b.kind = 'component' AND b.level = 'big' AND b.valid_to IS NULL
       GROUP BY b.code, b.name ORDER BY b.code`,
    );
    const [last] = await this.db.query<{ at: string | null }>(
      `SELECT to_json(max(updated_at)) #>> '{}' AS at FROM component`,
    );
    return { classes, lastChange: last?.at ?? null };
  }

  /** Distinct local report days (city zone) with at least one case, oldest first. */
  async reportDays(timeZone: string): Promise<string[]> {
    const rows = await this.db.query<{ d: string }>(
      `SELECT DISTINCT (reported_at AT TIME ZONE $1)::date::text AS d FROM case_file ORDER BY 1`,
      [timeZone],
    );
    return rows.map((r) => r.d);
  }

  async firstFiledAt(): Promise<string | null> {
    const [row] = await this.db.query<{ at: string | null }>(
      `SELECT to_json(min(filed_at)) #>> '{}' AS at FROM case_file`,
    );
    return row?.at ?? null;
  }

  async oldestReportAt(): Promise<string | null> {
    const [row] = await this.db.query<{ at: string | null }>(
      `SELECT to_json(min(reported_at)) #>> '{}' AS at FROM case_file`,
    );
    return row?.at ?? null;
  }

  /**
   * 专业部门 with case flow: top-level departments, each counted once when it or a unit below it
   * received at least one dispatch.
   */
  async departmentFlow(): Promise<{ departments: number; withFlow: number }> {
    const [row] = await this.db.query<{ departments: number; withFlow: number }>(
      `WITH RECURSIVE tree AS (
         SELECT id AS root, id FROM department WHERE parent_id IS NULL
         UNION ALL
         SELECT t.root, d.id FROM department d JOIN tree t ON d.parent_id = t.id
       ), flowing AS (
         SELECT DISTINCT t.root FROM tree t
         WHERE EXISTS (SELECT 1 FROM case_flow f WHERE f.action = 'dispatch' AND f.department_id = t.id)
       )
       SELECT (SELECT count(*) FROM department WHERE parent_id IS NULL)::int AS departments,
              (SELECT count(*) FROM flowing)::int AS "withFlow"`,
    );
    return row ?? { departments: 0, withFlow: 0 };
  }
}
