#!/usr/bin/env node
// Runs the `bench` script of every package that has one (after `npm run build`), then prints
// where the figures were written. Each package's bench writes bench-results/<package>.json.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = new URL('../', import.meta.url);
const only = process.argv.slice(2);
let failed = 0;
for (const name of readdirSync(new URL('packages/', root)).sort()) {
  const file = new URL(`packages/${name}/package.json`, root);
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (!pkg.scripts?.bench) continue;
  if (only.length > 0 && !only.includes(name)) continue;
  const r = spawnSync('npm', ['run', '--silent', 'bench', '-w', pkg.name], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench of ${pkg.name} failed (exit ${r.status})`);
    failed++;
  }
}
console.log(`\nFigures written to bench-results/*.json`);
process.exit(failed > 0 ? 1 : 0);
