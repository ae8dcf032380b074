#!/usr/bin/env node
// `npm run bench -- <name> [options]`: builds the API, then runs tools/bench/<name>.ts with tsx.
// Benchmarks run against the PostgreSQL/PostGIS at DATABASE_URL and print their figures; they
// never assert timings. Results worth keeping go to docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const here = import.meta.dirname;
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.startsWith('bench-'))
  .map((f) => f.slice(0, -3));
const [name, ...args] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${names.join('|')}> [options]\n`);
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  process.stderr.write('bench: set DATABASE_URL to a PostgreSQL/PostGIS database the benchmark may fill\n');
  process.exit(2);
}
// tsx takes the @urbangrid/* path aliases from this folder's tsconfig (the root has only tsconfig.base.json).
const env = { ...process.env, TSX_TSCONFIG_PATH: join(here, 'tsconfig.json') };
const run = (cmd, argv) => spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env }).status ?? 1;
if (!existsSync(join(root, 'node_modules'))) {
  process.stderr.write('bench: run `npm ci` first\n');
  process.exit(1);
}
const built = run(process.execPath, [
  join(root, 'node_modules/nx/dist/bin/nx.js'),
  'run',
  'api:build',
  '--output-style=static',
]);
if (built !== 0) process.exit(built);
// --expose-gc: benchmarks may collect garbage before reading memory figures.
process.exit(run(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, `${name}.ts`), ...args]));
