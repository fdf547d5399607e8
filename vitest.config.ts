import { readdirSync, existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * One Vitest project per package under `packages/`. Tests run against the TypeScript
 * sources through the `@codezero-ts/source` export condition, so `npm test` needs no build.
 *
 * `npm test` runs `test/**\/*.test.ts` except the long suites; `npm run test:long`
 * (CODEZERO_LONG=1) runs only `test/**\/*.long.test.ts`. Under CI a JSON report is written
 * too, from which `.ci/run` prints its closing `N passed, N failed` line.
 */
const long = process.env['CODEZERO_LONG'] === '1';
const packages = readdirSync(new URL('./packages/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`./packages/${d.name}/test/`, import.meta.url)))
  .map((d) => d.name)
  .sort();
const reportFile = process.env['CODEZERO_TEST_REPORT'];

export default defineConfig({
  resolve: {
    conditions: ['@codezero-ts/source'],
  },
  // Tests run in Vite's server-side environment, which resolves packages on its own.
  ssr: {
    resolve: { conditions: ['@codezero-ts/source'], externalConditions: ['@codezero-ts/source'] },
  },
  test: {
    passWithNoTests: long,
    // A guard against hangs, not a speed assertion: the machine has 2 shared cores.
    testTimeout: long ? 900_000 : 60_000,
    reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
    projects: packages.map((name) => ({
      extends: true,
      test: {
        name,
        root: `./packages/${name}`,
        include: long ? ['test/**/*.long.test.ts'] : ['test/**/*.test.ts'],
        exclude: long ? [] : ['test/**/*.long.test.ts'],
      },
    })),
  },
});
