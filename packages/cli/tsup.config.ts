import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * In the bundle, `import.meta.url` is the bundle's own URL (tsup's shim): right for this
 * package's files (dist/ is dist/ either way) but not for the userland package's, which find
 * their images next to their own dist/. There it becomes the URL userland's dist/index.js has
 * wherever the package is installed, resolved once at run time (USERLAND_URL_FOOTER).
 */
const userlandUrl: Plugin = {
  name: 'userland-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]userland[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', '__codezeroUserlandUrl()'), loader: 'js' };
    });
  },
};

/**
 * The bundle's last lines: the function the userland plugin's rewrite calls (hoisted). It
 * looks for the package in the node_modules directories Node's require would try, nearest
 * first, as Node does (and resolves symbolic links, as Node does). Only where that finds
 * nothing (another package manager's layout) does it ask require.resolve, whose resolution
 * of the package's "exports" loads Node's ES module resolver: 4 ms of every start.
 */
const USERLAND_URL_FOOTER = `var __codezeroUserlandUrlValue;
function __codezeroUserlandUrl() {
  return (__codezeroUserlandUrlValue ??= __codezeroFindUserland());
}
function __codezeroFindUserland() {
  const fs = require('node:fs');
  const path = require('node:path');
  const { pathToFileURL } = require('node:url');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'node_modules', '@codezero-ts', 'userland');
    if (path.basename(dir) !== 'node_modules' && fs.existsSync(path.join(pkg, 'package.json'))) {
      return pathToFileURL(path.join(fs.realpathSync(pkg), 'dist', 'index.js')).href;
    }
    if (path.dirname(dir) === dir) break;
  }
  return new URL('dist/index.js', pathToFileURL(require('node:module').createRequire(__filename).resolve('@codezero-ts/userland/package.json'))).href;
}`;

/**
 * commander loads child_process (for subcommands that are programs of their own, which this
 * command has none of) when it loads: in the bundle the module is loaded at its first use,
 * which saves loading child_process, net, dgram and their kin at every start.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const load = "require('node:child_process')";
      const lazy = "new Proxy({}, { get: (_, key) => require('node:child_process')[key] })";
      if (!text.includes(load)) throw new Error(`${args.path} no longer loads ${load}: update the lazy-child-process plugin`);
      return { contents: text.replaceAll(load, lazy), loader: 'js' };
    });
  },
};

export default defineConfig([
  {
    // the library (runCli and friends) and the bundle's loader (for the build's cache step)
    entry: { index: 'src/index.ts', 'bin-launch': 'src/launch/bundle.ts' },
    format: ['esm'],
    target: 'node20',
    dts: { entry: 'src/index.ts', compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: false,
  },
  {
    // the command's entry, as CommonJS (Node starts no ES module loader for it)
    entry: { bin: 'src/bin.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    dts: false,
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
    footer: { js: USERLAND_URL_FOOTER },
    esbuildPlugins: [userlandUrl, lazyChildProcess],
  },
]);
