#!/usr/bin/env node
// Creates a package with the shape every package of this repo shares (ARCHITECTURE.md §2).
// Usage: node scripts/new-package.mjs NAME "One-line description"
import { mkdirSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';

const [name, description] = process.argv.slice(2);
if (!name || !description || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: node scripts/new-package.mjs NAME "One-line description" (NAME in kebab-case)');
  process.exit(2);
}
const dir = new URL(`../packages/${name}/`, import.meta.url);
if (existsSync(dir)) {
  console.error(`packages/${name} exists already`);
  process.exit(2);
}
for (const sub of ['src/internal', 'test']) mkdirSync(new URL(sub, dir), { recursive: true });

const pkg = {
  name: `@codezero-ts/${name}`,
  version: '0.1.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  exports: {
    '.': {
      '@codezero-ts/source': './src/index.ts',
      types: './dist/index.d.ts',
      import: './dist/index.js',
    },
  },
  types: './dist/index.d.ts',
  files: ['dist', 'src', 'README.md', 'CHANGELOG.md', 'LICENSE'],
  repository: {
    type: 'git',
    url: 'git+https://github.com/codezero-ts/codezero-ts.git',
    directory: `packages/${name}`,
  },
  engines: { node: '>=20.19' },
  scripts: { build: 'tsup' },
  publishConfig: { access: 'public' },
};
const write = (file, text) => writeFileSync(new URL(file, dir), text);
write('package.json', JSON.stringify(pkg, null, 2) + '\n');
write('tsconfig.json', JSON.stringify({
  extends: '../../tsconfig.base.json',
  compilerOptions: { noEmit: true },
  include: ['src', 'test', 'bench', 'tsup.config.ts'],
}, null, 2) + '\n');
write('tsup.config.ts', `import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
});
`);
write('README.md', `# @codezero-ts/${name}\n\n${description}\n\n## Install\n\n\`\`\`sh\nnpm install @codezero-ts/${name}\n\`\`\`\n`);
write('CHANGELOG.md', `# Changelog\n\nAll notable changes to this package are documented here (written by lerna from Conventional Commits).\n`);
copyFileSync(new URL('../LICENSE', import.meta.url), new URL('LICENSE', dir));
write('src/api.ts', `/**\n * Public interfaces and types of @codezero-ts/${name}.\n * @packageDocumentation\n */\n`);
write('src/index.ts', `/**\n * ${description}\n * @packageDocumentation\n */\nexport type {} from './api.js';\n`);
console.log(`created packages/${name}`);
