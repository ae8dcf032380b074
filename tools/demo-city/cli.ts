import type { DemoCityDataset } from '@urbangrid/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

// tsx takes path aliases (@urbangrid/*) from ./tsconfig.json of the working directory, and the
// repo root has only tsconfig.base.json; so register tsx again with this tool's tsconfig before
// loading any module that imports an alias.
process.env.TSX_TSCONFIG_PATH ??= join(__dirname, 'tsconfig.json');
const load = createRequire(__filename);
(load('tsx/cjs/api') as { register: () => () => void }).register();
const { generateDemoCity } = load('./src/generate-demo-city') as typeof import('./src/generate-demo-city');
const { CliUsageError, USAGE, parseCliArgs } = load('./src/cli-args') as typeof import('./src/cli-args');

function summary(d: DemoCityDataset): string {
  const count = <T>(items: readonly T[], key: (item: T) => string): string => {
    const m = new Map<string, number>();
    for (const item of items) m.set(key(item), (m.get(key(item)) ?? 0) + 1);
    return [...m].map(([k, n]) => `${k} ${n}`).join(', ');
  };
  return [
    `  regions: ${count(d.regions, (r) => r.level)}`,
    `  roads: ${d.roads.length} (${count(d.roads, (r) => r.roadClass)})`,
    `  departments: ${d.departments.length}, users: ${d.users.length}`,
    `  cases: ${d.cases?.length ?? 0} (${count(d.cases ?? [], (c) => c.source)})`,
  ].join('\n');
}

function main(argv: readonly string[]): number {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof CliUsageError) {
      process.stderr.write(`demo-city: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const t0 = performance.now();
  const dataset = generateDemoCity({ seed: options.seed, scale: options.scale });
  const t1 = performance.now();
  const json = JSON.stringify(dataset);
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  const t2 = performance.now();
  process.stderr.write(
    `demo-city: seed ${dataset.seed}, scale ${dataset.scale} -> ${options.out} (${(json.length / 1e6).toFixed(1)} MB)\n` +
      `${summary(dataset)}\n` +
      `  generated in ${Math.round(t1 - t0)} ms, serialised and written in ${Math.round(t2 - t1)} ms\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
