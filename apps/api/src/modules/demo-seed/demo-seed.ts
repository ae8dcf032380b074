import type { DemoCityDataset, DemoComponent, RegionLevel } from '@urbangrid/contracts';
import { readFileSync } from 'node:fs';
import type { Database } from '../../database/database';
import { OrganizationRepository } from '../auth/organization.repository';
import { CasesRepository } from '../cases/cases.repository';
import { ComponentsRepository, type NewComponent } from '../components/components.repository';
import { hashPassword } from '../auth/password';
import { GeocodingRepository } from '../geocoding/geocoding.repository';
import { RegionsRepository } from '../regions/regions.repository';
import { seedTimeLimitsIfEmpty } from '../timelimits/time-limits-seed';
import { seedDemoCases } from './demo-cases';

/** Code scheme stored with each region code (spec README: "store a code_scheme with every code"). */
const CODE_SCHEME: Record<RegionLevel, string> = {
  district: 'gbt2260-6',
  street: 'gbt10114-9',
  community: 'community-12',
  grid: 'gbt30428-15',
};

/** The demo layout is in force from this date, so a year of demo history falls inside it. */
const DEMO_VALID_FROM = '2024-01-01';

export interface SeedResult {
  seeded: boolean;
  regions: number;
  roads: number;
  departments: number;
  users: number;
  components: number;
  /** Responsibility-grid assignments (inspector × grid) written. */
  inspectorGrids?: number;
  /** Demo cases replayed (dataset `cases`) and their flow records. */
  cases?: number;
  flows?: number;
}

export function readDemoDataset(path: string): DemoCityDataset {
  const dataset = JSON.parse(readFileSync(path, 'utf8')) as DemoCityDataset;
  if (dataset.formatVersion !== 1)
    throw new Error(`unsupported demo dataset format ${String(dataset.formatVersion)}`);
  return dataset;
}

/** Loads the demo city when the database holds no regions and no users; all or nothing. */
export interface SeedOptions {
  /**
   * Move the demo year of cases forward by whole weeks so that it ends at most this instant
   * (the app passes "now": open cases then have believable deadlines). Tests leave it out and
   * get the dataset's fixed dates.
   */
  caseTimesUpTo?: Date;
}

export async function seedDemoCityIfEmpty(
  db: Database,
  datasetAsGenerated: DemoCityDataset,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const dataset = options.caseTimesUpTo
    ? withCasesMovedUpTo(datasetAsGenerated, options.caseTimesUpTo)
    : datasetAsGenerated;
  const districtCode = dataset.city.districtCode;
  const users = await Promise.all(
    dataset.users.map(async (u) => ({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      departmentCode: u.departmentCode,
      passwordHash: await hashPassword(u.password),
      districtCode,
    })),
  );
  // The demo cases are computed with the time limits, which the API seeds at bootstrap, later.
  if (dataset.cases?.length) await seedTimeLimitsIfEmpty(db);
  return db.transaction(async (tx) => {
    const regionsRepo = new RegionsRepository(tx);
    const orgRepo = new OrganizationRepository(tx);
    if ((await regionsRepo.countRegions()) > 0 || (await orgRepo.countUsers()) > 0) {
      return { seeded: false, regions: 0, roads: 0, departments: 0, users: 0, components: 0 };
    }
    await regionsRepo.insertRegions(
      dataset.regions.map((r) => ({
        level: r.level,
        code: r.code,
        codeScheme: CODE_SCHEME[r.level],
        name: r.name,
        parentCode: r.parentCode,
        districtCode: r.code.slice(0, 6),
        geometry: r.geometry,
        validFrom: DEMO_VALID_FROM,
      })),
    );
    await regionsRepo.insertRoads(
      dataset.roads.map((r) => ({
        districtCode,
        name: r.name,
        roadClass: r.roadClass,
        geometry: r.geometry,
      })),
    );
    if (dataset.geocoding) await new GeocodingRepository(tx).insertDemoData(districtCode, dataset.geocoding);
    await orgRepo.insertDepartments(dataset.departments.map((d) => ({ ...d, districtCode })));
    await orgRepo.insertUsers(users);
    const inspectorGrids = demoInspectorGrids(dataset);
    await orgRepo.insertInspectorGrids(inspectorGrids);
    await seedDemoRouting(new CasesRepository(tx), dataset);
    const components = dataset.components ?? [];
    await new ComponentsRepository(tx).insertMany(demoComponentRows(dataset, components));
    const cases = await seedDemoCases(tx, dataset);
    return {
      seeded: true,
      regions: dataset.regions.length,
      roads: dataset.roads.length,
      departments: dataset.departments.length,
      users: users.length,
      components: components.length,
      inspectorGrids: inspectorGrids.reduce((n, r) => n + r.gridCodes.length, 0),
      cases: cases.cases,
      flows: cases.flows,
    };
  });
}

/**
 * 责任网格: the demo city has one inspector per street (tools/demo-city/src/organization.ts:
 * `inspector01` … in street order), so the k-th inspector is responsible for every unit grid of
 * the k-th street. Grid codes start with their street's 9-digit code (6 + 3 + 3 + 3).
 */
export function demoInspectorGrids(dataset: DemoCityDataset): { username: string; gridCodes: string[] }[] {
  const streets = dataset.regions.filter((r) => r.level === 'street').map((r) => r.code);
  const grids = dataset.regions.filter((r) => r.level === 'grid').map((r) => r.code);
  const inspectors = dataset.users.filter((u) => u.role === 'inspector');
  return inspectors.flatMap((u, k) => {
    const street = streets[k];
    return street ? [{ username: u.username, gridCodes: grids.filter((g) => g.startsWith(street)) }] : [];
  });
}

/** Demo components as registry rows: 主管部门 = 权属单位 = `deptCode`, 养护单位 = `maintainerCode`. */
function demoComponentRows(dataset: DemoCityDataset, components: readonly DemoComponent[]): NewComponent[] {
  const deptName = new Map(dataset.departments.map((d) => [d.code, d.name]));
  const ref = (code: string) => ({ code, name: deptName.get(code) ?? null });
  return components.map((c) => ({
    code: c.code,
    codeScheme: 'gbt30428-2',
    classCode: c.classCode,
    name: c.name,
    districtCode: c.code.slice(0, 6),
    geometry: c.geometry,
    competentDept: ref(c.deptCode),
    owner: ref(c.deptCode),
    maintainer: ref(c.maintainerCode),
    state: c.state,
    initialDate: c.initialDate,
    changeDate: null,
    dataSource: '实测',
    note: null,
    photo: null,
  }));
}

/** 派遣 routing of the demo city: street offices answer for their street (属地), class rules. */
async function seedDemoRouting(repo: CasesRepository, dataset: DemoCityDataset): Promise<void> {
  await repo.setTerritories(
    dataset.departments.flatMap((d) =>
      d.territoryCode ? [{ departmentCode: d.code, territoryCode: d.territoryCode }] : [],
    ),
  );
  await repo.insertDispatchRules(
    (dataset.dispatchRules ?? []).map((r) => ({
      districtCode: dataset.city.districtCode,
      kind: r.kind,
      classPrefix: r.classPrefix,
      regionCode: '',
      departmentCode: r.departmentCode,
      note: null,
    })),
  );
}

const WEEK_MS = 7 * 86_400_000;

/** The dataset with every case script moved forward by whole weeks (weekdays kept), ending by `upTo`. */
export function withCasesMovedUpTo(dataset: DemoCityDataset, upTo: Date): DemoCityDataset {
  const scripts = dataset.cases ?? [];
  if (scripts.length === 0) return dataset;
  // The last step of any script: its report time plus the minutes of its steps.
  const lastStep = Math.max(
    ...scripts.map((s) => Date.parse(s.at) + s.steps.reduce((m, step) => m + step[1], 0) * 60_000),
  );
  const weeks = Math.floor((upTo.getTime() - lastStep) / WEEK_MS);
  if (weeks <= 0) return dataset;
  const shift = weeks * WEEK_MS;
  const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString().replace(/:00\.000Z$/, 'Z');
  return { ...dataset, cases: scripts.map((s) => ({ ...s, at: at(s.at) })) };
}
