import { readFileSync, writeFileSync } from 'node:fs';
// Loaded for their effect, before runBundle sets BUNDLE_V8_FLAGS (see "Early built-ins" below).
import 'node:fs/promises';
import 'node:timers/promises';
import 'node:tty';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/*
 * Why the command runs from a bundle. A cold `codezero boot` spends a large share of its
 * time before and around the guest compiling JavaScript: parsing the packages' modules, then
 * compiling each function to bytecode the first time it is called. V8 can save that work as
 * a code cache and take it back, but Node 20 offers this only for scripts (`vm.Script`), not
 * for ES modules. So the build bundles the command and every package it uses into one
 * script, runs `boot --init test0` once and saves the cache of every function compiled on
 * the way (scripts/write-code-cache.mjs); the command then starts from both. The command's
 * own entry (bin.ts) is built as CommonJS too: Node then never starts its ES module loader.
 */

/**
 * V8 flags the bundle runs under, set by {@link runBundle} before it compiles the script (a
 * code cache is taken only under the flags it was written with, and the build's cache step
 * goes through runBundle too).
 *
 * `--max-inlined-bytecode-size-cumulative=200` (V8's default is 920): while a cold boot
 * runs, V8's optimising compiler compiles about 150 functions on helper threads, and on a
 * two-core machine that work takes as much processor time as the guest's own thread.
 * Inlining less makes each of those compilations smaller: a cold `boot --init /bin/test0`
 * takes about a tenth less processor time. Warm code pays a little: test0 booted again
 * and again in one process is 5–10 % slower (the package README has both figures).
 *
 * `--no-use-osr`: no on-stack replacement. The interpreter and the kernel loop are called
 * again every slice (at most a million instructions, and far fewer between system calls),
 * so code V8 optimises is taken up at the next call anyway; with OSR, V8 also compiled the
 * interpreter a third time for the one long call running when its optimised code was
 * thrown away (about 60 ms of a helper thread, finished when the boot was nearly over).
 *
 * `--interrupt-budget=135168` (twice V8's default): a function is optimised after twice as
 * much work in the baseline tiers, so it has met more of its cases by then and is thrown
 * away and compiled again less often. Together the two flags take the helper threads of a
 * cold `boot --init /bin/test0` from about 0.30 to 0.19 s of processor time and its wall
 * time down by about 25 ms (cli README, session 12); the main thread pays about 0.02 s.
 */
export const BUNDLE_V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=200', '--no-use-osr', '--interrupt-budget=135168'];

/*
 * Early built-ins. Node compiles its own built-in modules from a code cache made under V8's
 * default flags; once a flag is set at run time that cache no longer matches, and a built-in
 * loaded afterwards is compiled from source. Every boot loads fs/promises (with readline's
 * internals, for the console's stdin stream), tty and timers/promises (the boot loop) after
 * the flag; the imports above load them before it (a cold `boot --init test0` reaches its
 * first guest instruction about 4 ms sooner).
 */

/** The bundle's file name in the package's dist/. */
export const BUNDLE_FILE = 'codezero-bundle.cjs';

/** The file name of V8's code cache for {@link BUNDLE_FILE}, written by the build. */
export const CODE_CACHE_FILE = 'codezero-bundle.v8-cache';

/** The bundle and its code cache in directory `dir` (the package's dist/). */
export function bundleFiles(dir: string): { readonly bundlePath: string; readonly cachePath: string } {
  return { bundlePath: join(dir, BUNDLE_FILE), cachePath: join(dir, CODE_CACHE_FILE) };
}

/** How {@link runBundle} loaded the bundle. */
export interface BundleLoad {
  /** The bundle was not found (a build without it): nothing ran. */
  readonly missing: boolean;
  /**
   * Whether V8 used the code cache: false when it rejected it (another Node or V8 version,
   * or different V8 flags) and compiled from source; undefined when there was none to use.
   */
  readonly cacheUsed: boolean | undefined;
  /**
   * Writes the script's code cache as it is now, with every function compiled so far, to
   * the cache path (for the build, at the end of a run). Does nothing when `missing`.
   */
  saveCache(): void;
}

/** Options of {@link runBundle}. */
export interface BundleOptions {
  /** The script to run. */
  readonly bundlePath: string;
  /** Its code cache (read when there, written by `saveCache`). */
  readonly cachePath: string;
  /** Compile from source even when there is a cache (to write a fresh one). Default false. */
  readonly ignoreCache?: boolean;
}

/**
 * Runs the bundled command on `process.argv` (it starts when its script runs, as `node
 * main.js` would), compiled with the code cache when there is a usable one. The script runs
 * as a CommonJS module of its own path (`require`, `module`, `__filename`, `__dirname`).
 */
export function runBundle(options: BundleOptions): BundleLoad {
  const { bundlePath, cachePath } = options;
  let source: string;
  try {
    source = readFileSync(bundlePath, 'utf8');
  } catch {
    return { missing: true, cacheUsed: undefined, saveCache: () => undefined };
  }
  let cachedData: Buffer | undefined;
  if (options.ignoreCache !== true) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
  }
  for (const flag of BUNDLE_V8_FLAGS) setFlagsFromString(flag);
  // CommonJS's own wrapper, on the first line so that line numbers stay those of the file
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const cacheUsed = cachedData === undefined ? undefined : script.cachedDataRejected !== true;
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return {
    missing: false,
    cacheUsed,
    saveCache: () => {
      writeFileSync(cachePath, script.createCachedData());
    },
  };
}
