#!/usr/bin/env node
// `npm run db:migrate` / `npm run db:reset` / `npm run audit:verify`: build the API when needed,
// then run its CLI.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const command = process.argv[2];
if (!['migrate', 'reset', 'audit-verify'].includes(command)) {
  process.stderr.write('usage: node tools/db.mjs migrate|reset|audit-verify [districtCode]\n');
  process.exit(2);
}
if (command === 'reset' && !process.argv.includes('--yes')) {
  if (!process.stdin.isTTY) {
    process.stderr.write('urbangrid: db:reset deletes all data; run `npm run db:reset -- --yes` to confirm\n');
    process.exit(2);
  }
  process.stdout.write('This deletes ALL data in the database. Type "reset" to confirm: ');
  const answer = await new Promise((r) => process.stdin.once('data', (d) => r(String(d).trim())));
  if (answer !== 'reset') {
    process.stdout.write('aborted\n');
    process.exit(1);
  }
}
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;
const built = run([join(root, 'node_modules/nx/dist/bin/nx.js'), 'run', 'api:build', '--output-style=static']);
if (built !== 0) process.exit(built);
process.exit(run([join(root, 'dist/api/apps/api/src/main.js'), ...process.argv.slice(2).filter((a) => a !== '--yes')]));
