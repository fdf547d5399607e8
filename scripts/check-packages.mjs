#!/usr/bin/env node
// Repository check: every package has the shape ARCHITECTURE.md §2 asks for, the package.json
// fields publishing needs, and declares every package its code imports.
// Exits 1 with one line per problem; prints a summary line either way.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const rootDev = new Set(Object.keys(rootPkg.devDependencies ?? {}));
const builtins = new Set(builtinModules);
const problems = [];

const requiredFiles = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'tsconfig.json', 'tsup.config.ts', 'src/index.ts', 'src/api.ts'];

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const importRe = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function packageOf(spec) {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtins.has(name) ? null : name;
}

const dirs = readdirSync(join(root, 'packages')).filter((d) => statSync(join(root, 'packages', d)).isDirectory()).sort();
for (const dir of dirs) {
  const base = join(root, 'packages', dir);
  const where = `packages/${dir}`;
  for (const f of requiredFiles) if (!existsSync(join(base, f))) problems.push(`${where}: missing ${f}`);
  const tests = walk(join(base, 'test')).filter((f) => f.endsWith('.test.ts'));
  if (tests.length === 0) problems.push(`${where}: no test/*.test.ts`);
  if (!existsSync(join(base, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  if (pkg.name !== `@codezero-ts/${dir}`) problems.push(`${where}: name must be @codezero-ts/${dir}, is ${pkg.name}`);
  if (!pkg.version) problems.push(`${where}: no version`);
  if (!pkg.description) problems.push(`${where}: no description`);
  if (pkg.license !== 'MIT') problems.push(`${where}: license must be MIT`);
  if (pkg.type !== 'module') problems.push(`${where}: type must be "module" (ESM only)`);
  if (pkg.sideEffects !== false) problems.push(`${where}: sideEffects must be false`);
  const dot = pkg.exports?.['.'];
  if (!dot || typeof dot !== 'object') problems.push(`${where}: exports["."] missing`);
  else {
    if (!dot.types) problems.push(`${where}: exports["."] has no types`);
    if (!dot.import) problems.push(`${where}: exports["."] has no import`);
    if (dot['@codezero-ts/source'] !== './src/index.ts') problems.push(`${where}: exports["."]["@codezero-ts/source"] must be ./src/index.ts`);
  }
  if (!Array.isArray(pkg.files) || !pkg.files.includes('dist')) problems.push(`${where}: files must list dist`);
  if (pkg.repository?.directory !== where) problems.push(`${where}: repository.directory must be ${where}`);
  if (!pkg.scripts?.build) problems.push(`${where}: no build script`);

  const runtime = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);
  const dev = new Set([...runtime, ...Object.keys(pkg.devDependencies ?? {}), ...rootDev]);
  const scan = (files, allowed, kind) => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const name = packageOf(m[1] ?? m[2] ?? m[3]);
        if (name && name !== pkg.name && !allowed.has(name)) {
          problems.push(`${file.slice(root.length)}: imports ${name}, which ${pkg.name} does not declare in ${kind}`);
        }
      }
    }
  };
  scan(walk(join(base, 'src')), runtime, 'dependencies');
  scan([...walk(join(base, 'test')), ...walk(join(base, 'bench'))], dev, 'dependencies or devDependencies');
}

for (const p of problems) console.error(p);
console.log(`check:packages: ${dirs.length} packages, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
process.exit(problems.length > 0 ? 1 : 0);
