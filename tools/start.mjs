#!/usr/bin/env node
// `npm start`: build what is missing, make the demo city once, start the API (which applies
// migrations and seeds the demo city into an empty database), then print the demo logins.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, process.env.DATA_DIR || '.data');
const dataset = join(dataDir, 'demo-city.json');
const main = join(root, 'dist/api/apps/api/src/main.js');
const t0 = Date.now();

function step(label, cmd, args) {
  process.stdout.write(`• ${label}\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (res.status !== 0) {
    process.stderr.write(`urbangrid: ${label} failed (exit ${res.status})\n`);
    process.exit(res.status ?? 1);
  }
}

if (!existsSync(join(root, 'node_modules'))) {
  process.stderr.write('urbangrid: dependencies are missing: run `npm ci` first\n');
  process.exit(1);
}

// Nx rebuilds only what changed (its cache restores unchanged outputs).
step('building the API and the web app', process.execPath, [
  join(root, 'node_modules/nx/dist/bin/nx.js'),
  'run-many',
  '-t',
  'build',
  '--projects=api,web',
  '--output-style=static',
]);

if (!existsSync(dataset)) {
  step('generating the demo city', process.execPath, ['--import', 'tsx', 'tools/demo-city/cli.ts', '--out', dataset]);
}

process.stdout.write('• starting the server (first start creates and seeds the database)\n');
const child = spawn(process.execPath, [main, 'serve'], {
  cwd: root,
  // The desk console shows warnings and errors; LOG_LEVEL=info logs every request (JSON, pino).
  env: { LOG_LEVEL: 'warn', ...process.env, DATA_DIR: dataDir, DEMO_DATASET: dataset },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let announced = false;
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && chunk.toString().includes('UrbanGrid is running at')) {
    announced = true;
    printLogins();
    process.stdout.write(`started in ${((Date.now() - t0) / 1000).toFixed(1)} s (this command, build included)\n`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 1)));

function printLogins() {
  const { users } = JSON.parse(readFileSync(dataset, 'utf8'));
  const byRole = new Map();
  for (const u of users) if (!byRole.has(u.role)) byRole.set(u.role, u);
  process.stdout.write('\nDemo logins (one per role; password for all shown):\n');
  for (const [role, u] of byRole) {
    process.stdout.write(`  ${role.padEnd(13)} ${u.username.padEnd(14)} ${u.password}  ${u.displayName}\n`);
  }
  process.stdout.write(`  (${users.length} demo users in all)\n\n`);
}
