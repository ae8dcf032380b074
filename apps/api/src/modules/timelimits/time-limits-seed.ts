import { readTimeLimitSeed } from '@urbangrid/domain';
import type { Database } from '../../database/database';
import { TimeLimitsRepository } from './time-limits.repository';

/** The scope key of the city-wide settings row. */
export const CITY_SCOPE = 'city';

/** The calendar every district and department without its own uses. */
export const DEFAULT_CALENDAR_CODE = 'default';

export interface TimeLimitSeedResult {
  calendar: boolean;
  calendarDays: number;
  settings: boolean;
  stageLimits: number;
  filingStandards: number;
}

/**
 * Loads the default time-limit data (libs/domain/src/time-limits/seed) into whatever is empty:
 * the default calendar with its holiday years, the city settings, the stage limits and the
 * filing standards, each only when it has no row, in one transaction. A city's edits survive
 * restarts. Called when the API boots (TimeLimitsService.onApplicationBootstrap).
 */
export async function seedTimeLimitsIfEmpty(db: Database): Promise<TimeLimitSeedResult> {
  // Read and check the files before opening the transaction: a bad file writes nothing.
  const seed = readTimeLimitSeed();
  return db.transaction(async (tx) => {
    const repo = new TimeLimitsRepository(tx);
    await repo.lockForSeed();
    const result: TimeLimitSeedResult = {
      calendar: false,
      calendarDays: 0,
      settings: false,
      stageLimits: 0,
      filingStandards: 0,
    };
    if (!(await repo.findCalendar({ code: DEFAULT_CALENDAR_CODE }))) {
      const id = await repo.insertCalendar({
        code: DEFAULT_CALENDAR_CODE,
        name: seed.calendar.name,
        timeZone: seed.calendar.timeZone,
        windows: seed.calendar.windows,
        weekdays: seed.calendar.weekdays,
        districtCode: null,
        departmentId: null,
      });
      await repo.insertDays(id, seed.calendar.days);
      result.calendar = true;
      result.calendarDays = seed.calendar.days.length;
    }
    if (!(await repo.findSettings(CITY_SCOPE))) {
      await repo.upsertSettings({
        ...seed.settings,
        scope: CITY_SCOPE,
        filingProfileId: seed.filingStandards.profileId,
      });
      result.settings = true;
    }
    if ((await repo.countStageLimits()) === 0) {
      await repo.replaceStageLimits(seed.stageLimits);
      result.stageLimits = seed.stageLimits.length;
    }
    if ((await repo.countFilingStandards()) === 0) {
      const { profileId, validFrom, standards } = seed.filingStandards;
      await repo.insertFilingStandards(standards.map((s) => ({ ...s, profileId, validFrom, version: 1 })));
      result.filingStandards = standards.length;
    }
    return result;
  });
}
