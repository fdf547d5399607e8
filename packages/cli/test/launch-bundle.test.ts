import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_V8_FLAGS, runBundle } from '../src/launch/bundle.js';

/**
 * Writes V8's code cache of `bundle` to `cache` from a fresh Node process, compiled the
 * way runBundle compiles it, after setting the V8 flags `flags` (none: Node's defaults).
 */
function cacheFromOtherProcess(bundle: string, cache: string, flags: readonly string[]): void {
  const code = `const [bundle, cache, flags] = JSON.parse(process.argv[1]);
for (const f of flags) require('node:v8').setFlagsFromString(f);
const { Script } = require('node:vm');
const source = require('node:fs').readFileSync(bundle, 'utf8');
const s = new Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: bundle });
require('node:fs').writeFileSync(cache, s.createCachedData());`;
  const r = spawnSync(process.execPath, ['-e', code, JSON.stringify([bundle, cache, flags])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cache writer failed: ${r.stderr}`);
}

interface Probe {
  runs: number;
  filename?: string;
  dirname?: string;
  sep?: string;
  answer?: number;
}

const probe = globalThis as unknown as { launchProbe?: Probe };

/** A small CommonJS script that records how it was run on globalThis.launchProbe. */
const SCRIPT = `const { sep } = require('node:path');
const p = (globalThis.launchProbe ??= { runs: 0 });
p.runs++;
p.filename = __filename;
p.dirname = __dirname;
p.sep = sep;
function deep(n) { return n === 0 ? 42 : deep(n - 1); }
p.answer = deep(3);
module.exports.ok = exports === module.exports;
`;

describe('runBundle (the command run from its bundle with a code cache)', () => {
  const dirs: string[] = [];
  const scratch = (): { bundle: string; cache: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'codezero-launch-'));
    dirs.push(dir);
    const bundle = join(dir, 'b.cjs');
    writeFileSync(bundle, SCRIPT);
    return { bundle, cache: join(dir, 'b.v8-cache') };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    delete probe.launchProbe;
  });

  it('runs the script as a CommonJS module of its own path', () => {
    const { bundle, cache } = scratch();
    const load = runBundle({ bundlePath: bundle, cachePath: cache });
    expect(load.missing).toBe(false);
    expect(load.cacheUsed).toBeUndefined();
    expect(probe.launchProbe).toMatchObject({ runs: 1, filename: bundle, dirname: join(bundle, '..'), sep: '/', answer: 42 });
  });

  it('writes a code cache that the next run uses', () => {
    const { bundle, cache } = scratch();
    runBundle({ bundlePath: bundle, cachePath: cache }).saveCache();
    expect(readFileSync(cache).length).toBeGreaterThan(0);
    const again = runBundle({ bundlePath: bundle, cachePath: cache });
    expect(again.cacheUsed).toBe(true);
    expect(probe.launchProbe?.runs).toBe(2);
    // ignoreCache compiles from source even with a cache there
    expect(runBundle({ bundlePath: bundle, cachePath: cache, ignoreCache: true }).cacheUsed).toBeUndefined();
  });

  it('compiles from source when V8 rejects the cache, and still runs', () => {
    const { bundle, cache } = scratch();
    writeFileSync(cache, Buffer.from('not a code cache at all, just bytes'));
    const load = runBundle({ bundlePath: bundle, cachePath: cache });
    expect(load.cacheUsed).toBe(false);
    expect(probe.launchProbe?.answer).toBe(42);
  });

  it('a cache of another script is rejected', () => {
    const a = scratch();
    const b = scratch();
    writeFileSync(b.bundle, `${SCRIPT}\nmodule.exports.other = true;\n`);
    runBundle({ bundlePath: a.bundle, cachePath: a.cache }).saveCache();
    expect(runBundle({ bundlePath: b.bundle, cachePath: a.cache }).cacheUsed).toBe(false);
    expect(probe.launchProbe?.runs).toBe(2);
  });

  it('compiles under BUNDLE_V8_FLAGS: a cache made without them is rejected, one made with them taken', () => {
    expect(BUNDLE_V8_FLAGS.length).toBeGreaterThan(0);
    const plain = scratch();
    cacheFromOtherProcess(plain.bundle, plain.cache, []);
    expect(runBundle({ bundlePath: plain.bundle, cachePath: plain.cache }).cacheUsed).toBe(false);
    const flagged = scratch();
    cacheFromOtherProcess(flagged.bundle, flagged.cache, BUNDLE_V8_FLAGS);
    expect(runBundle({ bundlePath: flagged.bundle, cachePath: flagged.cache }).cacheUsed).toBe(true);
    expect(probe.launchProbe?.runs).toBe(2);
  });

  it('reports a missing bundle without running anything', () => {
    const { cache } = scratch();
    const load = runBundle({ bundlePath: join(tmpdir(), 'codezero-no-such-bundle.cjs'), cachePath: cache });
    expect(load).toMatchObject({ missing: true, cacheUsed: undefined });
    load.saveCache();
    expect(() => readFileSync(cache)).toThrow();
    expect(probe.launchProbe).toBeUndefined();
  });
});
