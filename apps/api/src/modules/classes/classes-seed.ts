import {
  type ClassProfile,
  classesOfProfile,
  DomainError,
  readClassSeedCsv,
  type SeedClass,
} from '@urbangrid/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../database/database';
import { ClassesRepository, type NewClass } from './classes.repository';

/**
 * The seed files beside this module: apps/api/src/modules/classes/seed when run from source
 * (tests), dist/api/apps/api/src/modules/classes/seed in the build (project.json copies them).
 */
export const CLASS_SEED_DIR = join(__dirname, 'seed');

export const CLASS_SEED_FILES = ['component-classes.csv', 'event-classes.csv'] as const;

/**
 * Small classes a citizen may report through Open311 and the public page (spec 07 §4), public by
 * default in a new city; the city changes the flag per class. Events: 暴露垃圾, 积存垃圾渣土,
 * 道路不洁, 绿地脏乱, 废弃车辆, 道路破损, 道路遗撒, 非法小广告, 违章张贴悬挂广告牌匾, 工地扬尘,
 * 下水道堵塞或破损, 道路积水, 店外经营, 机动车乱停放, 非机动车乱停放, 乱堆物堆料. Components: the
 * 上水/污水/雨水/电力/路灯/通讯/燃气/无主井盖, 雨水箅子 and 路灯.
 */
export const PUBLIC_BY_DEFAULT: Readonly<Record<'event' | 'component', readonly string[]>> = {
  event: ['0102', '0103', '0104', '0106', '0107', '0110', '0112', '0201', '0202', '0302', '0404', '0406', '0504', '0505', '0506', '0507'],
  component: ['0101', '0102', '0103', '0104', '0105', '0106', '0107', '0111', '0114', '0118'],
};

/**
 * Seeded classes are in force from this date: earlier than any case a city may import, so every
 * historical case finds its class in force. A convention of ours, not a date of the standard.
 */
export const CLASS_SEED_VALID_FROM = '2000-01-01';

/** The classes of a profile, read and checked from both seed files (every bad row reported). */
export function readSeedClasses(profile: ClassProfile, dir: string = CLASS_SEED_DIR): SeedClass[] {
  return CLASS_SEED_FILES.flatMap((file) => {
    try {
      return classesOfProfile(readClassSeedCsv(readFileSync(join(dir, file), 'utf8')), profile);
    } catch (err) {
      // Name the file, so a failed start says which one to fix.
      if (err instanceof DomainError) throw new DomainError(err.code, `${file}: ${err.message}`, err.details);
      throw err;
    }
  });
}

export interface ClassSeedResult {
  seeded: boolean;
  profile: ClassProfile;
  components: number;
  events: number;
}

/**
 * Loads a seed profile (national by default) into an empty `classification` table: all rows in
 * one transaction, or none. A table that holds any row is left alone, so a city's edits survive
 * restarts.
 */
export async function seedClassesIfEmpty(
  db: Database,
  opts: { profile?: ClassProfile; dir?: string } = {},
): Promise<ClassSeedResult> {
  const profile = opts.profile ?? 'national';
  // Read and check the files before opening the transaction: a bad file writes nothing.
  const classes = readSeedClasses(profile, opts.dir);
  const rows: NewClass[] = classes.map((c) => ({
    kind: c.kind,
    code: c.code,
    codeScheme: c.codeScheme,
    level: c.level,
    parentCode: c.parentCode,
    name: c.name,
    nameEn: null,
    confidence: c.confidence,
    origin: 'national',
    profile,
    validFrom: CLASS_SEED_VALID_FROM,
    isPublic: c.level === 'small' && PUBLIC_BY_DEFAULT[c.kind].includes(c.code),
    geometryType: c.geometryType,
  }));
  return db.transaction(async (tx) => {
    const repo = new ClassesRepository(tx);
    await repo.lockTable();
    if ((await repo.count()) > 0) return { seeded: false, profile, components: 0, events: 0 };
    await repo.insertMany(rows);
    return {
      seeded: true,
      profile,
      components: rows.filter((r) => r.kind === 'component').length,
      events: rows.filter((r) => r.kind === 'event').length,
    };
  });
}
