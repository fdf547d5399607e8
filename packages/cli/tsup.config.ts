import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * In the bundle, `import.meta.url` is the bundle's own URL (tsup's shim): right for this
 * package's files (dist/ is dist/ either way) but not for the userland package's, which find
 * their images next to their own dist/. There it becomes the URL userland's dist/index.js has
 * wherever the package is installed, resolved at run time.
 */
const userlandUrl: Plugin = {
  name: 'userland-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]userland[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const url = `new URL('dist/index.js', require('node:url').pathToFileURL(require('node:module').createRequire(__filename).resolve('@codezero-ts/userland/package.json'))).href`;
      return { contents: text.replaceAll('import.meta.url', `(${url})`), loader: 'js' };
    });
  },
};

export default defineConfig([
  {
    // the library (runCli and friends), the command's launcher and its loader
    entry: { index: 'src/index.ts', bin: 'src/bin.ts', 'bin-launch': 'src/launch/bundle.ts' },
    format: ['esm'],
    target: 'node20',
    dts: { entry: 'src/index.ts', compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: false,
  },
  {
    // the command and every package it uses as one script, for V8's code cache
    // (src/launch/bundle.ts); scripts/write-code-cache.mjs then writes the cache
    entry: { 'codezero-bundle': 'src/main.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    shims: true,
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: false,
    esbuildPlugins: [userlandUrl],
  },
]);
