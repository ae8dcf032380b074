import type { DemoCaseScript } from '@urbangrid/contracts';
import { type CaseState, isWorkingTime, OPEN_STATES, PUBLIC_SOURCES, type CaseStep } from '@urbangrid/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScriptRunner, seededCaseLimits } from './case-script-runner';
import {
  DEMO_CASES_PER_SCALE,
  demoCaseResolver,
  demoGridLocator,
  generateDemoCases,
  referenceInstant,
  SOURCE_MIX,
} from './cases';
import { generateDemoCity } from './generate-demo-city';

const city = generateDemoCity();
const input = {
  regions: city.regions,
  components: city.components ?? [],
  departments: city.departments,
  users: city.users,
  dispatchRules: city.dispatchRules ?? [],
};
const cases = city.cases ?? [];
const end = referenceInstant().getTime();

interface Replayed {
  script: DemoCaseScript;
  steps: CaseStep[];
  state: CaseState;
}

/** Every script through startCase / stepCase with the seeded limits (the real Asia/Shanghai calendar). */
function replayAll(scripts: readonly DemoCaseScript[]): Replayed[] {
  const limits = seededCaseLimits();
  const resolver = demoCaseResolver(input);
  const gridOf = demoGridLocator(city.regions);
  return scripts.map((script, k) => {
    const grid = gridOf(script.position);
    if (!grid) throw new Error(`script ${k}: position outside every grid`);
    const runner = new ScriptRunner(limits, resolver, script, `case-${k}`, grid, new Date(script.at));
    for (const [i, step] of script.steps.entries()) {
      try {
        runner.apply(step);
      } catch (e) {
        throw new Error(`script ${k} step ${i} (${step[0]}): ${(e as Error).message}`);
      }
    }
    return { script, steps: runner.steps, state: runner.snapshot?.state ?? 'REPORTED' };
  });
}

let replayed: Replayed[] = [];
const share = (n: number, of: number): number => n / of;
const has = (r: Replayed, test: (s: CaseStep) => boolean): boolean => r.steps.some(test);

describe('demo cases', () => {
  beforeAll(() => {
    replayed = replayAll(cases);
  }, 120_000);

  it('has about 12,000 cases at scale 1, in reported order, inside the year before the reference date', () => {
    expect(cases).toHaveLength(DEMO_CASES_PER_SCALE);
    const times = cases.map((c) => Date.parse(c.at));
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThanOrEqual(times[k - 1]);
    // 365 days × 86,400,000 ms before the reference instant 2026-10-31T16:00Z (local midnight).
    expect(times[0]).toBeGreaterThanOrEqual(end - 365 * 86_400_000);
    expect(times[times.length - 1]).toBeLessThan(end);
    expect(new Date(end).toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('is deterministic from the seed and differs for another seed', { timeout: 30_000 }, () => {
    const a = generateDemoCases(input, city.seed, 1, { count: 400 });
    const b = generateDemoCases(input, city.seed, 1, { count: 400 });
    const c = generateDemoCases(input, city.seed + 1, 1, { count: 400 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('replays every script through the domain, each step after the previous one and before the reference', () => {
    expect(replayed).toHaveLength(cases.length);
    for (const r of replayed) {
      expect(r.steps.length).toBe(r.script.steps.length);
      const last = r.steps[r.steps.length - 1];
      expect(last?.record.at.getTime()).toBeLessThan(end);
      for (const s of r.script.steps) expect(s[1]).toBeGreaterThanOrEqual(0);
    }
  });

  it('follows the source mix within tolerances', () => {
    const n = cases.length;
    for (const [source, percent] of SOURCE_MIX) {
      const got = share(cases.filter((c) => c.source === source).length, n) * 100;
      // ±25 % of the weight, at least ±0.4 points (binomial noise on 12,000 draws is ~0.4 points at 70 %).
      expect(Math.abs(got - percent), source).toBeLessThanOrEqual(Math.max(0.4, percent * 0.25));
    }
  });

  it('weighs the common classes most and puts component cases at a demo component', () => {
    const count = new Map<string, number>();
    for (const c of cases)
      count.set(`${c.kind}:${c.classCode}`, (count.get(`${c.kind}:${c.classCode}`) ?? 0) + 1);
    const top = [...count]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k]) => k);
    expect(top).toContain('event:0102'); // 暴露垃圾
    expect(top).toContain('event:0201'); // 非法小广告
    const components = new Map((city.components ?? []).map((c) => [c.code, c]));
    const componentCases = cases.filter((c) => c.kind === 'component');
    expect(share(componentCases.length, cases.length)).toBeGreaterThan(0.15);
    for (const c of componentCases) {
      const comp = components.get(c.componentCode ?? '');
      expect(comp?.classCode).toBe(c.classCode);
      expect(comp?.geometry).toEqual({ type: 'Point', coordinates: c.position });
    }
  });

  it('verifies public reports before 受理 and rejects some as 不属实', () => {
    const pub = replayed.filter((r) => PUBLIC_SOURCES.includes(r.script.source));
    for (const r of pub) if (r.steps.length > 1) expect(r.steps[1]?.record.action).toBe('sendVerify');
    const untrue = pub.filter((r) =>
      has(r, (s) => s.record.action === 'reject' && s.record.payload.reasonCode === 'not_verified'),
    );
    // 18 % of the answered verifications are 不属实.
    expect(share(untrue.length, pub.length)).toBeGreaterThan(0.1);
    expect(share(untrue.length, pub.length)).toBeLessThan(0.26);
  });

  it('has the path mix: returns, extensions, parking, rework, overdue, voided, supervision', () => {
    const dispatched = replayed.filter((r) => has(r, (s) => s.record.action === 'dispatch'));
    const n = dispatched.length;
    const withAction = (action: string, test: (s: CaseStep) => boolean = () => true): number =>
      dispatched.filter((r) => has(r, (s) => s.record.action === action && test(s))).length;
    const returned = withAction('decideReturn', (s) => s.record.approval?.approve === true);
    const extended = withAction('requestExtension');
    const parked = withAction('decidePark', (s) => s.record.approval?.approve === true);
    const reworked = withAction('answerCheck', (s) => s.record.payload.done === false);
    const supervised = withAction('supervise');
    const voided = withAction('decideVoid', (s) => s.record.toState === 'VOID');
    // Targets: 5 % misrouted (90 % of returns approved), 4 % extension, 2 % parked (90 % approved), 6 % rework.
    expect(share(returned, n)).toBeGreaterThan(0.03);
    expect(share(returned, n)).toBeLessThan(0.07);
    expect(share(extended, n)).toBeGreaterThan(0.025);
    expect(share(extended, n)).toBeLessThan(0.06);
    expect(share(parked, n)).toBeGreaterThan(0.01);
    expect(share(parked, n)).toBeLessThan(0.03);
    expect(share(reworked, n)).toBeGreaterThan(0.04);
    expect(share(reworked, n)).toBeLessThan(0.09);
    expect(supervised).toBeGreaterThan(0.02 * n);
    expect(voided).toBeGreaterThan(0);
    // ~10 % of feedbacks miss the disposal deadline.
    const feedbacks = replayed.flatMap((r) => r.steps.filter((s) => s.record.action === 'feedback'));
    const late = feedbacks.filter((s) => s.timing.disposalOnTime === false).length;
    expect(share(late, feedbacks.length)).toBeGreaterThan(0.06);
    expect(share(late, feedbacks.length)).toBeLessThan(0.16);
    // Most cases close; closures include late ones (超时结案).
    const closed = replayed.filter((r) => r.state === 'CLOSED');
    expect(share(closed.length, replayed.length)).toBeGreaterThan(0.8);
    expect(closed.some((r) => r.steps.at(-1)?.next.closureType === 'late')).toBe(true);
    expect(replayed.some((r) => r.state === 'REJECTED')).toBe(true);
    expect(replayed.some((r) => r.state === 'VOID')).toBe(true);
  });

  it('leaves open cases in every state on the desks at the reference date', () => {
    const open = new Set(replayed.filter((r) => OPEN_STATES.includes(r.state)).map((r) => r.state));
    // Desks have work: a few hundred open cases (60 % of the last three weeks' cases stall somewhere).
    expect(replayed.filter((r) => OPEN_STATES.includes(r.state)).length).toBeGreaterThan(250);
    for (const state of OPEN_STATES) expect(open.has(state), state).toBe(true);
  });

  it(
    'keeps departments in working time mostly, mornings busy and weekends quiet',
    { timeout: 30_000 },
    () => {
      const calendar = seededCaseLimits().calendar;
      const deptSteps = replayed.flatMap((r) => r.steps.filter((s) => s.record.actor.role === 'department'));
      const inWork = deptSteps.filter((s) => isWorkingTime(calendar, s.record.at)).length;
      expect(share(inWork, deptSteps.length)).toBeGreaterThan(0.75);
      // Patrol reports, local hour = UTC hour + 8: 08–12 busier than 13–17.
      const hours = cases
        .filter((c) => c.source === 'patrol')
        .map((c) => (new Date(c.at).getUTCHours() + 8) % 24);
      const morning = hours.filter((h) => h >= 8 && h < 12).length;
      const afternoon = hours.filter((h) => h >= 13 && h < 17).length;
      expect(morning).toBeGreaterThan(afternoon * 1.3);
      // Reports per working day vs per day off.
      const perDay = new Map<string, number>();
      for (const c of cases) {
        const local = new Date(Date.parse(c.at) + 8 * 3_600_000).toISOString().slice(0, 10);
        perDay.set(local, (perDay.get(local) ?? 0) + 1);
      }
      let work = 0;
      let workDays = 0;
      let off = 0;
      let offDays = 0;
      for (const [date, n] of perDay) {
        if (isWorkingTime(calendar, new Date(`${date}T10:00:00+08:00`))) {
          work += n;
          workDays++;
        } else {
          off += n;
          offDays++;
        }
      }
      expect(work / workDays).toBeGreaterThan(1.6 * (off / offDays));
    },
  );
});
